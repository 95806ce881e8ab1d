"""Wiring of the payments context into the application: API, pages, the sandbox card
gateway, the expiry job and a consumer for settled payments."""

from __future__ import annotations

import logging

from flask import Flask
from flask_smorest import Api

from eoffice.payments import api, routes, staff_pages
from eoffice.payments.sandbox import gateway, notifier
from eoffice.payments.services.bank import run_expiry_job
from eoffice.payments.services.ledger import SETTLED_TOPIC
from eoffice.shared.outbox import Delivery
from eoffice.shared.worker import Background

log = logging.getLogger(__name__)
EXPIRY_JOB = "payments.expiry"


def _log_settled(delivery: Delivery) -> None:
    """Placeholder consumer until submissions (and documents, for the receipt) subscribe."""
    log.info("%s: %s", delivery.topic, delivery.payload)


def init_context(app: Flask, api_: Api) -> None:
    """Register this context's API and pages with ``app`` (called by create_app)."""
    api_.register_blueprint(api.blp)
    app.register_blueprint(routes.bp)
    app.register_blueprint(staff_pages.bp)
    app.register_blueprint(gateway.bp)
    background: Background = app.extensions["eoffice.background"]
    background.jobs[EXPIRY_JOB] = run_expiry_job
    if SETTLED_TOPIC not in background.consumers:
        background.consumer(SETTLED_TOPIC)(_log_settled)
    if notifier.NOTIFY_TOPIC not in background.consumers:
        background.consumer(notifier.NOTIFY_TOPIC)(notifier.deliver_notification)
