"""Wiring of the registry context into the application: the consumer of registrations
until the files and processing contexts take the hand-off."""

from __future__ import annotations

import logging

from flask import Flask
from flask_smorest import Api

from eoffice.registry import api, pages
from eoffice.registry import in_person as _in_person  # noqa: F401 - pages on pages.bp
from eoffice.registry.domain import REGISTERED_TOPIC
from eoffice.registry.receipts import RECEIPT_DUE_TOPIC, receipt_due
from eoffice.shared.outbox import Delivery
from eoffice.shared.worker import Background

log = logging.getLogger(__name__)


def _log_registration(delivery: Delivery) -> None:
    """Placeholder consumer: the files context will open a file and processing will start
    the procedure's process from this message; until then it is logged and settled."""
    log.info("%s: %s", delivery.topic, delivery.payload)


def init_context(app: Flask, api_: Api) -> None:
    """Register this context's API and consumers with ``app`` (called by create_app)."""
    api_.register_blueprint(api.blp)
    app.register_blueprint(pages.bp)
    background: Background = app.extensions["eoffice.background"]
    if REGISTERED_TOPIC not in background.consumers:
        background.consumer(REGISTERED_TOPIC)(_log_registration)
    if RECEIPT_DUE_TOPIC not in background.consumers:
        background.consumer(RECEIPT_DUE_TOPIC)(receipt_due)
