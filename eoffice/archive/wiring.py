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
    from eoffice import files  # noqa: PLC0415
    from eoffice.archive import records_api, records_pages  # noqa: PLC0415
    from eoffice.archive.services.transfer import file_closed  # noqa: PLC0415

    app.register_blueprint(records_pages.bp)
    api_.register_blueprint(records_api.blp)
    if files.CLOSED_TOPIC not in app.extensions["eoffice.background"].consumers:
        app.extensions["eoffice.background"].consumer(files.CLOSED_TOPIC)(file_closed)
    # search and indexing (helper S)
    from eoffice.archive import search_api, search_pages  # noqa: PLC0415
    from eoffice.archive.services.indexing import record_to_index  # noqa: PLC0415
    from eoffice.archive.topics import INDEX_TOPIC  # noqa: PLC0415

    app.register_blueprint(search_pages.bp)
    api_.register_blueprint(search_api.blp)
    if INDEX_TOPIC not in app.extensions["eoffice.background"].consumers:
        app.extensions["eoffice.background"].consumer(INDEX_TOPIC)(record_to_index)
    # retention and disposition (helper D)
    from eoffice.archive import retention_api, retention_pages  # noqa: PLC0415

    app.register_blueprint(retention_pages.bp)
    api_.register_blueprint(retention_api.blp)
    # destruction lists and their execution (helper X)
    from eoffice.archive.disposal_wiring import init_disposal  # noqa: PLC0415

    init_disposal(app, api_)
    # integrity (helper F)
    from eoffice.archive import integrity_api, integrity_pages  # noqa: PLC0415
    from eoffice.archive.integrity_jobs import register_integrity  # noqa: PLC0415

    app.register_blueprint(integrity_pages.bp)
    api_.register_blueprint(integrity_api.blp)
    register_integrity(app.extensions["eoffice.background"])
