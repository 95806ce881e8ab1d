"""The worker's side of integrity: the scheduled fixity check (``FIXITY_JOB``), the
timestamp renewal of archived documents (``RENEWAL_JOB``) and the consumer of an
archivist's request for a fixity check now."""

from __future__ import annotations

from flask import current_app

from eoffice.archive.services import fixity, renewal
from eoffice.archive.topics import FIXITY_JOB, RENEWAL_JOB
from eoffice.shared.db import Database
from eoffice.shared.outbox import Delivery
from eoffice.shared.worker import Background


def run_fixity_job(database: Database) -> int:
    """Start a run when the schedule wants one (``archive_fixity_days``); 1 if it ran."""
    settings = current_app.config["EOFFICE_SETTINGS"]
    with database.reader() as session:
        due = fixity.fixity_due(session, every_days=settings.archive_fixity_days)
    if not due:
        return 0
    fixity.run_fixity(actor=fixity.SYSTEM, database=database)
    return 1


def run_renewal_job(database: Database) -> int:
    """Renew a few due timestamps (``archive_timestamp_renewal_days``)."""
    settings = current_app.config["EOFFICE_SETTINGS"]
    return renewal.renew_due(database, older_than_days=settings.archive_timestamp_renewal_days)


def fixity_requested(delivery: Delivery) -> None:
    """An archivist asked for a fixity check: run it now, as that person."""
    fixity.run_fixity(actor=str(delivery.payload.get("actor") or fixity.SYSTEM))


def register_integrity(background: Background) -> None:
    background.jobs[FIXITY_JOB] = run_fixity_job
    background.jobs[RENEWAL_JOB] = run_renewal_job
    if fixity.FIXITY_REQUESTED_TOPIC not in background.consumers:
        background.consumer(fixity.FIXITY_REQUESTED_TOPIC)(fixity_requested)
