"""Wiring of the forms context into the application: blueprints, worker jobs, consumers."""

from __future__ import annotations

from flask import Flask
from flask_smorest import Api

from eoffice.forms import admin_api, api, builder


def init_context(app: Flask, api_: Api) -> None:
    """Register this context's API and pages with app (called by create_app)."""
    api_.register_blueprint(api.blp)
    api_.register_blueprint(admin_api.blp)
    app.register_blueprint(builder.bp)
