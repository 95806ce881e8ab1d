"""The retention schedule's series: only archivists create and change them, an invalid
rule is refused field by field and changes nothing, a rule change recomputes the files
of the series, and the demo schedule loads idempotently."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice import identity
from eoffice.archive.errors import InvalidSeries, NotAllowedInArchive, UnknownRecord
from eoffice.archive.models import Series
from eoffice.archive.services.access import get_record_for, may_see_record
from eoffice.archive.services.indexing import items_of_record
from eoffice.archive.services.series import (
    SeriesRule,
    create_series,
    list_series,
    update_series,
)
from eoffice.archive.topics import INDEX_TOPIC
from eoffice.audit.models import AuditEvent
from eoffice.demo.archive_series import DEMO_SERIES, load_demo_series
from eoffice.shared.clock import utcnow
from eoffice.shared.outbox import OutboxMessage
from tests.archive.test_retention import archived

RULE = SeriesRule(code="T-NEW", title={"en": "Test series", "es": "Serie"},
                  procedure_code="test-proc", retention_years=5, action="destroy")


def principal(db: Session, login: str) -> identity.Principal:
    return identity.load_principal(db, identity.get_account(db, login),
                                   authenticated_by="session")


def test_an_archivist_creates_a_series_and_files_join_it(db: Session) -> None:
    created = create_series(db, RULE, principal=principal(db, "archivist"))
    assert created.code in {s.code for s in list_series(db)}
    record = archived(db)
    assert record.series_code == "T-NEW" and record.retention_until == date(2032, 1, 1)


def test_a_clerk_may_not_create_a_series(db: Session) -> None:
    with pytest.raises(NotAllowedInArchive):
        create_series(db, RULE, principal=principal(db, "clerk"))
    assert db.scalar(select(Series).where(Series.code == "T-NEW")) is None


@pytest.mark.parametrize(("changes", "field", "code"), [
    ({"retention_years": -1}, "retention_years", "archive.invalid_period"),
    ({"action": "keep"}, "action", "archive.keep_with_period"),
    ({"action": "sample", "sample_percent": None}, "sample_percent", "archive.invalid_sample"),
    ({"action": "sample", "sample_percent": 100}, "sample_percent", "archive.invalid_sample"),
    ({"trigger": "metadata"}, "trigger_field", "archive.trigger_field_required"),
    ({"code": "URB-LIC.01"}, "code", "archive.duplicate_series"),
    ({"procedure_code": "minor-works"}, "procedure_code", "archive.already_covered"),
    ({"title": {}}, "title", "archive.title_required"),
    ({"case_code": "x", "procedure_code": None}, "case_code", "archive.case_without_procedure"),
])
def test_an_invalid_rule_is_refused_and_changes_nothing(
        db: Session, changes: dict[str, Any], field: str, code: str) -> None:
    load_demo_series(db)
    before = len(list_series(db))
    with pytest.raises(InvalidSeries) as raised:
        create_series(db, replace(RULE, **changes), principal=principal(db, "archivist"))
    assert (field, code) in {(e.field, e.code) for e in raised.value.errors}
    assert len(list_series(db)) == before


def test_changing_the_rule_recomputes_the_files_of_the_series(db: Session) -> None:
    archivist = principal(db, "archivist")
    create_series(db, RULE, principal=archivist)
    record = archived(db)
    update_series(db, "T-NEW", replace(RULE, retention_years=8, trigger="resolution",
                                       confidentiality="confidential"), principal=archivist)
    assert record.trigger_date is None and record.retention_until is None  # no resolution
    assert record.confidentiality == "confidential"
    update_series(db, "T-NEW", replace(RULE, retention_years=8), principal=archivist)
    assert record.retention_until == date(2035, 1, 1)
    event = db.scalars(select(AuditEvent).where(AuditEvent.action == "archive.series_changed",
                                                AuditEvent.object_id == "T-NEW")
                       .order_by(AuditEvent.seq.desc())).first()
    assert event is not None and event.data["recomputed"] == 1
    assert event.data["before"]["trigger"] == "resolution"


def test_an_invalid_change_leaves_the_series_and_its_files(db: Session) -> None:
    archivist = principal(db, "archivist")
    create_series(db, RULE, principal=archivist)
    record = archived(db)
    with pytest.raises(InvalidSeries):
        update_series(db, "T-NEW", replace(RULE, action="keep"), principal=archivist)
    series = db.scalar(select(Series).where(Series.code == "T-NEW"))
    assert series is not None and series.action == "destroy"
    assert record.retention_until == date(2032, 1, 1)


def test_the_demo_schedule_loads_once(db: Session) -> None:
    load_demo_series(db)
    before = len(list_series(db))
    assert load_demo_series(db) == f"{len(DEMO_SERIES)} retention series"
    assert len(list_series(db)) == before  # the second load created nothing
    codes = {s.code for s in list_series(db)}
    assert {row["code"] for row in DEMO_SERIES} <= codes
    terrace = archived(db, unit="ODP", procedure="terrace-public-road",
                       resolution=date(2026, 5, 1))
    assert (terrace.series_code, terrace.retention_until) == ("ODP.01", date(2032, 5, 1))
    complaint = archived(db, unit="OAC", procedure="complaint-suggestion", case="complaint")
    assert complaint.confidentiality == "confidential"


def test_raising_a_series_to_confidential_hides_its_destroyed_and_historical_files(
        db: Session) -> None:
    archivist = principal(db, "archivist")
    create_series(db, RULE, principal=archivist)
    live, gone, handed = archived(db), archived(db), archived(db)
    gone.status, gone.destroyed_at = "destroyed", utcnow()
    handed.status = "historical"
    db.flush()
    clerk = principal(db, "clerk")
    assert may_see_record(clerk, gone)  # a URB tombstone, restricted: the clerk sees it
    update_series(db, "T-NEW", replace(RULE, retention_years=8,
                                       confidentiality="confidential"), principal=archivist)
    for record in (live, gone, handed):
        assert record.confidentiality == "confidential"
        assert not may_see_record(clerk, record)
        assert items_of_record(db, record)[0].confidentiality == "confidential"
    with pytest.raises(UnknownRecord):
        get_record_for(db, gone.file_number, clerk)
    assert live.retention_until == date(2035, 1, 1)
    assert gone.retention_until == handed.retention_until == date(2032, 1, 1)  # history
    queued = {m.payload["record_id"] for m in db.scalars(
        select(OutboxMessage).where(OutboxMessage.topic == INDEX_TOPIC))}
    assert {live.id, gone.id, handed.id} <= queued  # the search is trimmed too
