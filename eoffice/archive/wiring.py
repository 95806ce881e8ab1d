"""Wiring of the archive: its runtime (index and packages), pages, API, outbox consumers
and worker jobs. Each part registers itself here in one line."""

from __future__ import annotations

from flask import Flask
from flask_smorest import Api

from eoffice.archive import home
from eoffice.archive.runtime import init_runtime


def init_context(app: Flask, api_: Api) -> None:
    """Register the archive with ``app``."""
    init_runtime(app)
    app.register_blueprint(home.bp)
    # transfer (helper T)
    # search and indexing (helper S)
    # retention and disposition (helper D)
    # integrity (helper F)
