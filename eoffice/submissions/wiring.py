"""Wiring of the submissions context into the application."""

from __future__ import annotations

from flask import Flask
from flask_smorest import Api

from eoffice.submissions import routes


def init_context(app: Flask, api: Api) -> None:
    """Register this context's pages with ``app`` (called by create_app)."""
    app.register_blueprint(routes.bp)
