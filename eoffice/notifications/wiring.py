"""Wiring of the notifications context: the e-mail consumer of the outbox."""

from __future__ import annotations

from flask import Flask
from flask_smorest import Api

from eoffice.notifications.mail import EMAIL_TOPIC, deliver_email
from eoffice.shared.worker import Background


def init_context(app: Flask, api: Api) -> None:
    """Register the e-mail consumer with ``app`` (called by create_app)."""
    background: Background = app.extensions["eoffice.background"]
    if EMAIL_TOPIC not in background.consumers:
        background.consumer(EMAIL_TOPIC)(deliver_email)
