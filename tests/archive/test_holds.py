"""Legal holds: archivists place and lift them with a reason, a hold lifted once cannot
be lifted again, others may not, and a held file stays held whatever the calendar says."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice.archive.errors import (
    HoldAlreadyLifted,
    NotAllowedInArchive,
    ReasonRequired,
    RecordDestroyed,
    UnknownRecord,
)
from eoffice.archive.models import Hold, Record
from eoffice.archive.services import access, holds
from eoffice.archive.services.access import scope_for
from eoffice.archive.services.retention import retention_calendar
from eoffice.audit.models import AuditEvent
from eoffice.identity import Principal
from eoffice.shared.clock import utcnow
from tests.archive.test_retention import add_series, archived
from tests.archive.test_series import principal


def test_place_and_lift_a_hold(db: Session) -> None:
    add_series(db, "T-RES", procedure="test-proc", years=1, trigger="resolution")
    record = archived(db, resolution=date(2020, 1, 1))  # long due
    archivist = principal(db, "archivist")
    hold = holds.place_hold(db, record.file_number, "  Court case 12/2026 ", archivist)
    assert hold.reason == "Court case 12/2026"
    assert holds.active_hold(db, record.id) == hold
    assert holds.held_record_ids(db, [record.id, "other"]) == {record.id}
    calendar = retention_calendar(db, scope_for(archivist), today=date(2026, 12, 4))
    assert [(e.file_number, e.held) for e in calendar.due
            if e.file_number == record.file_number] == [(record.file_number, True)]

    holds.lift_hold(db, hold.id, "Case closed", archivist)
    assert holds.active_hold(db, record.id) is None
    assert holds.held_record_ids(db, [record.id]) == set()
    with pytest.raises(HoldAlreadyLifted):
        holds.lift_hold(db, hold.id, "Again", archivist)
    actions = db.scalars(select(AuditEvent.action).where(
        AuditEvent.object_id == record.id)).all()
    assert "archive.hold_placed" in actions and "archive.hold_lifted" in actions


def test_a_reason_is_required(db: Session) -> None:
    record = archived(db)
    archivist = principal(db, "archivist")
    with pytest.raises(ReasonRequired):
        holds.place_hold(db, record.file_number, "   ", archivist)
    assert db.scalar(select(Hold).where(Hold.record_id == record.id)) is None
    hold = holds.place_hold(db, record.file_number, "Inspection", archivist)
    with pytest.raises(ReasonRequired):
        holds.lift_hold(db, hold.id, "", archivist)
    assert holds.active_hold(db, record.id) is not None


def test_others_may_not_place_or_lift_holds(db: Session) -> None:
    record = archived(db)  # of URB
    with pytest.raises(NotAllowedInArchive):  # the clerk sees URB files
        holds.place_hold(db, record.file_number, "Mine", principal(db, "clerk"))
    with pytest.raises(UnknownRecord):  # clerk3 (ODP) does not even see it
        holds.place_hold(db, record.file_number, "Mine", principal(db, "clerk3"))
    hold = holds.place_hold(db, record.file_number, "Inspection", principal(db, "archivist"))
    with pytest.raises(NotAllowedInArchive):
        holds.lift_hold(db, hold.id, "No", principal(db, "clerk"))
    assert holds.active_hold(db, record.id) is not None


def test_a_destroyed_file_cannot_be_held(db: Session, client: FlaskClient,
                                         token_for: Callable[[str], dict[str, str]]) -> None:
    record = archived(db, resolution=date(2020, 1, 1))
    record.status, record.destroyed_at = "destroyed", utcnow()
    db.flush()
    with pytest.raises(RecordDestroyed):
        holds.place_hold(db, record.file_number, "Too late", principal(db, "archivist"))
    answer = client.post(f"/api/v1/archive/records/{record.file_number}/holds",
                         json={"reason": "Too late"}, headers=token_for("archivist"))
    assert answer.status_code == 409
    assert answer.get_json()["code"] == "archive.record_destroyed"
    assert db.scalar(select(Hold).where(Hold.record_id == record.id)) is None


def test_placing_a_hold_locks_the_file_against_the_worker_destroying_it(
        db: Session, monkeypatch: pytest.MonkeyPatch) -> None:
    """The worker locks the record before reading its holds; placing one must lock it
    too, or on PostgreSQL both could commit (a hold on a destroyed file)."""
    record = archived(db)
    asked: list[bool] = []
    real = access.get_record_for

    def spy(session: Session, number: str, who: Principal, *,
            for_update: bool = False) -> Record:
        asked.append(for_update)
        return real(session, number, who, for_update=for_update)

    monkeypatch.setattr(holds, "get_record_for", spy)
    holds.place_hold(db, record.file_number, "Inspection", principal(db, "archivist"))
    assert asked == [True]
