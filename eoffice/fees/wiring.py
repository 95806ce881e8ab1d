"""Wiring of the fees context into the application: its API and page blueprints."""

from __future__ import annotations

from flask import Flask
from flask_smorest import Api

from eoffice.fees import admin_api, admin_pages, api, routes


def init_context(app: Flask, api_: Api) -> None:
    """Register this context's API and pages with ``app`` (called by create_app)."""
    api_.register_blueprint(api.blp)
    api_.register_blueprint(admin_api.blp)
    app.register_blueprint(routes.bp)
    app.register_blueprint(admin_pages.bp)
