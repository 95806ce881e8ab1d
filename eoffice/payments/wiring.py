"""Wiring of the payments context into the application: API, pages, the sandbox card
gateway, its notifications and the expiry job. Settled payments (``SETTLED_TOPIC``) are
consumed by the context the payment is for (submissions)."""

from __future__ import annotations

from flask import Flask
from flask_smorest import Api

from eoffice.payments import api, routes, staff_pages
from eoffice.payments.sandbox import gateway, notifier
from eoffice.payments.services.bank import run_expiry_job
from eoffice.shared.worker import Background

EXPIRY_JOB = "payments.expiry"


def init_context(app: Flask, api_: Api) -> None:
    """Register this context's API and pages with ``app`` (called by create_app)."""
    api_.register_blueprint(api.blp)
    app.register_blueprint(routes.bp)
    app.register_blueprint(staff_pages.bp)
    app.register_blueprint(gateway.bp)
    background: Background = app.extensions["eoffice.background"]
    background.jobs[EXPIRY_JOB] = run_expiry_job
    if notifier.NOTIFY_TOPIC not in background.consumers:
        background.consumer(notifier.NOTIFY_TOPIC)(notifier.deliver_notification)
