"""Wiring of the deadlines context into the application: the calendar API and admin page,
and the worker job ``deadlines.watch`` (expiry and warnings of deadlines)."""

from __future__ import annotations

from flask import Flask, current_app
from flask_smorest import Api

from eoffice.deadlines import admin_pages, api
from eoffice.deadlines.services.watch import WATCH_JOB, watch_deadlines
from eoffice.shared.db import Database
from eoffice.shared.worker import Background


def run_watch_job(database: Database) -> int:
    """The worker job: one transaction; returns the deadlines expired or announced."""
    settings = current_app.config["EOFFICE_SETTINGS"]
    with database.unit_of_work() as session:
        expired, warned = watch_deadlines(session,
                                          warning_days=settings.deadline_warning_days)
    return expired + warned


def init_context(app: Flask, api_: Api) -> None:
    """Register this context's API, page and worker job with ``app``."""
    api_.register_blueprint(api.blp)
    app.register_blueprint(admin_pages.bp)
    background: Background = app.extensions["eoffice.background"]
    background.jobs[WATCH_JOB] = run_watch_job
