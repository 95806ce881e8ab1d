"""Wiring of the submissions context into the application: API, pages, the access rule
for its documents, and the consumer of settled payments (a paid fee moves its submission
to ``fee_settled``). The hand-off is consumed by processing (``submissions.hand_over``)."""

from __future__ import annotations

import logging

from flask import Flask
from flask_smorest import Api

from eoffice import documents, payments
from eoffice.shared.db import unit_of_work
from eoffice.shared.outbox import Delivery
from eoffice.shared.worker import Background
from eoffice.submissions import (
    api,
    attachments_api,
    requirement_api,
    routes,
    signing_api,
    staff_routes,
)
from eoffice.submissions import document_pages as _document_pages  # noqa: F401 - on routes.bp
from eoffice.submissions import requirement_pages as _requirement_pages  # noqa: F401 - on routes.bp
from eoffice.submissions import signing_pages as _signing_pages  # noqa: F401 - on routes.bp
from eoffice.submissions.models import Submission
from eoffice.submissions.services import document_access, expiry, paying

log = logging.getLogger(__name__)


def payment_settled(delivery: Delivery) -> None:
    """A payment was settled: if it is a submission's fee, note it on the submission."""
    if delivery.payload.get("subject_kind") != "submission":
        log.info("%s: not for a submission: %s", delivery.topic, delivery.payload)
        return
    with unit_of_work() as db:
        row = db.get(Submission, str(delivery.payload.get("subject_id", "")),
                     with_for_update=True)
        if row is not None:
            paying.note_settlement(db, row, actor="payments")


def init_context(app: Flask, api_: Api) -> None:
    """Register this context's API, pages and consumers with ``app``."""
    api_.register_blueprint(api.blp)
    api_.register_blueprint(attachments_api.blp)
    api_.register_blueprint(signing_api.blp)
    api_.register_blueprint(requirement_api.blp)
    app.register_blueprint(routes.bp)
    app.register_blueprint(staff_routes.bp)
    documents.add_access_rule(app, document_access.submission_documents_rule)
    background: Background = app.extensions["eoffice.background"]
    background.jobs[expiry.EXPIRY_JOB] = expiry.run_expiry_job
    if payments.SETTLED_TOPIC not in background.consumers:
        background.consumer(payments.SETTLED_TOPIC)(payment_settled)
