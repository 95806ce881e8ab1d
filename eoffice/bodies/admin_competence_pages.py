"""Administration of competences and delegations (``/admin/bodies/competences`` and
``/admin/bodies/delegations``, ``bodies.manage``): the competent body of each procedure
of the catalogue (set, removed), and the delegations of competence (created, revoked).
On the blueprint of :mod:`eoffice.bodies.admin_pages`."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from eoffice import catalogue
from eoffice.bodies.admin_pages import administrator, bp, errors_of, form_day, form_text
from eoffice.bodies.competences import list_competences, remove_competence, set_competence
from eoffice.bodies.delegations import (
    NewDelegation,
    create_delegation,
    list_delegations,
    revoke_delegation,
)
from eoffice.bodies.directory import list_body_views
from eoffice.bodies.domain import BodyKind
from eoffice.bodies.errors import InvalidBodyData
from eoffice.shared.db import reader, unit_of_work
from eoffice.shared.errors import DomainError, FieldError
from eoffice.shared.i18n import _, current_language


def _competences_page(errors: list[FieldError] | None = None,
                      status: int = 200) -> ResponseReturnValue:
    with reader() as db:
        competent = {code: body for code, body in list_competences(db)}
        procedures = catalogue.list_procedures(db, locale=current_language())
        bodies = list_body_views(db)
    return render_template("bodies/admin/competences.html", procedures=procedures,
                           competent=competent, bodies=bodies, errors=errors or [],
                           language=current_language()), status


@bp.get("/competences", endpoint="competences")
def competences() -> ResponseReturnValue:
    """Every procedure of the catalogue with its competent body, if any."""
    return _competences_page()


@bp.post("/competences", endpoint="set_competence")
def set_one() -> ResponseReturnValue:
    principal = administrator()
    procedure, body = form_text("procedure_code", 100), form_text("body", 50)
    try:
        with unit_of_work() as db:
            set_competence(db, procedure_code=procedure, body_key=body,
                           actor=principal.login)
    except DomainError as refused:
        return _competences_page(errors_of(refused), refused.status)
    flash(_("%(procedure)s is now resolved by %(body)s.", procedure=procedure, body=body),
          "success")
    return redirect(url_for(".competences"), code=303)


@bp.post("/competences/<procedure>/remove", endpoint="remove_competence")
def remove_one(procedure: str) -> ResponseReturnValue:
    principal = administrator()
    try:
        with unit_of_work() as db:
            remove_competence(db, procedure_code=procedure, actor=principal.login)
    except DomainError as refused:
        return _competences_page(errors_of(refused), refused.status)
    flash(_("%(procedure)s has no competent body now.", procedure=procedure), "success")
    return redirect(url_for(".competences"), code=303)


def _delegations_page(form: dict[str, Any] | None = None,
                      errors: list[FieldError] | None = None,
                      status: int = 200) -> ResponseReturnValue:
    with reader() as db:
        rows = list_delegations(db)
        bodies = list_body_views(db)
        procedures = [code for code, _body in list_competences(db)]
    singles = [(body.key, body.label(current_language())) for body in bodies
               if body.kind == BodyKind.SINGLE]
    return render_template("bodies/admin/delegations.html", rows=rows, singles=singles,
                           procedures=procedures, form=form or {}, errors=errors or [],
                           language=current_language()), status


@bp.get("/delegations", endpoint="delegations")
def delegations() -> ResponseReturnValue:
    """The delegations of competence, in force or not, and the form of a new one."""
    return _delegations_page()


@bp.post("/delegations", endpoint="create_delegation")
def create() -> ResponseReturnValue:
    principal = administrator()
    errors: list[FieldError] = []
    starts = form_day("valid_from", errors, required=True)
    ends = form_day("valid_to", errors, required=False)
    try:
        if errors or starts is None:
            raise InvalidBodyData(errors=errors)
        new = NewDelegation(
            delegating_body=form_text("delegating_body", 50),
            delegate_body=form_text("delegate_body", 50),
            procedure_code=form_text("procedure_code", 100) or None, valid_from=starts,
            valid_to=ends, reference=form_text("reference", 200))
        with unit_of_work() as db:
            create_delegation(db, new, actor=principal.login)
    except DomainError as refused:
        return _delegations_page(dict(request.form), errors_of(refused), refused.status)
    flash(_("The delegation %(reference)s was recorded.", reference=new.reference),
          "success")
    return redirect(url_for(".delegations"), code=303)


@bp.post("/delegations/<int:delegation_id>/revoke", endpoint="revoke_delegation")
def revoke(delegation_id: int) -> ResponseReturnValue:
    principal = administrator()
    try:
        with unit_of_work() as db:
            row = revoke_delegation(db, delegation_id, actor=principal.login)
            reference = row.reference
    except DomainError as refused:
        if refused.status == 404:
            raise
        return _delegations_page(errors=errors_of(refused), status=refused.status)
    flash(_("The delegation %(reference)s is revoked.", reference=reference), "success")
    return redirect(url_for(".delegations"), code=303)
