"""Back-office pages of the edict board (``/backoffice/edicts``), for staff who process
files: the edicts of their units, publishing one with its texts in the three languages
and its period, withdrawing one with a reason, and publishing a correction. Plain forms
that work without JavaScript; the server checks the unit on every action."""

from __future__ import annotations

from datetime import datetime

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from eoffice.notifications.edicts import access, services
from eoffice.notifications.edicts.domain import LANGUAGES
from eoffice.notifications.edicts.errors import (
    EdictAlreadyCorrected,
    EdictEnded,
    EdictWithdrawn,
    InvalidEdict,
)
from eoffice.notifications.edicts.pages import TEMPLATES, unit_names
from eoffice.notifications.edicts.services import EdictCorrection, NewEdict
from eoffice.shared.clock import utcnow
from eoffice.shared.db import reader, unit_of_work
from eoffice.shared.errors import DomainError, FieldError
from eoffice.shared.i18n import _, current_language
from eoffice.shared.localtime import city_timezone

bp = Blueprint("edicts_backoffice", __name__, url_prefix="/backoffice/edicts",
               template_folder=TEMPLATES)
TEXT_FIELDS = ("title", "body", "personal")
FORM_FIELDS = ("kind", "unit_code", "publish_from", "publish_until", "file_number",
               *(f"{name}-{lang}" for name in TEXT_FIELDS for lang in LANGUAGES))


def _values() -> dict[str, str]:
    return {name: request.form.get(name, "").strip()[:20_000] for name in FORM_FIELDS}


def _moment(values: dict[str, str], name: str) -> datetime | None:
    """A ``datetime-local`` field read in the city's time zone (None when empty)."""
    text = values.get(name, "")
    if not text:
        return None
    try:
        return datetime.fromisoformat(text).replace(tzinfo=city_timezone())
    except ValueError:
        raise InvalidEdict(errors=[FieldError(name, _("Give a date and time."),
                                              "invalid")]) from None


def _texts(values: dict[str, str], name: str) -> dict[str, str]:
    return {lang: values[f"{name}-{lang}"] for lang in LANGUAGES}


def _page(*, values: dict[str, str] | None = None, errors: list[FieldError] | None = None,
          status: int = 200) -> ResponseReturnValue:
    principal = access.staff_publisher()
    units = access.publishing_units(principal)
    language = current_language()
    with reader() as db:
        items = services.list_unit_edicts(db, units)
        names = unit_names(db, language)
    choices = sorted((code, names.get(code, code)) for code in (units or names))
    return render_template("edicts/backoffice.html", items=items, names=names,
                           units=choices, values=values or {"kind": "edict"},
                           errors=errors or [], language=language), status


def _problems(exc: DomainError, field: str) -> list[FieldError]:
    return list(exc.errors) or [FieldError(field, str(exc.detail or exc.title), exc.code)]


@bp.get("", endpoint="edicts")
def list_edicts() -> ResponseReturnValue:
    """The edicts of my units and the form to publish one."""
    return _page()


@bp.post("", endpoint="publish")
def publish() -> ResponseReturnValue:
    """Publish an edict from the form (``files.process`` in its unit)."""
    values = _values()
    try:
        principal = access.publisher_for(values["unit_code"])
        start = _moment(values, "publish_from") or utcnow()
        new = NewEdict(titles=_texts(values, "title"), bodies=_texts(values, "body"),
                       personal_data=_texts(values, "personal"),
                       unit_code=values["unit_code"], publish_from=start,
                       # no end given: ending as it starts is refused with the other problems
                       publish_until=_moment(values, "publish_until") or start,
                       file_number=values["file_number"] or None,
                       kind=values["kind"] or "edict")
        with unit_of_work() as db:
            view = services.publish_edict(db, new, principal.login)
    except InvalidEdict as exc:
        return _page(values=values, errors=_problems(exc, "titles"), status=exc.status)
    flash(_("Edict %(number)s published.", number=view.number), "success")
    return redirect(url_for(".edicts"), code=303)


@bp.post("/<number>/withdraw", endpoint="withdraw")
def withdraw(number: str) -> ResponseReturnValue:
    """Withdraw an edict with the reason given."""
    principal = access.staff_publisher()
    try:
        with unit_of_work() as db:
            access.publisher_for(services.get_edict(db, number).unit_code)
            services.withdraw_edict(db, number, reason=request.form.get("reason", "")[:2000],
                                    actor=principal.login)
    except (InvalidEdict, EdictEnded, EdictWithdrawn) as exc:
        return _page(errors=_problems(exc, "reason"), status=exc.status)
    flash(_("Edict %(number)s withdrawn.", number=number), "success")
    return redirect(url_for(".edicts"), code=303)


def _correction_page(number: str, *, values: dict[str, str] | None = None,
                     errors: list[FieldError] | None = None,
                     status: int = 200) -> ResponseReturnValue:
    with reader() as db:
        edict = services.get_edict(db, number)
        access.publisher_for(edict.unit_code)
        original = services.view_of(db, edict)
    if values is None:
        values = {f"title-{lang}": original.titles.get(lang, "") for lang in LANGUAGES}
        values |= {f"body-{lang}": original.bodies.get(lang, "") for lang in LANGUAGES}
        values |= {f"personal-{lang}": (edict.personal_data or {}).get(lang, "")
                   for lang in LANGUAGES}
    return render_template("edicts/correct.html", original=original, values=values,
                           errors=errors or [], language=current_language()), status


@bp.get("/<number>/correct", endpoint="correct_form")
def correct_form(number: str) -> ResponseReturnValue:
    """The form of the correction, filled with the original's texts."""
    access.staff_publisher()
    return _correction_page(number)


@bp.post("/<number>/correct", endpoint="correct")
def correct(number: str) -> ResponseReturnValue:
    """Publish the correction of an edict."""
    principal = access.staff_publisher()
    values = _values()
    try:
        with unit_of_work() as db:
            access.publisher_for(services.get_edict(db, number).unit_code)
            view = services.correct_edict(db, number, EdictCorrection(
                titles=_texts(values, "title"), bodies=_texts(values, "body"),
                personal_data=_texts(values, "personal"),
                publish_from=_moment(values, "publish_from"),
                publish_until=_moment(values, "publish_until")), actor=principal.login)
    except (InvalidEdict, EdictWithdrawn, EdictAlreadyCorrected) as exc:
        return _correction_page(number, values=values, errors=_problems(exc, "titles"),
                                status=exc.status)
    flash(_("Correction %(number)s published.", number=view.number), "success")
    return redirect(url_for(".edicts"), code=303)
