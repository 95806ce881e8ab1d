"""Wiring of the submissions context into the application."""

from __future__ import annotations

from flask import Flask
from flask_smorest import Api

from eoffice.submissions import api, routes, staff_routes


def init_context(app: Flask, api_: Api) -> None:
    """Register this context's API and pages with ``app`` (called by create_app)."""
    api_.register_blueprint(api.blp)
    app.register_blueprint(routes.bp)
    app.register_blueprint(staff_routes.bp)
