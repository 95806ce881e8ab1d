"""Wiring of the representation context: its pages and API, the consumer that seals
evidence the request could not, and who may read that evidence."""

from __future__ import annotations

from flask import Flask
from flask_smorest import Api

from eoffice import documents
from eoffice.representation import api as powers_api
from eoffice.representation import backoffice, pages
from eoffice.representation.domain import EVIDENCE_DUE_TOPIC
from eoffice.representation.evidence import evidence_due, evidence_rule
from eoffice.shared.worker import Background


def init_context(app: Flask, api: Api) -> None:
    """Register the representation context's blueprints with ``app``."""
    api.register_blueprint(powers_api.blp)
    app.register_blueprint(pages.bp)
    app.register_blueprint(backoffice.bp)
    documents.add_access_rule(app, evidence_rule)
    background: Background = app.extensions["eoffice.background"]
    if EVIDENCE_DUE_TOPIC not in background.consumers:
        background.consumer(EVIDENCE_DUE_TOPIC)(evidence_due)
