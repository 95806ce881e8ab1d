"""The dates that decide retention stay within the calendar: an archivist may give only
dates from 1900-01-01 to a year from today (anything else is a field error and changes
nothing), and a period that would end after year 9999 ends on 9999-12-31 instead of
failing (a long series over a far trigger date, say)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from dateutil.relativedelta import relativedelta  # type: ignore[import-untyped]
from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice.archive.domain import RetentionPeriod, retention_end
from eoffice.archive.errors import InvalidMetadata
from eoffice.archive.services import retention
from eoffice.archive.services.series import SeriesRule, create_series, update_series
from eoffice.audit.models import AuditEvent
from eoffice.shared.localtime import local_today
from tests.archive.test_retention import add_series, archived
from tests.archive.test_series import principal


@pytest.mark.parametrize(("period", "trigger"), [
    (RetentionPeriod(years=999), date(9001, 1, 1)),
    (RetentionPeriod(years=1), date(9999, 3, 1)),
    (RetentionPeriod(months=1), date(9999, 12, 1)),
    (RetentionPeriod(days=999), date(9999, 12, 31)),
])
def test_a_period_ending_after_year_9999_ends_on_the_last_day(
        period: RetentionPeriod, trigger: date) -> None:
    assert retention_end("destroy", period, trigger) == date.max


def test_a_period_within_the_calendar_is_unchanged() -> None:
    assert retention_end("destroy", RetentionPeriod(years=999), date(2026, 3, 1)) \
        == date(3025, 3, 1)
    assert retention_end("keep", RetentionPeriod(years=999), date(9000, 1, 1)) is None


def far_future() -> str:
    later: date = local_today() + relativedelta(years=1) + timedelta(days=1)
    return later.isoformat()


@pytest.mark.parametrize("value", ["9999-12-31", "0202-03-01", "1899-12-31", "0001-01-01"])
@pytest.mark.parametrize("key", ["resolution_date", "judgment_date"])
def test_a_date_out_of_bounds_is_a_field_error_and_changes_nothing(
        db: Session, key: str, value: str) -> None:
    add_series(db, "T-RES", procedure="test-proc", years=6, trigger="resolution")
    record = archived(db, resolution=date(2026, 3, 15))
    with pytest.raises(InvalidMetadata) as raised:
        retention.update_metadata(db, record, {key: value}, actor="archivist")
    assert [(e.field, e.code) for e in raised.value.errors] == [(key, "archive.invalid_date")]
    assert record.resolution_date == date(2026, 3, 15) and record.extra == {}
    assert record.retention_until == date(2032, 3, 15)
    assert db.scalar(select(AuditEvent).where(
        AuditEvent.action == "archive.metadata_changed",
        AuditEvent.object_id == record.id)) is None


def test_the_bounds_themselves_are_accepted(db: Session) -> None:
    add_series(db, "T-RES", procedure="test-proc", years=6, trigger="resolution")
    record = archived(db)
    retention.update_metadata(db, record, {"resolution_date": "1900-01-01"},
                              actor="archivist")
    assert record.retention_until == date(1906, 1, 1)
    latest = local_today() + relativedelta(years=1)
    retention.update_metadata(db, record, {"resolution_date": latest.isoformat()},
                              actor="archivist")
    assert record.retention_until == latest + relativedelta(years=6)
    with pytest.raises(InvalidMetadata):
        retention.update_metadata(db, record, {"resolution_date": far_future()},
                                  actor="archivist")
    assert record.resolution_date == latest


def test_a_long_series_over_a_far_trigger_date_does_not_fail(db: Session) -> None:
    archivist = principal(db, "archivist")
    rule = SeriesRule(code="T-LONG", title={"en": "Long"}, procedure_code="test-proc",
                      retention_years=5, trigger="resolution", action="destroy")
    create_series(db, rule, principal=archivist)
    record = archived(db, resolution=date(9000, 1, 1))  # as a file carried it
    assert record.retention_until == date(9005, 1, 1)
    update_series(db, "T-LONG", replace(rule, retention_years=999, retention_months=999,
                                        retention_days=999), principal=archivist)
    assert record.retention_until == date.max
