"""Administration of the governing bodies (``/admin/bodies``, ``bodies.manage``): the
bodies with a form for a new one, and a body's page to change it and appoint or end its
members. Refusals come back on the same page with the fields they name; every change is
audited by the services. Competences and delegations: admin_competence_pages."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from eoffice import identity
from eoffice.bodies.directory import BodyData, create_body, get_body, list_bodies, update_body
from eoffice.bodies.errors import InvalidBodyData
from eoffice.bodies.members import NewMember, add_member, end_membership, list_members
from eoffice.bodies.periods import LANGUAGES
from eoffice.bodies.words import WORDS
from eoffice.identity import Permission, Principal
from eoffice.shared.db import reader, unit_of_work
from eoffice.shared.errors import DomainError, FieldError
from eoffice.shared.i18n import _, current_language
from eoffice.shared.localtime import local_today
from eoffice.shared.numbers import whole_number

bp = Blueprint("bodies_admin", __name__, url_prefix="/admin/bodies")


@bp.before_request
def _only_administrators() -> None:
    administrator()


def administrator() -> Principal:
    return identity.require_permission(Permission.MANAGE_BODIES)


def form_text(name: str, limit: int = 200) -> str:
    return " ".join((request.form.get(name) or "").split())[:limit]


def form_day(name: str, errors: list[FieldError], *, required: bool) -> date | None:
    """A day from the form; a field error when malformed (or missing and required)."""
    text = form_text(name, 20)
    if not text and not required:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        errors.append(FieldError(name, _("Give a date such as 2026-12-31."), "invalid"))
        return None


def errors_of(refused: DomainError) -> list[FieldError]:
    return refused.errors or [FieldError("", str(refused.detail or refused.title),
                                         refused.code)]


def _body_data(key: str, kind: str) -> BodyData:
    errors: list[FieldError] = []
    quorum_text = form_text("quorum_percent", 10)
    quorum = whole_number(quorum_text, max_digits=3)
    if quorum_text and quorum is None:
        errors.append(FieldError("quorum_percent", _("Give a whole number from 1 to 100."),
                                 "invalid"))
    return BodyData(key=key, kind=kind,
                    name={lang: form_text(f"name_{lang}") for lang in LANGUAGES},
                    unit_code=form_text("unit_code", 50), quorum_percent=quorum,
                    active=request.form.get("active") == "yes", errors=errors)


def _bodies_page(form: dict[str, Any], errors: list[FieldError],
                 status: int = 200) -> ResponseReturnValue:
    today = local_today()
    with reader() as db:
        rows = [(body, [m for m in list_members(db, body)
                        if m.valid_from <= today and (m.valid_to is None or today <= m.valid_to)])
                for body in list_bodies(db)]
        units = identity.list_units(db, codes=None, locale=current_language())
    return render_template("bodies/admin/bodies.html", rows=rows, form=form, errors=errors,
                           units=units, words=WORDS, language=current_language()), status


@bp.get("", endpoint="bodies")
def bodies_page() -> ResponseReturnValue:
    """The bodies with their members today, and the form of a new body."""
    return _bodies_page({"kind": "single", "active": True}, [])


@bp.post("", endpoint="create_body")
def create() -> ResponseReturnValue:
    principal = administrator()
    data = _body_data(form_text("key", 50), form_text("kind", 20))
    try:
        with unit_of_work() as db:
            create_body(db, data, actor=principal.login)
    except DomainError as refused:
        return _bodies_page(dict(request.form), errors_of(refused), refused.status)
    flash(_("The body %(key)s was created.", key=data.key), "success")
    return redirect(url_for(".body", key=data.key), code=303)


def _body_page(key: str, *, form: dict[str, Any] | None = None,
               errors: list[FieldError] | None = None, status: int = 200
               ) -> ResponseReturnValue:
    with reader() as db:
        body = get_body(db, key)
        members = list_members(db, body)
        units = identity.list_units(db, codes=None, locale=current_language())
        edit = form or {"unit_code": body.unit_code, "quorum_percent": body.quorum_percent
                        or "", "active": body.active,
                        **{f"name_{lang}": body.name.get(lang, "") for lang in LANGUAGES}}
    return render_template("bodies/admin/body.html", body=body, members=members,
                           form=edit, errors=errors or [], units=units, words=WORDS,
                           today=local_today(), language=current_language()), status


@bp.get("/<key>/edit", endpoint="body")
def body_page(key: str) -> ResponseReturnValue:
    """A body: its names, unit, quorum and members (current and past)."""
    return _body_page(key)


@bp.post("/<key>/edit", endpoint="update_body")
def update(key: str) -> ResponseReturnValue:
    principal = administrator()
    try:
        with unit_of_work() as db:
            body = get_body(db, key)
            update_body(db, key, _body_data(key, body.kind), actor=principal.login)
    except DomainError as refused:
        if refused.status == 404:
            raise
        return _body_page(key, form=dict(request.form), errors=errors_of(refused),
                          status=refused.status)
    flash(_("The body %(key)s was saved.", key=key), "success")
    return redirect(url_for(".body", key=key), code=303)


@bp.post("/<key>/members", endpoint="add_member")
def appoint(key: str) -> ResponseReturnValue:
    principal = administrator()
    errors: list[FieldError] = []
    starts = form_day("valid_from", errors, required=True)
    ends = form_day("valid_to", errors, required=False)
    try:
        if errors or starts is None:
            raise InvalidBodyData(errors=errors)
        with unit_of_work() as db:
            add_member(db, key, NewMember(login=form_text("login", 100),
                                          role=form_text("role", 20), valid_from=starts,
                                          valid_to=ends), actor=principal.login)
    except DomainError as refused:
        if refused.status == 404:
            raise
        return _body_page(key, errors=errors_of(refused), status=refused.status)
    flash(_("%(login)s was appointed.", login=form_text("login", 100)), "success")
    return redirect(url_for(".body", key=key), code=303)


@bp.post("/<key>/members/<int:member_id>/end", endpoint="end_member")
def end(key: str, member_id: int) -> ResponseReturnValue:
    principal = administrator()
    errors: list[FieldError] = []
    last_day = form_day("valid_to", errors, required=True)
    try:
        if errors or last_day is None:
            raise InvalidBodyData(errors=errors)
        with unit_of_work() as db:
            end_membership(db, key, member_id, valid_to=last_day, actor=principal.login)
    except DomainError as refused:
        if refused.status == 404:
            raise
        return _body_page(key, errors=errors_of(refused), status=refused.status)
    flash(_("The membership ends on %(day)s.", day=last_day.isoformat()), "success")
    return redirect(url_for(".body", key=key), code=303)
