"""Admin page of the city's calendar (``/admin/calendar``): the holidays of a year, a
form to add a local holiday with its names in three languages, and removing a local one.
Needs ``identity.manage``; every change is audited by the services."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import get_locale

from eoffice.deadlines.api import administrator, holiday_out, parse_day
from eoffice.deadlines.region import calendar_region
from eoffice.deadlines.services import calendar, holidays
from eoffice.shared.db import reader, unit_of_work
from eoffice.shared.errors import DomainError, FieldError
from eoffice.shared.i18n import _
from eoffice.shared.localtime import local_today
from eoffice.shared.numbers import whole_number

bp = Blueprint("calendar_admin", __name__, url_prefix="/admin/calendar",
               template_folder="templates")
LANGS = ("es", "ca", "en")


@bp.before_request
def _only_administrators() -> None:
    administrator()


def _year() -> int:
    year = whole_number(request.args.get("year"), max_digits=4)
    return year if year is not None and 2000 <= year <= 2100 else local_today().year


def _page(year: int, *, values: dict[str, str] | None = None,
          errors: list[FieldError] | None = None, status: int = 200) -> ResponseReturnValue:
    locale = str(get_locale() or "es")
    with reader() as db:
        items = [holiday_out(view, locale) for view in calendar.list_holidays(db, year)]
    return render_template("deadlines/admin/calendar.html", year=year, items=items,
                           region=calendar_region(), values=values or {},
                           errors=errors or []), status


@bp.get("")
def holidays_of_year() -> ResponseReturnValue:
    """The holidays of ``?year=`` (default this year)."""
    return _page(_year())


@bp.post("")
def add_holiday() -> ResponseReturnValue:
    """Add a local holiday from the form."""
    principal = administrator()
    values = {name: request.form.get(name, "").strip()[:300]
              for name in ("day", *(f"name-{lang}" for lang in LANGS))}
    year = _year()
    try:
        day = parse_day(values["day"])
        year = day.year
        with unit_of_work() as db:
            holidays.add_local_holiday(db, day=day, actor=principal.login,
                                       names={lang: values[f"name-{lang}"] for lang in LANGS})
    except DomainError as exc:
        errors = list(exc.errors) or [FieldError("day", str(exc.detail or exc.title), exc.code)]
        return _page(year, values=values, errors=errors, status=exc.status)
    flash(_("Local holiday %(day)s added.", day=day.isoformat()), "success")
    return redirect(url_for(".holidays_of_year", year=year))


@bp.post("/<day>/remove")
def remove_holiday(day: str) -> ResponseReturnValue:
    """Remove a local holiday."""
    principal = administrator()
    try:
        parsed = parse_day(day)
        with unit_of_work() as db:
            holidays.remove_local_holiday(db, day=parsed, actor=principal.login)
    except DomainError as exc:
        return _page(_year(), errors=[FieldError("day", str(exc.detail or exc.title),
                                                 exc.code)], status=exc.status)
    flash(_("Local holiday %(day)s removed.", day=parsed.isoformat()), "success")
    return redirect(url_for(".holidays_of_year", year=parsed.year))
