"""Publication: publish a draft now or at a date, unpublish at a date, and record
each change of visibility once (audit event and outbox message).

What the public sees is computed from the dates at every request, so a
publication takes effect on time without anyone acting. The worker job (and a
publication that is effective at once) records the transition when it happens.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice import audit
from eoffice.catalogue import format as fmt
from eoffice.catalogue import queries, rules
from eoffice.catalogue.domain import VersionStatus
from eoffice.catalogue.errors import (
    MissingUnit,
    NotPublishable,
    NotPublished,
    PublishedIsImmutable,
)
from eoffice.catalogue.models import Procedure, ProcedureVersion
from eoffice.catalogue.services.checks import publication_check
from eoffice.shared import outbox
from eoffice.shared.clock import utcnow
from eoffice.shared.db import Database
from eoffice.shared.errors import FieldError

PUBLISHED_TOPIC = "catalogue.procedure_published"
UNPUBLISHED_TOPIC = "catalogue.procedure_unpublished"
JOB_BATCH = 100


@dataclass(frozen=True)
class PublishOutcome:
    version: ProcedureVersion
    warnings: list[FieldError]


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def _announce(session: Session, procedure: Procedure, version: ProcedureVersion, topic: str,
              *, actor: str, replaces: int | None = None) -> None:
    payload = {
        "procedure": procedure.code, "version": version.number,
        "published_from": _iso(version.published_from),
        "published_until": _iso(version.published_until),
        "content_sha256": version.content_sha256,
    }
    audit.record_event(
        session, topic, actor=actor, object_type="procedure", object_id=procedure.code,
        unit_code=version.unit_code, data={**payload, "replaces": replaces},
    )
    outbox.enqueue(session, topic, payload,
                   dedup_key=f"{topic}:{procedure.code}:{version.number}")


def reconcile(session: Session, procedure: Procedure, now: datetime, *, actor: str) -> int:
    """Record the change of visibility of ``procedure`` at ``now``, if any (0 or 1)."""
    versions = {v.number: v for v in queries.list_versions(session, procedure)}
    windows = queries.windows_of(list(versions.values()))
    current = rules.current_window(windows, now)
    number = current.number if current else None
    changed = number != procedure.live_version
    if changed and number is None and procedure.live_version in versions:
        _announce(session, procedure, versions[procedure.live_version], UNPUBLISHED_TOPIC,
                  actor=actor)
    elif changed and number is not None:
        _announce(session, procedure, versions[number], PUBLISHED_TOPIC, actor=actor,
                  replaces=procedure.live_version)
    procedure.live_version = number
    procedure.next_change_at = rules.next_change(windows, now)
    return int(changed)


def publish_version(
    session: Session, code: str, number: int, *, actor: str,
    published_from: datetime | None = None, published_until: datetime | None = None,
) -> PublishOutcome:
    """Publish draft ``number`` now (or from ``published_from``), until ``published_until``.

    Refused (nothing changes) when the version is already published (409), a date
    is in the past, or the definition is not complete (422 naming the fields).
    """
    now = utcnow()
    procedure = queries.get_procedure(session, code, for_update=True)
    version = queries.get_version(session, procedure, number)
    if version.status != VersionStatus.DRAFT:
        raise PublishedIsImmutable()
    start, end = rules.publication_period(now, published_from, published_until)
    problems, warnings = publication_check(session, code, queries.definition_of(version))
    if any((p.field, p.code) == ("unit", "required") for p in problems):
        raise MissingUnit(errors=problems)
    if problems:
        raise NotPublishable(errors=problems)
    version.status = VersionStatus.PUBLISHED
    version.published_from, version.published_until = start, end
    version.published_at, version.published_by = now, actor
    version.content_sha256 = fmt.content_sha256(version.definition)
    audit.record_event(
        session, "catalogue.version_published", actor=actor, object_type="procedure",
        object_id=code, unit_code=version.unit_code,
        data={"version": number, "published_from": _iso(start), "published_until": _iso(end),
              "scheduled": start > now, "content_sha256": version.content_sha256,
              "warnings": [f"{w.field}: {w.code}" for w in warnings]},
    )
    session.flush()
    reconcile(session, procedure, now, actor=actor)
    return PublishOutcome(version, warnings)


def _still_visible_after(
    versions: Sequence[ProcedureVersion], now: datetime
) -> list[ProcedureVersion]:
    """Published versions that are visible, or scheduled, after ``now``."""
    return [
        v for v in versions
        if v.status == VersionStatus.PUBLISHED
        and (v.published_until is None or v.published_until > now)
    ]


def unpublish(session: Session, code: str, *, actor: str,
              published_until: datetime | None = None) -> list[ProcedureVersion]:
    """Make ``code`` invisible from ``published_until`` (default now) on: every published
    version ends then, scheduled ones included, until a new version is published."""
    now = utcnow()
    procedure = queries.get_procedure(session, code, for_update=True)
    affected = _still_visible_after(queries.list_versions(session, procedure), now)
    if not affected:
        raise NotPublished()
    end = rules.unpublication_instant(now, published_until)
    for version in affected:
        if version.published_until is None or version.published_until > end:
            version.published_until = end
    audit.record_event(
        session, "catalogue.unpublication_scheduled", actor=actor, object_type="procedure",
        object_id=code, unit_code=affected[-1].unit_code,
        data={"versions": [v.number for v in affected], "published_until": _iso(end)},
    )
    session.flush()
    reconcile(session, procedure, now, actor=actor)
    return affected


def record_due_transitions(session: Session, now: datetime, *, limit: int = JOB_BATCH) -> int:
    """Record the changes of visibility that are due at ``now``; returns how many."""
    due = session.scalars(
        select(Procedure)
        .where(Procedure.next_change_at.is_not(None), Procedure.next_change_at <= now)
        .order_by(Procedure.next_change_at, Procedure.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
    ).all()
    return sum(reconcile(session, procedure, now, actor="system") for procedure in due)


def run_publication_job(database: Database) -> int:
    """The worker job ``catalogue.publication``: one transaction, due procedures only.

    Several workers may run it at once: each procedure row is locked (PostgreSQL)
    or the write lock is taken up front (SQLite), and the recorded state makes a
    second run a no-op; outbox messages are also deduplicated by key.
    """
    with database.unit_of_work() as session:
        return record_due_transitions(session, utcnow())

