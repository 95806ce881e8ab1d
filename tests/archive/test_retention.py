"""The retention schedule applied to archived files: the series chosen, the date the
period counts from (closure, resolution, a metadata date) and its end; archivists'
corrections of those dates."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice import files
from eoffice.archive.errors import DisposalListClosed, InvalidMetadata
from eoffice.archive.models import DisposalList, Record, Series
from eoffice.archive.services import disposal_lists, retention
from eoffice.archive.services import series as series_service
from eoffice.archive.services.disposal_lists import prepare_lists
from eoffice.archive.services.series import SeriesRule
from eoffice.archive.topics import INDEX_TOPIC
from eoffice.audit.models import AuditEvent
from eoffice.shared.clock import utcnow
from eoffice.shared.localtime import local_today
from eoffice.shared.outbox import OutboxMessage
from tests.archive.disposal_files import principal

CLOSED_AT = datetime(2026, 12, 31, 23, 30, tzinfo=UTC)  # 1 January 2027 in Madrid


def add_series(db: Session, code: str, *, procedure: str | None, case: str | None = None,
               years: int = 0, trigger: str = "closure", field: str | None = None,
               action: str = "destroy", confidentiality: str = "restricted",
               sample: int | None = None) -> Series:
    now = utcnow()
    series = Series(code=code, title={"en": code, "es": code, "ca": code},
                    procedure_code=procedure, case_code=case, retention_years=years,
                    retention_months=0, retention_days=0, trigger=trigger,
                    trigger_field=field, action=action, sample_percent=sample,
                    confidentiality=confidentiality, created_at=now, updated_at=now)
    db.add(series)
    db.flush()
    return series


def new_record(db: Session, *, unit: str = "URB", procedure: str | None = "test-proc",
               case: str | None = None, resolution: date | None = None,
               extra: dict[str, Any] | None = None) -> Record:
    """A record not yet added to the session, of a freshly opened file."""
    opened = files.open_file(db, files.NewFile(unit_code=unit, subject="Archived file", parties=[],
                                               procedure=procedure, case=case),
                             actor="test")
    return Record(
        id=str(uuid.uuid4()), file_id=opened.id, file_number=opened.number,
        series_code="UNCLASSIFIED", procedure_code=procedure, case_code=case,
        unit_code=unit, subject="Archived file", parties=[], opened_at=CLOSED_AT,
        closed_at=CLOSED_AT, resolution_date=resolution, extra=extra or {},
        action="keep", confidentiality="restricted", status="archived",
        transferred_at=utcnow(), transferred_by="test", package_path="p",
        package_sha256="0" * 64, package_bytes=0, index_document_id="")


def archived(db: Session, **kwargs: Any) -> Record:
    """A record classified by the schedule and stored."""
    record = new_record(db, **kwargs)
    retention.apply_schedule(db, record)
    db.add(record)
    db.flush()
    return record


def test_closure_counts_from_the_local_day_of_closure(db: Session) -> None:
    add_series(db, "T-CLOSE", procedure="test-proc", years=5)
    record = new_record(db)
    retention.apply_schedule(db, record)  # not yet added: the transfer's order
    assert record.series_code == "T-CLOSE"
    assert record.action == "destroy"
    assert record.trigger_date == date(2027, 1, 1)
    assert record.retention_until == date(2032, 1, 1)


def test_resolution_trigger_and_unknown_resolution(db: Session) -> None:
    add_series(db, "T-RES", procedure="test-proc", years=6, trigger="resolution",
               confidentiality="confidential")
    resolved = new_record(db, resolution=date(2026, 3, 15))
    retention.apply_schedule(db, resolved)
    assert (resolved.trigger_date, resolved.retention_until) == (date(2026, 3, 15),
                                                                 date(2032, 3, 15))
    assert resolved.confidentiality == "confidential"
    unresolved = new_record(db)
    retention.apply_schedule(db, unresolved)
    assert unresolved.series_code == "T-RES"
    assert unresolved.trigger_date is None and unresolved.retention_until is None


def test_metadata_trigger_reads_the_named_date(db: Session) -> None:
    add_series(db, "T-META", procedure="test-proc", years=3, trigger="metadata",
               field="judgment_date")
    record = new_record(db, extra={"judgment_date": "2026-05-04"})
    retention.apply_schedule(db, record)
    assert record.retention_until == date(2029, 5, 4)
    garbled = new_record(db, extra={"judgment_date": "4 May"})
    retention.apply_schedule(db, garbled)
    assert garbled.trigger_date is None and garbled.retention_until is None


def test_the_case_series_wins_over_the_procedure_series(db: Session) -> None:
    add_series(db, "T-PROC", procedure="test-proc", years=1)
    add_series(db, "T-CASE", procedure="test-proc", case="special", years=9)
    assert archived(db, case="special").series_code == "T-CASE"
    assert archived(db, case="other").series_code == "T-PROC"


def test_unclassified_files_are_kept_permanently(db: Session) -> None:
    record = archived(db, procedure="nobody-classified-this")
    assert record.series_code == "UNCLASSIFIED"
    assert record.action == "keep" and record.retention_until is None
    default = db.scalar(select(Series).where(Series.code == "UNCLASSIFIED"))
    assert default is not None and default.title["en"] == "Unclassified files"


def test_correcting_a_date_recomputes_audits_and_reindexes(db: Session) -> None:
    add_series(db, "T-META", procedure="test-proc", years=3, trigger="metadata",
               field="judgment_date")
    record = archived(db)
    assert record.retention_until is None
    retention.update_metadata(db, record, {"judgment_date": "2026-05-04"},
                              actor="archivist")
    assert record.retention_until == date(2029, 5, 4)
    assert record.extra == {"judgment_date": "2026-05-04"}
    event = db.scalars(select(AuditEvent).where(
        AuditEvent.action == "archive.metadata_changed",
        AuditEvent.object_id == record.id)).one()
    assert event.data["before"]["retention_until"] is None
    assert event.data["after"]["retention_until"] == "2029-05-04"
    queued = db.scalars(select(OutboxMessage).where(OutboxMessage.topic == INDEX_TOPIC)).all()
    assert any(m.payload == {"record_id": record.id} for m in queued)
    retention.update_metadata(db, record, {"judgment_date": None}, actor="archivist")
    assert record.extra == {} and record.retention_until is None


def test_correcting_the_resolution_date(db: Session) -> None:
    add_series(db, "T-RES", procedure="test-proc", years=6, trigger="resolution")
    record = archived(db, resolution=date(2026, 3, 15))
    retention.update_metadata(db, record, {"resolution_date": "2026-04-01"},
                              actor="archivist")
    assert record.resolution_date == date(2026, 4, 1)
    assert record.retention_until == date(2032, 4, 1)


@pytest.mark.parametrize("changes", [{"judgment_date": "2026-13-01"}, {"Bad Key": "2026-01-01"},
                                     {}, {"judgment_date": 12}])
def test_invalid_dates_change_nothing(db: Session, changes: dict[str, Any]) -> None:
    add_series(db, "T-RES", procedure="test-proc", years=6, trigger="resolution")
    record = archived(db, resolution=date(2026, 3, 15))
    with pytest.raises(InvalidMetadata) as raised:
        retention.update_metadata(db, record, changes, actor="archivist")
    assert raised.value.errors
    assert record.extra == {} and record.retention_until == date(2032, 3, 15)
    assert db.scalar(select(AuditEvent).where(
        AuditEvent.action == "archive.metadata_changed",
        AuditEvent.object_id == record.id)) is None


def test_a_listed_file_may_not_stop_being_due_while_its_list_is_open(db: Session) -> None:
    add_series(db, "T-RES", procedure="test-proc", years=1, trigger="resolution")
    record = archived(db, resolution=date(2020, 1, 1))  # due since 2021
    prepare_lists(db, today=local_today(), actor="system")
    listed = db.get(DisposalList, record.disposal_list_id)
    assert record.status == "listed" and listed is not None
    next_year = local_today().year + 1  # a later date an archivist may give
    with pytest.raises(DisposalListClosed):
        retention.update_metadata(db, record, {"resolution_date": f"{next_year}-01-01"},
                                  actor="archivist")
    assert record.resolution_date == date(2020, 1, 1)
    assert record.retention_until == date(2021, 1, 1)
    retention.update_metadata(db, record, {"resolution_date": "2020-06-01"},
                              actor="archivist")  # still due: allowed
    assert record.retention_until == date(2021, 6, 1)
    disposal_lists.cancel_list(db, listed.id, principal=principal(db, "archivist"),
                               reason="Dates to check")
    retention.update_metadata(db, record, {"resolution_date": f"{next_year}-01-01"},
                              actor="archivist")
    assert record.retention_until == date(next_year + 1, 1, 1)


def test_a_series_change_may_not_take_a_listed_file_out_of_due(db: Session) -> None:
    series = add_series(db, "T-RES", procedure="test-proc", years=1, trigger="resolution")
    archived(db, resolution=date(2020, 1, 1))  # due since 2021
    prepare_lists(db, today=local_today(), actor="system")
    rule = replace(SeriesRule.of(series), retention_years=99)
    with pytest.raises(DisposalListClosed):
        series_service.update_series(db, "T-RES", rule, principal=principal(db, "archivist"))
