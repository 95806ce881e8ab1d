"""Wiring of the archive: its runtime (index and packages), pages, API, outbox consumers
and worker jobs."""

from __future__ import annotations

from flask import Flask
from flask_smorest import Api

from eoffice import files
from eoffice.archive import (
    home,
    integrity_api,
    integrity_pages,
    records_api,
    records_pages,
    retention_api,
    retention_pages,
    search_api,
    search_pages,
)
from eoffice.archive.disposal_wiring import init_disposal
from eoffice.archive.integrity_jobs import register_integrity
from eoffice.archive.runtime import init_runtime
from eoffice.archive.services.indexing import record_to_index
from eoffice.archive.services.transfer import file_closed
from eoffice.archive.topics import INDEX_TOPIC
from eoffice.shared.worker import Background


def init_context(app: Flask, api_: Api) -> None:
    """Register the archive with ``app``."""
    init_runtime(app)
    background: Background = app.extensions["eoffice.background"]
    app.register_blueprint(home.bp)
    # transfers, packages and the archived file's pages
    app.register_blueprint(records_pages.bp)
    api_.register_blueprint(records_api.blp)
    if files.CLOSED_TOPIC not in background.consumers:
        background.consumer(files.CLOSED_TOPIC)(file_closed)
    # search and indexing
    app.register_blueprint(search_pages.bp)
    api_.register_blueprint(search_api.blp)
    if INDEX_TOPIC not in background.consumers:
        background.consumer(INDEX_TOPIC)(record_to_index)
    # retention schedule, holds, calendar
    app.register_blueprint(retention_pages.bp)
    api_.register_blueprint(retention_api.blp)
    # destruction lists and their execution
    init_disposal(app, api_)
    # integrity: fixity checks and timestamp renewal
    app.register_blueprint(integrity_pages.bp)
    api_.register_blueprint(integrity_api.blp)
    register_integrity(background)
