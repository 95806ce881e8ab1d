"""Deadlines of subjects on a real database, in the demo city's calendar (seeded from the
`holidays` library for the Valencian Community, plus its two local holidays)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from flask import Flask
from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice import deadlines
from eoffice.deadlines import DeadlineState, NewDeadline, Term, TermUnit
from eoffice.shared.clock import frozen_at
from eoffice.shared.outbox import OutboxMessage
from tests.conftest import database

TEN_BUSINESS_DAYS = {"value": 10, "unit": "business_days"}


def start(db: Session, *, term: dict[str, object] | Term = TEN_BUSINESS_DAYS,
          on: date = date(2026, 3, 12), kind: str = "requirement",
          silence: str | None = None) -> deadlines.DeadlineView:
    return deadlines.start_deadline(db, NewDeadline(
        subject_kind="file", subject_id="F-2026-1", kind=kind, started_on=on, term=term,
        silence_effect=silence), actor="clerk", today=on)


def topics(db: Session, topic: str) -> list[dict[str, object]]:
    return [m.payload for m in db.scalars(select(OutboxMessage).where(
        OutboxMessage.topic == topic).order_by(OutboxMessage.id))]


def test_the_demo_calendar_holds_library_and_local_holidays(db: Session) -> None:
    found = {view.day: view for view in deadlines.list_holidays(db, 2026)}
    assert found[date(2026, 1, 1)].scope == "national"
    assert found[date(2026, 3, 19)].scope == "regional"
    assert found[date(2026, 3, 19)].names["ca"] == "Sant Josep"
    assert found[date(2026, 1, 22)].scope == "local"
    assert found[date(2026, 1, 22)].source == "admin"


def test_seeding_again_changes_nothing(db: Session) -> None:
    report = deadlines.seed_holidays(db, [2026, 2027])
    assert report.created == 0
    assert report.unchanged > 20


def test_a_started_deadline_is_due_after_ten_business_days(db: Session) -> None:
    view = start(db)
    assert view.state is DeadlineState.RUNNING
    assert view.due_on == date(2026, 3, 27)
    assert view.days_left == 10
    assert deadlines.list_deadlines(db, "file", "F-2026-1", today=date(2026, 3, 20))[
        -1].days_left == 5


def test_a_suspended_deadline_keeps_its_days_left_and_resumes_with_them(db: Session) -> None:
    view = start(db)
    suspended = deadlines.suspend_deadline(db, view.id, on=date(2026, 3, 16),
                                           reason="requirement", actor="clerk")
    assert suspended.state is DeadlineState.SUSPENDED
    assert suspended.due_on is None
    assert suspended.days_left == 9
    resumed = deadlines.resume_deadline(db, view.id, on=date(2026, 3, 18), actor="clerk")
    assert resumed.state is DeadlineState.RUNNING
    assert resumed.due_on == date(2026, 4, 1)
    assert resumed.suspensions == (deadlines.Pause(date(2026, 3, 16), date(2026, 3, 18)),)


def test_a_suspension_outside_the_term_is_refused(db: Session) -> None:
    view = start(db)
    with pytest.raises(deadlines.InvalidDay):
        deadlines.suspend_deadline(db, view.id, on=date(2026, 3, 30), reason="late",
                                   actor="clerk")
    with pytest.raises(deadlines.NotRunning):
        deadlines.resume_deadline(db, view.id, on=date(2026, 3, 18), actor="clerk")


def test_an_extension_of_up_to_half_the_term_moves_the_due_day(db: Session) -> None:
    view = start(db)
    extended = deadlines.extend_deadline(db, view.id, by=5, on=date(2026, 3, 20),
                                         reason="complex case", actor="head")
    assert extended.due_on == date(2026, 4, 7)  # 3 and 6 April: Good Friday, Easter Monday
    with pytest.raises(deadlines.InvalidExtension):
        deadlines.extend_deadline(db, view.id, by=1, on=date(2026, 3, 20), reason="more",
                                  actor="head")


def test_a_met_deadline_no_longer_expires(db: Session) -> None:
    view = start(db)
    met = deadlines.mark_met(db, view.id, on=date(2026, 3, 20), actor="clerk")
    assert met.state is DeadlineState.MET
    assert met.days_left is None
    assert deadlines.watch_deadlines(db, today=date(2026, 4, 30)) == (0, 0)
    with pytest.raises(deadlines.NotRunning):
        deadlines.mark_met(db, view.id, on=date(2026, 3, 21), actor="clerk")


def test_the_watch_expires_a_passed_deadline_once_and_tells_processing(db: Session) -> None:
    view = start(db, term={"value": 3, "unit": "months"}, kind="resolution",
                 on=date(2026, 4, 15), silence="approval")
    assert view.due_on == date(2026, 7, 15)
    assert deadlines.watch_deadlines(db, today=date(2026, 7, 15)) == (0, 1)
    assert deadlines.watch_deadlines(db, today=date(2026, 7, 15)) == (0, 0)
    assert deadlines.watch_deadlines(db, today=date(2026, 7, 16)) == (1, 0)
    assert deadlines.watch_deadlines(db, today=date(2026, 7, 17)) == (0, 0)
    expired = [p for p in topics(db, deadlines.EXPIRED_TOPIC) if p["deadline_id"] == view.id]
    assert expired == [{"deadline_id": view.id, "subject_kind": "file",
                        "subject_id": "F-2026-1", "kind": "resolution",
                        "due_on": "2026-07-15", "silence_effect": "approval"}]
    near = [p for p in topics(db, deadlines.NEAR_TOPIC) if p["deadline_id"] == view.id]
    assert [p["days_left"] for p in near] == [0]
    assert deadlines.get_deadline(db, view.id).state is DeadlineState.EXPIRED


def test_only_resolution_terms_are_announced_before_they_end(db: Session) -> None:
    start(db)
    assert deadlines.watch_deadlines(db, today=date(2026, 3, 25)) == (0, 0)


def test_a_local_holiday_added_later_makes_a_running_term_end_one_day_later(
        db: Session) -> None:
    view = start(db)
    deadlines.add_local_holiday(db, day=date(2026, 3, 24), actor="admin",
                                names={"es": "Fiesta", "ca": "Festa", "en": "Feast"})
    assert deadlines.get_deadline(db, view.id).due_on == date(2026, 3, 30)
    deadlines.remove_local_holiday(db, day=date(2026, 3, 24), actor="admin")
    assert deadlines.get_deadline(db, view.id).due_on == date(2026, 3, 27)


def test_a_library_holiday_cannot_be_removed_or_added_twice(db: Session) -> None:
    with pytest.raises(deadlines.UnknownHoliday):
        deadlines.remove_local_holiday(db, day=date(2026, 3, 19), actor="admin")
    with pytest.raises(deadlines.AlreadyHoliday):
        deadlines.add_local_holiday(db, day=date(2026, 3, 19), actor="admin",
                                    names={"es": "x", "ca": "x", "en": "x"})


def test_a_term_beyond_the_seeded_years_is_refused_until_they_are_seeded(db: Session) -> None:
    last = max(deadlines.covered_years(db))
    with pytest.raises(deadlines.CalendarNotCovered):
        start(db, term=Term(2, TermUnit.YEARS), on=date(last, 6, 1))
    deadlines.seed_holidays(db, [last + 1, last + 2])
    assert start(db, term=Term(2, TermUnit.YEARS), on=date(last, 6, 1)).due_on is not None


def test_bad_terms_and_subjects_are_refused(db: Session) -> None:
    with pytest.raises(deadlines.InvalidTermError):
        start(db, term={"value": 0, "unit": "business_days"})
    with pytest.raises(deadlines.InvalidTermError):
        start(db, silence="maybe")


def test_a_filing_on_saturday_night_counts_as_made_on_monday(db: Session) -> None:
    saturday_night = datetime(2026, 3, 14, 22, 59, tzinfo=UTC)
    assert deadlines.deemed_filing_day(db, saturday_night) == date(2026, 3, 16)
    # 23:30 UTC on Friday 20 March is already Saturday in the city.
    assert deadlines.deemed_filing_day(db, datetime(2026, 3, 20, 23, 30, tzinfo=UTC)) == \
        date(2026, 3, 23)
    assert deadlines.deemed_filing_day(db, datetime(2026, 3, 20, 22, 30, tzinfo=UTC)) == \
        date(2026, 3, 20)


def test_the_worker_job_expires_deadlines_in_the_city_day(app: Flask, db: Session) -> None:
    view = start(db, on=date(2026, 3, 12))
    db.flush()
    job = app.extensions["eoffice.background"].jobs["deadlines.watch"]
    with app.app_context():
        # 23:30 UTC on 27 March is already 28 March in the city: the due day has passed.
        with frozen_at(datetime(2026, 3, 27, 22, 30, tzinfo=UTC)):
            job(database(app))
        assert deadlines.get_deadline(db, view.id).state is DeadlineState.RUNNING
        with frozen_at(datetime(2026, 3, 27, 23, 30, tzinfo=UTC)):
            assert job(database(app)) >= 1
    assert deadlines.get_deadline(db, view.id).state is DeadlineState.EXPIRED
