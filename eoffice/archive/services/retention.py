"""The retention schedule applied to archived files: which series a record belongs to,
the date its period counts from, when it ends, and archivists' corrections of the dates
that decide it.

A record belongs to the series of its (procedure, case); failing that, of its procedure
with no case; failing that, to the default series ``UNCLASSIFIED`` (kept permanently,
restricted), created the first time it is needed. ``apply_schedule`` works on a record
not yet added to the session (the transfer calls it before adding it)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from dateutil.relativedelta import relativedelta  # type: ignore[import-untyped]
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from eoffice import audit
from eoffice.archive import topics
from eoffice.archive.domain import (
    Confidentiality,
    DispositionAction,
    ListStatus,
    RecordStatus,
    RetentionPeriod,
    TriggerKind,
    retention_end,
)
from eoffice.archive.errors import DisposalListClosed, InvalidMetadata
from eoffice.archive.index.port import Scope
from eoffice.archive.models import DisposalList, Record, Series
from eoffice.shared import outbox
from eoffice.shared.clock import utcnow
from eoffice.shared.errors import FieldError
from eoffice.shared.i18n import _
from eoffice.shared.localtime import local_date, local_today

DEFAULT_SERIES = "UNCLASSIFIED"
DEFAULT_TITLES = {"en": "Unclassified files", "es": "Expedientes sin clasificar",
                  "ca": "Expedients sense classificar"}
#: The record's own column an archivist may correct; every other key is a date in
#: ``record.extra`` (a series with a metadata trigger names one of them).
RESOLUTION_KEY = "resolution_date"
#: Keys of ``record.extra``: lower-case words joined by underscores.
KEY_PATTERN = re.compile(r"^[a-z][a-z0-9_]{1,48}$")
OPEN_LISTS = (ListStatus.PREPARED.value, ListStatus.APPROVED.value)
#: The earliest date an archivist may give (no file of the city is older); the latest
#: is a year from today (``latest_date``).
EARLIEST_DATE = date(1900, 1, 1)


def period_of(series: Series) -> RetentionPeriod:
    """The retention period of ``series``."""
    return RetentionPeriod(years=series.retention_years or 0,
                           months=series.retention_months or 0,
                           days=series.retention_days or 0)


def parse_date(value: Any) -> date | None:
    """An ISO date (``2026-03-01``) or None when ``value`` is not one."""
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        return None


def default_series(session: Session) -> Series:
    """The series of files no rule covers, created if missing (kept permanently)."""
    series = session.scalar(select(Series).where(Series.code == DEFAULT_SERIES))
    if series is not None:
        return series
    now = utcnow()
    series = Series(code=DEFAULT_SERIES, title=dict(DEFAULT_TITLES), procedure_code=None,
                    case_code=None, retention_years=0, retention_months=0, retention_days=0,
                    trigger=TriggerKind.CLOSURE.value, trigger_field=None,
                    action=DispositionAction.KEEP.value, sample_percent=None,
                    confidentiality=Confidentiality.RESTRICTED.value,
                    created_at=now, updated_at=now)
    try:
        with session.begin_nested():
            session.add(series)
            session.flush()
    except IntegrityError:  # created meanwhile by another transaction
        existing = session.scalar(select(Series).where(Series.code == DEFAULT_SERIES))
        assert existing is not None
        return existing
    return series


def series_for(session: Session, procedure_code: str | None,
               case_code: str | None) -> Series:
    """The series covering files of ``procedure_code``/``case_code``."""
    if procedure_code:
        candidates = session.scalars(
            select(Series).where(Series.procedure_code == procedure_code)).all()
        if case_code:
            for series in candidates:
                if series.case_code == case_code:
                    return series
        for series in candidates:
            if series.case_code is None:
                return series
    return default_series(session)


def trigger_date_of(series: Series, record: Record) -> date | None:
    """The date the retention period of ``record`` counts from (None while unknown)."""
    if series.trigger == TriggerKind.CLOSURE.value:
        return local_date(record.closed_at) if record.closed_at is not None else None
    if series.trigger == TriggerKind.RESOLUTION.value:
        return record.resolution_date
    if series.trigger == TriggerKind.METADATA.value and series.trigger_field:
        if series.trigger_field == RESOLUTION_KEY:
            return record.resolution_date
        return parse_date((record.extra or {}).get(series.trigger_field))
    return None


def compute(series: Series, record: Record) -> None:
    """Set the schedule's fields of ``record`` from ``series`` (no queries)."""
    record.series_code = series.code
    record.action = series.action
    record.confidentiality = series.confidentiality
    record.trigger_date = trigger_date_of(series, record)
    record.retention_until = retention_end(series.action, period_of(series),
                                           record.trigger_date)


def apply_schedule(session: Session, record: Record) -> None:
    """Classify ``record`` in its series and compute when its retention ends."""
    with session.no_autoflush:
        series = series_for(session, record.procedure_code, record.case_code)
        compute(series, record)


def latest_date() -> date:
    """The latest date an archivist may give: a year from the city's today (a date
    planned ahead, a typo of a year far in the future is refused)."""
    latest: date = local_today() + relativedelta(years=1)
    return latest


