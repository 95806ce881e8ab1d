"""Legal holds: archivists place and lift them with a reason, a hold lifted once cannot
be lifted again, others may not, and a held file stays held whatever the calendar says."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice.archive.errors import (
    HoldAlreadyLifted,
    NotAllowedInArchive,
    ReasonRequired,
    UnknownRecord,
)
from eoffice.archive.models import Hold
from eoffice.archive.services import holds
from eoffice.archive.services.access import scope_for
from eoffice.archive.services.retention import retention_calendar
from eoffice.audit.models import AuditEvent
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
