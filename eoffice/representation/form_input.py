"""Reading the power forms of the pages (no JavaScript): city dates become moments (a
power starting today starts now; one ending on a day ends at that day's midnight) and
the fields become a :class:`NewPower`; unreadable dates are field errors."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from eoffice.representation.services.granting import NewPower
from eoffice.shared.clock import utcnow
from eoffice.shared.errors import FieldError
from eoffice.shared.i18n import _
from eoffice.shared.localtime import city_timezone, local_today


def _day(value: str, field: str, errors: list[FieldError]) -> date | None:
    if not value.strip():
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        errors.append(FieldError(field, _("Enter a date like 2026-12-31."), "invalid_date"))
        return None


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=city_timezone())


def start_of(day: date | None) -> datetime | None:
    """A power starting ``day`` (today: now)."""
    if day is None:
        return None
    return utcnow() if day <= local_today() else _midnight(day)


def end_of(day: date | None) -> datetime | None:
    """A power ending ``day`` lasts until that day's midnight (city time)."""
    return _midnight(day + timedelta(days=1)) if day is not None else None


def read_power_form(form: Any) -> tuple[NewPower, list[FieldError]]:
    """The power the form asks for, and the errors of its dates."""
    errors: list[FieldError] = []
    starts = _day(form.get("valid_from", ""), "valid_from", errors)
    ends = _day(form.get("valid_until", ""), "valid_until", errors)
    procedures = [c for c in form.getlist("procedures") if c]
    procedures += [c.strip() for c in form.get("procedure_codes", "").split(",") if c.strip()]
    new = NewPower(
        representative_id_number=form.get("representative_id_number", "").strip(),
        representative_name=form.get("representative_name", ""),
        representative_id_type=form.get("representative_id_type") or None,
        scope=form.get("scope", "all"), procedures=tuple(procedures),
        file_number=form.get("file_number") or None,
        valid_from=start_of(starts), valid_until=end_of(ends),
        grantor_id_number=form.get("grantor_id_number") or None,
        grantor_id_type=form.get("grantor_id_type") or None,
        grantor_name=form.get("grantor_name") or None,
        through_id_number=form.get("through_id_number") or None)
    return new, errors
