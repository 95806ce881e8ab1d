"""The back office's statistics page of administrative management: files by procedure
and by unit (open and closed), average days to resolve per procedure and overdue files,
as bar charts drawn on the server (inline SVG with a title, each followed by its data
table), filtered by year and unit with a plain GET form: no JavaScript."""

from __future__ import annotations

from flask import Blueprint, render_template, request
from flask.typing import ResponseReturnValue

from eoffice import identity
from eoffice.files.services.statistics import statistics_for, statistics_units
from eoffice.shared.db import reader
from eoffice.shared.i18n import current_language

bp = Blueprint("files_statistics", __name__, url_prefix="/backoffice/statistics")


def _year() -> int | None:
    year = request.args.get("year", type=int)
    return year if year is not None and 2000 <= year <= 2200 else None


@bp.get("", endpoint="statistics")
def show_statistics() -> ResponseReturnValue:
    """The charts and tables for ``?year=`` and ``?unit=`` (all years and my units when
    not given)."""
    principal = identity.require_principal()
    visible = statistics_units(principal)
    unit = (request.args.get("unit") or "").strip()[:50] or None
    found = statistics_for(principal, year=_year(), unit=unit)
    with reader() as db:
        units = identity.list_units(db, codes=set(visible) if visible is not None else None,
                                    locale=current_language())
    return render_template("files/statistics.html", stats=found, units=units)
