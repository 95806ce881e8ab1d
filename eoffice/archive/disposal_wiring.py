"""Wiring of disposition: its pages, API, the daily job preparing destruction lists and
the consumer executing approved ones."""

from __future__ import annotations

from flask import Flask
from flask_smorest import Api

from eoffice.archive import disposal_api, disposal_pages
from eoffice.archive.services.disposal_execution import disposal_approved, run_disposal_job
from eoffice.archive.topics import DISPOSAL_APPROVED_TOPIC, DISPOSAL_JOB
from eoffice.shared.worker import Background


def init_disposal(app: Flask, api_: Api) -> None:
    """Register disposition with ``app`` (from the archive's wiring)."""
    app.register_blueprint(disposal_pages.bp)
    api_.register_blueprint(disposal_api.blp)
    background: Background = app.extensions["eoffice.background"]
    background.jobs[DISPOSAL_JOB] = run_disposal_job
    if DISPOSAL_APPROVED_TOPIC not in background.consumers:
        background.consumer(DISPOSAL_APPROVED_TOPIC)(disposal_approved)