def _validated(changes: dict[str, Any]) -> dict[str, date | None]:
    """``changes`` as dates (None removes a date); InvalidMetadata with field errors."""
    errors: list[FieldError] = []
    clean: dict[str, date | None] = {}
    if not isinstance(changes, dict) or not changes:
        raise InvalidMetadata(errors=[FieldError(
            "changes", _("Give at least one date to change."), "archive.no_changes")])
    for key, value in changes.items():
        if not isinstance(key, str) or not KEY_PATTERN.match(key):
            errors.append(FieldError(str(key), _("Use lower-case letters, digits and "
                                                 "underscores for the name of a date."),
                                     "archive.invalid_key"))
            continue
        if value is None or value == "":
            clean[key] = None
            continue
        parsed = parse_date(value)
        if parsed is None:
            errors.append(FieldError(key, _("Give a date as YYYY-MM-DD."),
                                     "archive.invalid_date"))
            continue
        latest = latest_date()
        if not EARLIEST_DATE <= parsed <= latest:
            errors.append(FieldError(key, _(
                "Give a date from %(earliest)s to %(latest)s.",
                earliest=EARLIEST_DATE.isoformat(), latest=latest.isoformat()),
                "archive.invalid_date"))
            continue
        clean[key] = parsed
    if errors:
        raise InvalidMetadata(errors=errors)
    return clean


def _snapshot(record: Record) -> dict[str, Any]:
    return {"resolution_date": record.resolution_date.isoformat()
            if record.resolution_date else None,
            "extra": dict(record.extra or {}),
            "trigger_date": record.trigger_date.isoformat() if record.trigger_date else None,
            "retention_until": record.retention_until.isoformat()
            if record.retention_until else None}


def refuse_leaving_open_list(session: Session, record: Record) -> None:
    """A record on an open destruction list may not stop being due: cancel the list or
    exclude the record from it first."""
    if record.status != RecordStatus.LISTED.value or record.disposal_list_id is None:
        return
    listed = session.get(DisposalList, record.disposal_list_id)
    if listed is None or listed.status not in OPEN_LISTS:
        return
    if record.retention_until is None or record.retention_until > local_today():
        raise DisposalListClosed(_("This file is on the destruction list %(number)s: "
                                   "exclude it or cancel the list before changing the "
                                   "dates that make it due.", number=listed.number))


def update_metadata(session: Session, record: Record, changes: dict[str, Any], *,
                    actor: str) -> None:
    """Correct ``record``'s resolution date or set/remove dates of its metadata, then
    recompute its trigger and retention dates; audited and re-indexed. Invalid input
    (InvalidMetadata) or a record that would leave an open destruction list
    (DisposalListClosed) changes nothing."""
    clean = _validated(changes)
    if record.destroyed_at is not None or record.status == RecordStatus.DESTROYED.value:
        raise InvalidMetadata(_("The content of this file has been destroyed."))
    before = _snapshot(record)
    previous = (record.resolution_date, dict(record.extra or {}), record.trigger_date,
                record.retention_until)
    extra = dict(record.extra or {})
    for key, value in clean.items():
        if key == RESOLUTION_KEY:
            record.resolution_date = value
        elif value is None:
            extra.pop(key, None)
        else:
            extra[key] = value.isoformat()
    record.extra = extra
    series = session.scalar(select(Series).where(Series.code == record.series_code))
    if series is None:
        series = series_for(session, record.procedure_code, record.case_code)
    compute(series, record)
    try:
        refuse_leaving_open_list(session, record)
    except DisposalListClosed:
        (record.resolution_date, record.extra, record.trigger_date,
         record.retention_until) = previous
        raise
    audit.record_event(session, "archive.metadata_changed", actor=actor,
                       object_type="archive_record", object_id=record.id,
                       unit_code=record.unit_code,
                       data={"file_number": record.file_number, "before": before,
                             "after": _snapshot(record)})
    outbox.enqueue(session, topics.INDEX_TOPIC, {"record_id": record.id})


@dataclass(frozen=True)
class CalendarEntry:
    """An archived file whose retention ends, as the calendar shows it."""

    file_number: str
    subject: str
    unit_code: str
    series_code: str
    action: str
    retention_until: date
    status: str
    held: bool


@dataclass(frozen=True)
class RetentionCalendar:
    """Files whose period has ended (due, oldest first) and those ending in each of the
    next months (``months``: first day of the month -> entries)."""

    today: date
    due: list[CalendarEntry]
    months: list[tuple[date, list[CalendarEntry]]]


CALENDAR_ROWS = 5000


def retention_calendar(session: Session, scope: Scope, *, today: date,
                       months: int = 24) -> RetentionCalendar:
    """The retention calendar within ``scope`` (staff: their units, no confidential
    series): files still in the archive whose period ends before the end of the
    ``months``-th month from ``today``, with their action and whether they are held."""
    from eoffice.archive.services.holds import held_record_ids  # noqa: PLC0415

    first = today.replace(day=1)
    horizon = first + relativedelta(months=months)
    statement = (select(Record).where(
        Record.status.in_((RecordStatus.ARCHIVED.value, RecordStatus.LISTED.value)),
        Record.retention_until.is_not(None), Record.retention_until < horizon,
        Record.confidentiality.in_(sorted(scope.confidentiality)))
        .order_by(Record.retention_until, Record.file_number).limit(CALENDAR_ROWS))
    if scope.units is not None:
        statement = statement.where(Record.unit_code.in_(sorted(scope.units)))
    records = session.scalars(statement).all()
    held = held_record_ids(session, [record.id for record in records])
    due: list[CalendarEntry] = []
    by_month: dict[date, list[CalendarEntry]] = {
        first + relativedelta(months=n): [] for n in range(months)}
    for record in records:
        assert record.retention_until is not None
        entry = CalendarEntry(record.file_number, record.subject, record.unit_code,
                              record.series_code, record.action, record.retention_until,
                              record.status, record.id in held)
        if record.retention_until <= today:
            due.append(entry)
        else:
            by_month[record.retention_until.replace(day=1)].append(entry)
    return RetentionCalendar(today=today, due=due, months=list(by_month.items()))
