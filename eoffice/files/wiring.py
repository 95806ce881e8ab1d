"""Wiring of the files context into the application: the ``file_number`` URL converter
(numbers such as ``URB/2026/000001`` hold slashes), the API and the back-office pages, and
the consumers that add each sealed registry receipt to its file and close the files their
processes asked to close."""

from __future__ import annotations

from typing import Any

from flask import Flask
from flask_smorest import Api
from werkzeug.routing import BaseConverter

from eoffice import documents, registry
from eoffice.files import api, grouping_api, grouping_pages, pages, statistics_api, statistics_pages
from eoffice.files.services.access import file_documents_rule
from eoffice.files.services.closing_requests import CLOSURE_REQUESTED_TOPIC, closure_requested
from eoffice.files.services.documents import receipt_issued
from eoffice.shared.worker import Background


class FileNumberConverter(BaseConverter):
    """``<unit>/<year>/<sequence>`` in a URL path."""

    regex = r"[A-Za-z0-9_.-]{1,50}/[0-9]{4}/[0-9]{1,9}"
    part_isolating = False


def _number_schema(_converter: Any) -> dict[str, Any]:
    return {"type": "string", "example": "URB/2026/000001"}


def init_context(app: Flask, api_: Api) -> None:
    """Register this context's API and pages with ``app`` (called by create_app)."""
    app.url_map.converters["file_number"] = FileNumberConverter
    api_.register_converter(FileNumberConverter, _number_schema)
    api_.register_blueprint(api.blp)
    app.register_blueprint(pages.bp)
    api_.register_blueprint(grouping_api.blp)
    app.register_blueprint(grouping_pages.bp)
    api_.register_blueprint(statistics_api.blp)
    app.register_blueprint(statistics_pages.bp)
    documents.add_access_rule(app, file_documents_rule)
    background: Background = app.extensions["eoffice.background"]
    if registry.RECEIPT_ISSUED_TOPIC not in background.consumers:
        background.consumer(registry.RECEIPT_ISSUED_TOPIC)(receipt_issued)
    if CLOSURE_REQUESTED_TOPIC not in background.consumers:
        background.consumer(CLOSURE_REQUESTED_TOPIC)(closure_requested)
