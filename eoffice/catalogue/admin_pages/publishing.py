"""Admin pages: publishing a draft now or from a date (optionally until a date), and
unpublishing a procedure now or at a date. Dates are typed in the page's time zone."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from flask import flash, redirect, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import format_datetime, to_utc

from eoffice.catalogue.admin_pages.blueprint import bp, manager
from eoffice.catalogue.admin_pages.draft_document import EDITOR_ALIASES, anchors
from eoffice.catalogue.admin_pages.draft_form import from_definition
from eoffice.catalogue.admin_pages.problems import errors_of, field_label, page_errors
from eoffice.catalogue.admin_pages.procedure_page import DateValues, render_procedure
from eoffice.catalogue.services import history, publication
from eoffice.shared.clock import utcnow
from eoffice.shared.db import reader, unit_of_work
from eoffice.shared.errors import DomainError, FieldError, ValidationFailed
from eoffice.shared.i18n import _

PUBLISH_ALIASES = {"published_from": "publish-from", "published_until": "publish-until"}
UNPUBLISH_ALIASES = {"published_until": "unpublish-until"}


def parse_moment(value: str, path: str, problems: list[FieldError]) -> datetime | None:
    """A date and time typed in the page's time zone (``2030-01-31T09:00``), in UTC."""
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
        if not 2000 <= moment.year < 9000:
            raise ValueError(value)
    except ValueError:
        problems.append(FieldError(path, _("Give a date and time, like 2030-01-31T09:00."),
                                   "invalid_date"))
        return None
    if moment.tzinfo is not None:
        return moment.astimezone(UTC)
    in_utc: datetime = to_utc(moment)
    return in_utc.replace(tzinfo=UTC)


def _field(name: str) -> str:
    return request.form.get(name, "").strip()[:40]


def _edit_link(code: str, number: int, local: list[str]) -> Callable[[str], str]:
    def link(anchor: str) -> str:
        if anchor in local:
            return f"#{anchor}"
        return url_for(".edit_version", code=code, number=number, _anchor=anchor)
    return link


def _publish_problems(code: str, number: int, exc: DomainError) -> ResponseReturnValue:
    """The procedure's page with what keeps the draft from being published; problems in
    the definition link to their input in the editor."""
    with reader() as db:
        _info, definition = history.get_version_content(db, code, number)
    local = list(PUBLISH_ALIASES.values())
    shown = page_errors(
        errors_of(exc), anchors=[*local, *anchors(from_definition(definition))],
        aliases={**EDITOR_ALIASES, **PUBLISH_ALIASES}, link=_edit_link(code, number, local),
    )
    values = DateValues(publish_from=_field("published_from"),
                        publish_until=_field("published_until"))
    return render_procedure(code, errors=shown, values=values, status=exc.status)


@bp.post("/procedures/<code>/versions/<int(max=2147483647):number>/publish")
def publish(code: str, number: int) -> ResponseReturnValue:
    """Publish the draft now (no start date) or from a future date."""
    principal = manager()
    problems: list[FieldError] = []
    start = parse_moment(_field("published_from"), "published_from", problems)
    end = parse_moment(_field("published_until"), "published_until", problems)
    try:
        if problems:
            raise ValidationFailed(errors=problems)
        with unit_of_work() as db:
            outcome = publication.publish_version(db, code, number, actor=principal.login,
                                                  published_from=start, published_until=end)
            visible_from = outcome.version.published_from
            warnings = outcome.warnings
    except DomainError as exc:
        if exc.status == 404:
            raise
        return _publish_problems(code, number, exc)
    if visible_from is not None and visible_from > utcnow():
        flash(_("Version %(number)s will be published on %(date)s.", number=number,
                date=format_datetime(visible_from)), "success")
    else:
        flash(_("Version %(number)s is published: citizens see it now.", number=number),
              "success")
    if warnings:
        details = "; ".join(f"{field_label(w.field)}: {w.message}" for w in warnings)
        flash(_("Published with warnings: %(details)s", details=details), "warning")
    return redirect(url_for(".procedure", code=code))


@bp.post("/procedures/<code>/unpublish")
def unpublish(code: str) -> ResponseReturnValue:
    """Stop showing the procedure now (no date) or from a future date."""
    principal = manager()
    problems: list[FieldError] = []
    end = parse_moment(_field("published_until"), "published_until", problems)
    try:
        if problems:
            raise ValidationFailed(errors=problems)
        with unit_of_work() as db:
            publication.unpublish(db, code, actor=principal.login, published_until=end)
    except DomainError as exc:
        if exc.status == 404:
            raise
        shown = page_errors(errors_of(exc), anchors=set(UNPUBLISH_ALIASES.values()),
                            aliases=UNPUBLISH_ALIASES)
        values = DateValues(unpublish_until=_field("published_until"))
        return render_procedure(code, errors=shown, values=values, status=exc.status)
    if end is not None and end > utcnow():
        flash(_("Citizens will stop seeing this procedure on %(date)s.",
                date=format_datetime(end)), "success")
    else:
        flash(_("The procedure is unpublished: citizens no longer see it."), "success")
    return redirect(url_for(".procedure", code=code))
