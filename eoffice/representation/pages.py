"""Citizens' pages of the register of powers: the powers I granted (and my companies'
through me) and the powers I hold, granting one, revoking one with a reason, and the
sealed evidence of each. Every page checks on the server who asks (404 otherwise)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from eoffice import audit, catalogue, documents, identity
from eoffice.identity import Permission, Principal
from eoffice.representation.errors import UnknownPower
from eoffice.representation.evidence import issue_now
from eoffice.representation.form_input import read_power_form
from eoffice.representation.services import granting, views
from eoffice.shared.db import reader, unit_of_work
from eoffice.shared.errors import DomainError, FieldError, ValidationFailed
from eoffice.shared.i18n import _, current_language

bp = Blueprint("representation_pages", __name__)


def _citizen() -> Principal:
    return identity.require_permission(Permission.ACT_AS_CITIZEN)


def form_errors(refused: DomainError) -> list[FieldError]:
    """The field errors of a refusal (or its title as one general error)."""
    return refused.errors or [FieldError("", str(refused.title), refused.code)]


def procedure_choices() -> list[Any]:
    with reader() as db:
        return catalogue.search_procedures(db, locale=current_language())


@bp.get("/representation")
def powers() -> ResponseReturnValue:
    """Powers I granted (myself and my companies) and powers I hold."""
    principal = _citizen()
    with reader() as db:
        companies = views.companies_represented_by(db, principal.id_number)
        grantors = [principal.id_number] if principal.id_number else []
        granted = views.powers_granted_by(db, grantors + [c.grantor_id_number
                                                          for c in companies])
        held = views.powers_held_by(db, principal.id_number)
    return render_template("representation/powers.html", granted=granted, held=held,
                           companies=companies, me=principal.id_number)


@bp.route("/representation/grant", methods=["GET", "POST"])
def grant() -> ResponseReturnValue:
    """The grant form; on POST the power, its evidence, and back to the list."""
    principal = _citizen()
    with reader() as db:
        companies = views.companies_represented_by(db, principal.id_number)
    choices = {"companies": companies, "procedure_options": procedure_choices()}
    if request.method == "GET":
        return render_template("representation/grant.html", form={}, errors=[], **choices)
    new, errors = read_power_form(request.form)
    try:
        if errors:
            raise ValidationFailed(errors=errors)
        with unit_of_work() as db:
            power = granting.grant_power(db, new, principal=principal)
    except DomainError as refused:
        return render_template("representation/grant.html", form=request.form,
                               errors=form_errors(refused), **choices), 422
    issue_now(power.id, language=current_language())
    flash(_("Power %(number)s granted.", number=power.number), "success")
    return redirect(url_for("representation_pages.powers"), 303)


def revoke_page(power_id: str, *, back: str) -> ResponseReturnValue:
    """The revocation form of a power the principal may see; on POST, revoke it."""
    principal = identity.require_principal()
    with reader() as db:
        power = views.get_power(db, power_id, principal)
    if request.method == "GET":
        return render_template("representation/revoke.html", power=power, errors=[],
                               back=back)
    try:
        with unit_of_work() as db:
            revoked = granting.revoke_power(db, power_id, reason=request.form.get("reason", ""),
                                            principal=principal)
    except UnknownPower:
        raise
    except DomainError as refused:
        return render_template("representation/revoke.html", power=power, back=back,
                               errors=form_errors(refused)), refused.status
    issue_now(revoked.id, language=current_language())
    flash(_("Power %(number)s revoked.", number=revoked.number), "success")
    return redirect(back, 303)


@bp.route("/representation/powers/<power_id>/revoke", methods=["GET", "POST"])
def revoke(power_id: str) -> ResponseReturnValue:
    _citizen()
    return revoke_page(power_id, back=url_for("representation_pages.powers"))


@bp.get("/representation/powers/<power_id>/evidence/<which>")
def evidence(power_id: str, which: str) -> Response:
    """The sealed certificate of the grant (``granted``) or revocation (``revoked``)."""
    principal = identity.require_principal()
    with reader() as db:
        power = views.get_power(db, power_id, principal)
        document_id = {"granted": power.evidence_document_id,
                       "revoked": power.revocation_document_id}.get(which)
        if not document_id:
            raise UnknownPower()
        version, chunks = documents.open_content(db, document_id)
        content = b"".join(chunks)
    audit.log_access(audit.Access(audit.DOWNLOAD, "document", document_id, "power",
                                  power.number), actor=principal.login, channel="page")
    return documents.content_response(version, iter([content]),
                                      name=f"{power.number.replace('/', '-')}-{which}.pdf")
