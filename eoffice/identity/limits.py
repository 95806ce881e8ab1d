"""Rate limiting of sign-in attempts (Flask-Limiter), per client address."""

from __future__ import annotations

from flask import Flask, current_app
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

limiter = Limiter(key_func=get_remote_address, default_limits=[])


def sign_in_rate() -> str:
    """The configured sign-in rate, read when a request is limited."""
    rate: str = current_app.config["EOFFICE_SETTINGS"].sign_in_rate_limit
    return rate


def init_limits(app: Flask) -> None:
    app.config.setdefault("RATELIMIT_STORAGE_URI", "memory://")
    app.config.setdefault("RATELIMIT_HEADERS_ENABLED", True)
    limiter.init_app(app)
