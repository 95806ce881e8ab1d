"""Wiring of the citizen folder: its pages and API, and the rule that lets a citizen read
the receipts of her submissions and the evidence of her powers."""

from __future__ import annotations

from flask import Flask
from flask_smorest import Api

from eoffice import documents
from eoffice.folder import api, preferences, routes
from eoffice.folder.holdings import folder_documents_rule
from eoffice.folder.labels import init_labels


def init_context(app: Flask, api_: Api) -> None:
    """Register the citizen folder's blueprints with ``app``."""
    app.register_blueprint(routes.bp)
    app.register_blueprint(preferences.bp)
    api_.register_blueprint(api.blp)
    documents.add_access_rule(app, folder_documents_rule)
    init_labels(app)
