"""Wiring of the documents context into the application: API, verification page and the
rate limit that keeps verification codes from being enumerated."""

from __future__ import annotations

from flask import Flask, current_app
from flask_smorest import Api

from eoffice.documents import api, routes, verify_api
from eoffice.documents.tray import pages as tray_pages

DEFAULT_VERIFY_RATE = "30 per minute"
_LIMITED: set[tuple[int, str]] = set()


def verify_rate() -> str:
    """Verification lookups allowed per client address (a setting when it exists)."""
    settings = current_app.config["EOFFICE_SETTINGS"]
    rate: str = getattr(settings, "verify_rate_limit", "") or DEFAULT_VERIFY_RATE
    return rate


def _limit_verification(app: Flask) -> None:
    """Apply the verify rate to the public verification API and page, per client address
    (the shared Flask-Limiter of identity, found in ``app.extensions``)."""
    for limiter in app.extensions.get("limiter", ()):
        for blueprint in (verify_api.blp, routes.bp):
            key = (id(limiter), blueprint.name)
            if key not in _LIMITED:
                limiter.limit(verify_rate)(blueprint)
                _LIMITED.add(key)


def init_context(app: Flask, api_: Api) -> None:
    """Register this context's API and pages with ``app`` (called by create_app)."""
    api_.register_blueprint(api.blp)
    api_.register_blueprint(verify_api.blp)
    app.register_blueprint(routes.bp)
    app.register_blueprint(tray_pages.bp)
    _limit_verification(app)
