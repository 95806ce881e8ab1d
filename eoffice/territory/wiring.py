"""Wiring of the territory database: its back-office pages, public API and open data,
and the rate limit of the public address lookups (the shared Flask-Limiter of identity,
found in ``app.extensions``). The commands are listed in ``territory.commands``."""

from __future__ import annotations

from flask import Flask
from flask_smorest import Api

from eoffice.territory import api, pages

LOOKUP_RATE = "600 per minute"  # an address control asks as its user types
OPEN_DATA_RATE = "60 per minute"
_LIMITED: set[tuple[int, str]] = set()


def _limit_public(app: Flask) -> None:
    for limiter in app.extensions.get("limiter", ()):
        for blueprint, rate in ((api.blp, LOOKUP_RATE), (api.open_blp, OPEN_DATA_RATE)):
            key = (id(limiter), blueprint.name)
            if key not in _LIMITED:
                limiter.limit(rate)(blueprint)
                _LIMITED.add(key)


def init_context(app: Flask, api_: Api) -> None:
    """Register the territory database with ``app``."""
    api_.register_blueprint(api.blp)
    api_.register_blueprint(api.open_blp)
    app.register_blueprint(pages.bp)
    _limit_public(app)
