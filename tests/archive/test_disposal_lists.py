"""Destruction lists: what is listed (due, not held, not kept by the sample, one list
per unit, numbers without gaps), who may approve (two different people, each once),
excluding and cancelling with a reason, and refusals that change nothing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from eoffice import audit, documents
from eoffice.archive.errors import (
    AlreadyApproved,
    DisposalListClosed,
    SameApprover,
    UnknownDisposalList,
)
from eoffice.archive.models import DisposalItem, DisposalList, Record, Series
from eoffice.archive.services import disposal_lists, holds, retention
from eoffice.archive.services.disposal_approval import approve_list
from eoffice.archive.services.disposal_execution import run_disposal_job
from eoffice.archive.services.disposal_lists import kept_by_sample, prepare_lists
from eoffice.archive.services.series import SeriesRule, update_series
from eoffice.identity import Permission, Principal
from eoffice.identity.domain import Grant
from eoffice.shared.clock import frozen_at
from eoffice.shared.outbox import OutboxMessage
from tests.archive.disposal_files import destroy_series, principal, stored_record
from tests.conftest import run_worker
from tests.pdfs import pdf_text

Headers = Callable[[str], dict[str, str]]
API = "/api/v1/archive/disposal-lists"
TODAY = date(2028, 6, 1)


def _series(db: Session, **kwargs: object) -> str:
    return destroy_series(db, **kwargs).upper()  # type: ignore[arg-type]


def _status(db: Session, record: Record) -> str:
    db.expire_all()
    return db.get(Record, record.id).status  # type: ignore[union-attr]


def test_due_files_are_listed_once_per_unit_and_held_or_not_yet_due_ones_are_not(
        db: Session) -> None:
    series = _series(db)
    urb, odp = stored_record(db, series=series), stored_record(db, series=series, unit="ODP")
    held = stored_record(db, series=series)
    later = stored_record(db, series=series, until=date(2030, 1, 1))
    kept = stored_record(db, series=series, action="keep")
    holds.place_hold(db, held.file_number, "Inspection", principal(db, "archivist"))

    numbers = prepare_lists(db, today=TODAY, actor="archivist")

    assert numbers == ["E/2028/0001", "E/2028/0002"]
    lists = db.scalars(select(DisposalList).order_by(DisposalList.number)).all()
    assert [(x.unit_code, x.status) for x in lists] == [("ODP", "prepared"),
                                                         ("URB", "prepared")]
    assert [r.file_number for _i, r in disposal_lists.list_items(db, lists[1])] == [
        urb.file_number]
    assert {_status(db, r) for r in (urb, odp)} == {"listed"}
    assert {_status(db, r) for r in (held, later, kept)} == {"archived"}
    assert prepare_lists(db, today=TODAY, actor="archivist") == []  # nothing twice


def test_a_sampled_series_keeps_its_share_and_says_so(db: Session) -> None:
    every = _series(db, action="sample", sample=100)
    none = _series(db, action="sample", sample=0)
    sampled = stored_record(db, series=every, action="sample")
    destroyed = stored_record(db, series=none, action="sample")

    prepare_lists(db, today=TODAY, actor="system")

    db.expire_all()
    assert (sampled.status, sampled.action) == ("archived", "keep")
    assert destroyed.status == "listed"
    events = audit.events_about(db, "archive_record", [sampled.file_number],
                                ["archive.record_kept_as_sample"])
    assert len(events) == 1


def test_the_sample_is_the_same_every_time_and_about_its_share() -> None:
    numbers = [f"URB/2020/{n:06d}" for n in range(2000)]
    kept = [n for n in numbers if kept_by_sample(n, 10)]
    assert kept == [n for n in numbers if kept_by_sample(n, 10)]
    assert 120 <= len(kept) <= 280
    assert not any(kept_by_sample(n, 0) for n in numbers)
    assert all(kept_by_sample(n, 100) for n in numbers)


def _prepared(db: Session) -> tuple[int, Record]:
    record = stored_record(db, series=_series(db))
    prepare_lists(db, today=TODAY, actor="system")
    list_id = db.scalars(select(DisposalList.id)).one()
    return list_id, record


def _both(login: str) -> Principal:
    """One person who is both archivist and head of URB (the rule still needs two)."""
    return Principal(account_id=0, login=login, name=login, roles=frozenset({"head"}),
                     units=("URB",), grants=(Grant(Permission.MANAGE_ARCHIVE.value, None),))


def test_one_person_cannot_give_both_approvals_nor_the_same_one_twice(db: Session) -> None:
    list_id, _record = _prepared(db)
    both = _both("archivist-and-head")
    assert approve_list(db, list_id, principal=both) == "archivist"

    with pytest.raises(SameApprover):
        approve_list(db, list_id, principal=both)
    with pytest.raises(AlreadyApproved):
        approve_list(db, list_id, principal=principal(db, "archivist"))

    db.expire_all()
    listed = db.get(DisposalList, list_id)
    assert listed is not None and listed.status == "prepared"
    assert listed.head_approved_by is None
    assert not db.scalars(select(OutboxMessage).where(
        OutboxMessage.topic == "archive.disposal_approved")).all()


def test_who_is_neither_archivist_nor_head_of_the_unit_does_not_see_the_list(
        db: Session) -> None:
    list_id, _record = _prepared(db)
    for login in ("clerk", "head2", "ana"):
        with pytest.raises(UnknownDisposalList):
            approve_list(db, list_id, principal=principal(db, login))


def test_an_excluded_file_goes_back_to_the_archive_and_is_not_listed_again(
        db: Session) -> None:
    list_id, record = _prepared(db)

    disposal_lists.exclude_item(db, list_id, record.file_number,
                                principal=principal(db, "head"), reason="Still in use")

    item = db.scalars(select(DisposalItem)).one()
    assert (item.state, item.excluded_reason) == ("excluded", "Still in use")
    assert _status(db, record) == "archived"
    assert prepare_lists(db, today=date(2028, 6, 2), actor="system") == []


def test_a_cancelled_list_returns_its_files_and_takes_no_approval(db: Session) -> None:
    list_id, record = _prepared(db)
    archivist = principal(db, "archivist")

    disposal_lists.cancel_list(db, list_id, principal=archivist, reason="Wrong series")

    assert _status(db, record) == "archived"
    with pytest.raises(DisposalListClosed):
        approve_list(db, list_id, principal=archivist)
    with pytest.raises(DisposalListClosed):
        disposal_lists.exclude_item(db, list_id, record.file_number, principal=archivist,
                                    reason="late")


def test_exclusion_and_cancellation_without_a_reason_are_refused_and_change_nothing(
        db: Session, client: FlaskClient, token_for: Headers) -> None:
    list_id, record = _prepared(db)
    headers = token_for("archivist")

    for path in (f"{API}/{list_id}/items/{record.file_number}/exclude",
                 f"{API}/{list_id}/cancel"):
        answer = client.post(path, json={"reason": "   "}, headers=headers)
        assert answer.status_code == 422
        assert answer.get_json()["code"] == "archive.reason_required"
    unknown = client.post(f"{API}/{list_id}/items/URB/1999/000001/exclude",
                          json={"reason": "x"}, headers=headers)
    assert unknown.status_code == 404

    body = client.get(f"{API}/{list_id}", headers=headers).get_json()
    assert body["status"] == "prepared"
    assert [i["state"] for i in body["items"]] == ["listed"]
    assert _status(db, record) == "listed"


def test_a_hold_placed_after_approval_stops_the_destruction(
        app: Flask, db: Session, fresh_archive: object) -> None:
    list_id, record = _prepared(db)
    approve_list(db, list_id, principal=principal(db, "archivist"))
    approve_list(db, list_id, principal=principal(db, "head"))
    holds.place_hold(db, record.file_number, "Court order", principal(db, "archivist"))
    db.flush()

    run_worker(app)

    db.expire_all()
    item = db.scalars(select(DisposalItem)).one()
    assert (item.state, item.excluded_reason) == ("excluded", "legal hold")
    assert _status(db, record) == "archived"
    executed = db.get(DisposalList, list_id)
    assert executed is not None and executed.status == "executed"
    assert executed.certificate_document_id is not None
    with app.app_context():
        _version, chunks = documents.open_content(db, executed.certificate_document_id)
        text = " ".join(pdf_text(b"".join(chunks)).split())
    assert f"{record.file_number} — Old works — legal hold" in text


def test_the_daily_job_executes_an_approved_list_whose_message_gave_up(
        app: Flask, db: Session, fresh_archive: object) -> None:
    list_id, record = _prepared(db)
    approve_list(db, list_id, principal=principal(db, "archivist"))
    approve_list(db, list_id, principal=principal(db, "head"))
    holds.place_hold(db, record.file_number, "Court order", principal(db, "archivist"))
    db.execute(update(OutboxMessage).where(
        OutboxMessage.topic == "archive.disposal_approved").values(status="failed"))
    db.flush()

    with frozen_at(datetime(2031, 5, 6, 8, tzinfo=UTC)):  # a day the job has not run
        run_worker(app)

    db.expire_all()
    executed = db.get(DisposalList, list_id)
    assert executed is not None and executed.status == "executed"
    assert executed.certificate_document_id is not None


def test_the_job_prepares_lists_at_most_once_a_day(app: Flask, db: Session) -> None:
    series = _series(db)
    first = stored_record(db, series=series)
    database = app.extensions["eoffice.database"]
    with app.app_context(), frozen_at(datetime(2032, 2, 3, 10, tzinfo=UTC)):
        assert run_disposal_job(database) == 1
        second = stored_record(db, series=series)
        assert run_disposal_job(database) == 0  # the same day: not again
    with app.app_context(), frozen_at(datetime(2032, 2, 4, 10, tzinfo=UTC)):
        assert run_disposal_job(database) == 1  # the next day: the file due since
    assert (_status(db, first), _status(db, second)) == ("listed", "listed")


def test_a_listed_file_points_to_its_list_until_taken_off(db: Session) -> None:
    list_id, record = _prepared(db)
    assert record.disposal_list_id == list_id
    disposal_lists.exclude_item(db, list_id, record.file_number,
                                principal=principal(db, "head"), reason="Still in use")
    assert record.disposal_list_id is None


def test_a_file_excluded_is_listed_again_once_its_dates_are_corrected(db: Session) -> None:
    list_id, record = _prepared(db)
    disposal_lists.exclude_item(db, list_id, record.file_number,
                                principal=principal(db, "head"), reason="Date is wrong")
    assert prepare_lists(db, today=date(2030, 1, 1), actor="system") == []

    retention.update_metadata(db, record, {"resolution_date": "2027-05-01"},
                              actor="archivist")  # recomputed: two years from closure
    assert record.retention_until is not None
    assert prepare_lists(db, today=record.retention_until, actor="system") == [
        "E/2028/0002"]
    assert _status(db, record) == "listed"


def test_a_file_of_a_cancelled_list_is_listed_again_after_its_series_changes(
        db: Session) -> None:
    list_id, record = _prepared(db)
    archivist = principal(db, "archivist")
    disposal_lists.cancel_list(db, list_id, principal=archivist, reason="Check the series")
    assert prepare_lists(db, today=date(2031, 1, 1), actor="system") == []

    series = db.scalars(select(Series).where(Series.code == record.series_code)).one()
    with frozen_at(datetime(2031, 1, 1, 10, tzinfo=UTC)):
        update_series(db, series.code, replace(SeriesRule.of(series), retention_years=3),
                      principal=archivist)
    assert prepare_lists(db, today=date(2031, 1, 1), actor="system") == ["E/2031/0001"]


def test_the_worker_keeps_a_file_no_longer_due_when_the_list_is_executed(
        app: Flask, db: Session, fresh_archive: object) -> None:
    list_id, record = _prepared(db)
    approve_list(db, list_id, principal=principal(db, "archivist"))
    approve_list(db, list_id, principal=principal(db, "head"))
    series = db.scalars(select(Series).where(Series.code == record.series_code)).one()
    with frozen_at(datetime(2030, 1, 1, 10, tzinfo=UTC)):
        update_series(db, series.code, replace(SeriesRule.of(series),
                                               action="transfer_historical"),
                      principal=principal(db, "archivist"))
        db.flush()
        run_worker(app)

    db.expire_all()
    item = db.scalars(select(DisposalItem)).one()
    assert (item.state, item.excluded_reason) == ("excluded", "no longer due")
    assert _status(db, record) == "archived"
    assert db.get(Record, record.id).destroyed_at is None  # type: ignore[union-attr]
    executed = db.get(DisposalList, list_id)
    assert executed is not None and executed.status == "executed"
    assert executed.certificate_document_id is not None
