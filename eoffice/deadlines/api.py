"""Calendar API: the holidays of a year (public); adding and removing local holidays
(administrators, ``identity.manage``). Every change is audited."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask.views import MethodView
from flask_babel import get_locale
from flask_smorest import Blueprint

from eoffice import identity
from eoffice.deadlines import schemas
from eoffice.deadlines.domain import HolidayScope
from eoffice.deadlines.errors import InvalidHoliday
from eoffice.deadlines.region import calendar_region
from eoffice.deadlines.services import calendar, holidays
from eoffice.identity import Permission, Principal
from eoffice.shared.db import reader, unit_of_work
from eoffice.shared.errors import FieldError
from eoffice.shared.i18n import _
from eoffice.shared.localtime import local_today
from eoffice.shared.problem_schemas import problem_responses

blp = Blueprint("calendar-api", __name__, url_prefix="/api/v1/calendar",
                description="The city's calendar of holidays")
PUBLIC: dict[str, Any] = {"security": [{}]}


def administrator() -> Principal:
    return identity.require_permission(Permission.MANAGE_IDENTITY)


def holiday_out(view: calendar.HolidayView, locale: str) -> dict[str, Any]:
    """A holiday with its name in ``locale`` and whether an administrator may remove it."""
    return {"day": view.day, "scope": str(view.scope), "region": view.region,
            "names": view.names, "name": view.names.get(locale) or view.names.get("es", ""),
            "source": str(view.source), "removable": view.scope is HolidayScope.LOCAL}


def parse_day(text: str, field: str = "day") -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise InvalidHoliday(errors=[FieldError(field, _("Give a date as YYYY-MM-DD."),
                                                "deadlines.bad_date")]) from exc


@blp.route("/holidays")
class Holidays(MethodView):
    @blp.arguments(schemas.YearArgs, location="query")
    @blp.response(200, schemas.HolidayListOut)
    @problem_responses(blp, 422)
    @blp.doc(**PUBLIC)
    def get(self, args: dict[str, Any]) -> dict[str, Any]:
        """The non-working days of a year besides weekends: national and regional ones
        (from the `holidays` library) and the city's local ones."""
        year = args["year"] or local_today().year
        locale = str(get_locale() or "es")
        with reader() as db:
            found = calendar.list_holidays(db, year)
        items = [holiday_out(view, locale) for view in found]
        return {"year": year, "region": calendar_region(), "items": items,
                "total": len(items)}

    @blp.arguments(schemas.HolidayIn)
    @blp.response(201, schemas.HolidayOut)
    @problem_responses(blp, 401, 403, 409, 422)
    def post(self, data: dict[str, Any]) -> dict[str, Any]:
        """Add a local holiday; running deadlines over it are counted again."""
        principal = administrator()
        with unit_of_work() as db:
            view = holidays.add_local_holiday(db, day=data["day"], names=data["names"],
                                              actor=principal.login)
        return holiday_out(view, str(get_locale() or "es"))


@blp.route("/holidays/<day>")
class LocalHoliday(MethodView):
    @blp.response(204)
    @problem_responses(blp, 401, 403, 404, 422)
    def delete(self, day: str) -> None:
        """Remove the local holiday of `day` (YYYY-MM-DD); library holidays stay."""
        principal = administrator()
        parsed = parse_day(day)
        with unit_of_work() as db:
            holidays.remove_local_holiday(db, day=parsed, actor=principal.login)
