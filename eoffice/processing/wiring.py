"""Wiring of the processing context into the application: its API, the timer job, and
the consumer of opened files (the hand-off that starts a case's process), and the
consumers that resume waiting processes (signatures done, notification outcomes,
agreements decided by collegiate bodies)."""

from __future__ import annotations

from flask import Flask
from flask_smorest import Api

from eoffice import bodies, deadlines, documents, files, notifications
from eoffice.processing import (
    adhoc_pages,
    admin_pages,
    api,
    migration_pages,
    pages,
    task_pages,
)
from eoffice.processing.services import (
    agreements,
    intake,
    notice_outcomes,
    signatures,
    timers,
)
from eoffice.shared.worker import Background


def init_context(app: Flask, api_: Api) -> None:
    """Register this context's API and worker job with ``app``."""
    api_.register_blueprint(api.blp)
    app.register_blueprint(pages.bp)
    app.register_blueprint(migration_pages.bp)
    app.register_blueprint(admin_pages.bp)
    app.register_blueprint(task_pages.bp)
    app.register_blueprint(adhoc_pages.bp)
    app.add_template_global(adhoc_pages.file_processing, "file_processing")
    app.add_template_global(adhoc_pages.resolution_terms, "resolution_terms")
    background: Background = app.extensions["eoffice.background"]
    background.jobs[timers.TIMER_JOB] = timers.run_timer_job
    if files.OPENED_TOPIC not in background.consumers:
        background.consumer(files.OPENED_TOPIC)(intake.file_opened)
    for topic in (deadlines.EXPIRED_TOPIC, deadlines.NEAR_TOPIC):
        if topic not in background.consumers:
            background.consumer(topic)(intake.deadline_event)
    if files.REQUIREMENT_ANSWERED_TOPIC not in background.consumers:
        background.consumer(files.REQUIREMENT_ANSWERED_TOPIC)(intake.requirement_answered)
    if documents.CIRCUIT_FINISHED_TOPIC not in background.consumers:
        background.consumer(documents.CIRCUIT_FINISHED_TOPIC)(signatures.circuit_finished)
    if notifications.OUTCOME_TOPIC not in background.consumers:
        background.consumer(notifications.OUTCOME_TOPIC)(notice_outcomes.notification_outcome)
    if bodies.AGREEMENT_DECIDED_TOPIC not in background.consumers:
        background.consumer(bodies.AGREEMENT_DECIDED_TOPIC)(agreements.agreement_decided)
