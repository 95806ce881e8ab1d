"""Wiring of the files context: until the processing context starts processes from it,
the file-opened message is logged and settled."""

from __future__ import annotations

import logging

from flask import Flask
from flask_smorest import Api

from eoffice.files.services.opening import OPENED_TOPIC
from eoffice.shared.outbox import Delivery
from eoffice.shared.worker import Background

log = logging.getLogger(__name__)


def _log_opened(delivery: Delivery) -> None:
    log.info("%s: %s", delivery.topic, delivery.payload)


def init_context(app: Flask, api: Api) -> None:
    background: Background = app.extensions["eoffice.background"]
    if OPENED_TOPIC not in background.consumers:
        background.consumer(OPENED_TOPIC)(_log_opened)
