"""Wiring of the processing context into the application: its API and the timer job."""

from __future__ import annotations

from flask import Flask
from flask_smorest import Api

from eoffice.processing import api
from eoffice.processing.services import timers
from eoffice.shared.worker import Background


def init_context(app: Flask, api_: Api) -> None:
    """Register this context's API and worker job with ``app``."""
    api_.register_blueprint(api.blp)
    background: Background = app.extensions["eoffice.background"]
    background.jobs[timers.TIMER_JOB] = timers.run_timer_job
