"""Wiring of the edict board: its public and back-office pages, its API and the worker
job that moves edicts through their period and issues their certificates."""

from __future__ import annotations

from flask import Flask
from flask_smorest import Api

from eoffice.notifications.edicts import api, backoffice_pages, pages
from eoffice.notifications.edicts.certificates import EDICT_JOB, run_edict_job
from eoffice.shared.worker import Background


def init_edict_board(app: Flask, api_: Api) -> None:
    """Register the board's blueprints and job with ``app`` (from the context's wiring)."""
    api_.register_blueprint(api.blp)
    app.register_blueprint(pages.bp)
    app.register_blueprint(backoffice_pages.bp)
    background: Background = app.extensions["eoffice.background"]
    background.jobs[EDICT_JOB] = run_edict_job
