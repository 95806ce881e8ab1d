"""Wiring of the notifications context: the e-mail consumer of the outbox, the expiry
job, the sealing of evidence and postal notices, the access rule of notified documents,
the notification pages and API, and the edict board."""

from __future__ import annotations

from flask import Flask
from flask_smorest import Api

from eoffice import documents
from eoffice.notifications import api as notifications_api
from eoffice.notifications import backoffice_pages as notifications_backoffice
from eoffice.notifications import pages as notifications_pages
from eoffice.notifications.domain import DOCUMENT_DUE_TOPIC, EXPIRY_JOB
from eoffice.notifications.edicts.wiring import init_edict_board
from eoffice.notifications.mail import EMAIL_TOPIC, deliver_email
from eoffice.notifications.services.evidence import deliver_document_due
from eoffice.notifications.services.life_cycle import run_expiry_job
from eoffice.notifications.services.listing import notified_documents_rule
from eoffice.shared.worker import Background


def init_context(app: Flask, api: Api) -> None:
    """Register the e-mail consumer with ``app`` (called by create_app)."""
    background: Background = app.extensions["eoffice.background"]
    if EMAIL_TOPIC not in background.consumers:
        background.consumer(EMAIL_TOPIC)(deliver_email)
    # Notifications: expiry, sealed evidence and postal notices, who reads the content.
    background.jobs[EXPIRY_JOB] = run_expiry_job
    if DOCUMENT_DUE_TOPIC not in background.consumers:
        background.consumer(DOCUMENT_DUE_TOPIC)(deliver_document_due)
    documents.add_access_rule(app, notified_documents_rule)
    api.register_blueprint(notifications_api.blp)
    app.register_blueprint(notifications_pages.bp)
    app.register_blueprint(notifications_backoffice.bp)
    init_edict_board(app, api)  # the edict board: pages, API, periods and certificates
