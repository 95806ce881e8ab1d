"""The edict board's services and worker job on a real database: the service other
contexts call (processing's operator) refuses bad references with nothing written,
numbers follow each other, the job issues exactly one certificate per edict however often
it runs, an edict withdrawn before it went on display is never public nor certified, and
the demo edicts are loaded once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from flask import Flask
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from eoffice import notifications
from eoffice.audit.models import AuditEvent
from eoffice.demo.edicts import DEMO_EDICTS, load_demo_edicts
from eoffice.notifications.edict_models import Edict
from eoffice.notifications.edicts.certificates import run_edict_job
from eoffice.shared.clock import frozen_at
from eoffice.shared.db import Database

TEXTS = {"en": "Notice", "es": "Aviso", "ca": "Avís"}


def new_edict(start: datetime, end: datetime, **changes: object) -> notifications.NewEdict:
    values: dict[str, object] = {
        "titles": TEXTS, "bodies": {"en": "Body", "es": "Cuerpo", "ca": "Cos"},
        "personal_data": {"en": "Anna", "es": "Anna", "ca": "Anna"}, "unit_code": "URB",
        "publish_from": start, "publish_until": end}
    values.update(changes)
    return notifications.NewEdict(**values)  # type: ignore[arg-type]


def _database(app: Flask) -> Database:
    database: Database = app.extensions["eoffice.database"]
    return database


def _edicts(db: Session) -> int:
    return int(db.scalar(select(func.count()).select_from(Edict)) or 0)


@pytest.mark.parametrize(("changes", "field"), [
    ({"unit_code": "NOPE"}, "unit_code"),
    ({"document_id": "00000000-0000-0000-0000-000000000000"}, "document_id"),
    ({"titles": {"en": "x", "es": "x", "ca": "x", "fr": "x"}}, "titles.fr"),
])
def test_publish_edict_refuses_bad_references_and_writes_nothing(
    db: Session, changes: dict[str, object], field: str,
) -> None:
    start = datetime.now(UTC)
    before = _edicts(db)
    with pytest.raises(notifications.InvalidEdict) as refused:
        notifications.publish_edict(db, new_edict(start, start + timedelta(days=1),
                                                  **changes), "system")
    assert field in [error.field for error in refused.value.errors]
    assert _edicts(db) == before


def test_numbers_of_a_year_follow_each_other(db: Session) -> None:
    start = datetime.now(UTC)
    first = notifications.publish_edict(db, new_edict(start, start + timedelta(days=1)), "x")
    second = notifications.publish_edict(db, new_edict(start, start + timedelta(days=1)), "x")
    prefix, year, sequence = first.number.rsplit("-", 2)
    assert second.number == f"{prefix}-{year}-{int(sequence) + 1:06d}"


def test_the_job_issues_one_certificate_per_edict_however_often_it_runs(
    app: Flask, db: Session,
) -> None:
    start = datetime.now(UTC)
    edict = notifications.publish_edict(db, new_edict(start, start + timedelta(hours=1)),
                                        "clerk")
    with app.app_context(), frozen_at(start + timedelta(hours=2)):
        run_edict_job(_database(app))
        run_edict_job(_database(app))
        shown = notifications.get_public_edict(db, edict.number)
    assert shown.state == "ended" and shown.personal_data is None
    assert shown.certificate_document_id is not None
    row = db.scalars(select(Edict).where(Edict.number == edict.number)).one()
    assert row.personal_data == {"en": "Anna", "es": "Anna", "ca": "Anna"}  # kept
    certified = db.scalar(select(func.count()).select_from(AuditEvent).where(
        AuditEvent.action == "notifications.edict_certified",
        AuditEvent.object_id == edict.number))
    assert certified == 1


def test_an_edict_withdrawn_before_its_display_is_never_public_nor_certified(
    app: Flask, db: Session,
) -> None:
    start = datetime.now(UTC) + timedelta(days=1)
    edict = notifications.publish_edict(db, new_edict(start, start + timedelta(days=1)), "x")
    notifications.withdraw_edict(db, edict.number, reason="Wrong date", actor="clerk")
    with app.app_context(), frozen_at(start + timedelta(days=2)):
        run_edict_job(_database(app))
        with pytest.raises(notifications.UnknownEdict):
            notifications.get_public_edict(db, edict.number)
    row = db.scalars(select(Edict).where(Edict.number == edict.number)).one()
    assert row.state == "withdrawn" and row.certificate_document_id is None


def test_the_demo_edicts_are_on_display_once(db: Session) -> None:
    load_demo_edicts(db)  # a second load: the demo city already has them
    shown = notifications.list_public_edicts(db)
    titles = [view.titles["en"] for view in shown]
    for spec in DEMO_EDICTS:
        assert titles.count(spec["titles"]["en"]) == 1
    with_data = [view for view in shown if view.titles["en"] == DEMO_EDICTS[1]["titles"]["en"]]
    assert with_data[0].personal_data is not None


def test_a_corrected_edict_no_longer_shows_the_personal_data_its_correction_replaced(
        db: Session) -> None:
    start = datetime.now(UTC)
    original = notifications.publish_edict(db, new_edict(start, start + timedelta(days=20)),
                                           "clerk")
    notifications.correct_edict(db, original.number, notifications.EdictCorrection(
        titles=TEXTS, bodies={"en": "Body", "es": "Cuerpo", "ca": "Cos"},
        personal_data={"en": "A.", "es": "A.", "ca": "A."}), actor="clerk")
    shown = notifications.get_public_edict(db, original.number)
    assert shown.state == "on_display" and shown.corrected_by is not None
    assert shown.personal_data is None  # "Anna" is not published any more
    correction = notifications.get_public_edict(db, shown.corrected_by)
    assert correction.personal_data == {"en": "A.", "es": "A.", "ca": "A."}


def test_a_display_starting_too_far_ahead_is_refused(db: Session) -> None:
    far = datetime(9999, 12, 30, tzinfo=UTC)
    with pytest.raises(notifications.InvalidEdict) as refused:
        notifications.publish_edict(db, new_edict(far, far + timedelta(days=1)), "clerk")
    assert "publish_from" in [error.field for error in refused.value.errors]
