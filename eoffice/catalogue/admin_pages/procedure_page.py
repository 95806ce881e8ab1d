"""The page of one procedure for administrators: its versions (history), and the
forms to publish its draft and to unpublish it."""

from __future__ import annotations

from dataclasses import dataclass

from flask.typing import ResponseReturnValue
from flask_babel import get_timezone

from eoffice import identity
from eoffice.catalogue.admin_pages.blueprint import page_locale, render_page
from eoffice.catalogue.admin_pages.problems import PageErrors
from eoffice.catalogue.domain import VersionStatus, localise
from eoffice.catalogue.services import history
from eoffice.shared.db import reader

VISIBLE_STATES = ("current", "scheduled")


@dataclass(frozen=True)
class DateValues:
    """What was typed in the date fields of the page (kept when there is a problem)."""

    publish_from: str = ""
    publish_until: str = ""
    unpublish_until: str = ""


def render_procedure(code: str, *, errors: PageErrors | None = None,
                     values: DateValues | None = None, status: int = 200) -> ResponseReturnValue:
    """The procedure's page (404 for an unknown code)."""
    locale = page_locale()
    with reader() as db:
        versions = history.list_version_history(db, code)
        _latest, definition = history.get_version_content(db, code, versions[-1].number)
        units = identity.list_units(db, codes={definition.unit} if definition.unit else set(),
                                    locale=locale)
    draft = next((v for v in versions if v.status == VersionStatus.DRAFT), None)
    current = next((v for v in versions if v.state == "current"), None)
    return render_page(
        "catalogue/admin/procedure.html", errors=errors, status=status, code=code,
        title=localise(definition.title, locale) or code,
        unit=units[0].name if units else definition.unit, versions=list(reversed(versions)),
        draft=draft, current=current,
        can_unpublish=any(v.state in VISIBLE_STATES for v in versions),
        values=values or DateValues(), time_zone=str(get_timezone()),
    )
