"""Registry clerks' pages of the register of powers: search powers by id number or power
number, record a power granted in person (apud acta), register a company's legal
representative from the companies register's extract, and revoke. Only principals with
``registry.register`` somewhere reach them."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from eoffice import identity
from eoffice.identity import Permission, Principal
from eoffice.representation.domain import PowerChannel
from eoffice.representation.evidence import issue_now
from eoffice.representation.form_input import read_power_form
from eoffice.representation.pages import form_errors, procedure_choices, revoke_page
from eoffice.representation.services import granting, views
from eoffice.shared.db import reader, unit_of_work
from eoffice.shared.errors import DomainError, ValidationFailed
from eoffice.shared.i18n import _, current_language

bp = Blueprint("representation_backoffice", __name__, url_prefix="/backoffice/representation")
ID_TYPES = ("nif", "nie", "cif", "passport")


def _clerk() -> Principal:
    return identity.require_permission(Permission.REGISTER_ENTRIES, somewhere=True)


@bp.get("")
def search() -> ResponseReturnValue:
    """Powers where an id number is grantor or representative, or a power by number."""
    _clerk()
    wanted = request.args.get("q", "").strip()
    with reader() as db:
        found = views.search_powers(db, wanted) if wanted else []
    return render_template("representation/backoffice.html", q=wanted, found=found)


def _record(kind: str) -> ResponseReturnValue:
    principal = _clerk()
    template = ("representation/in_person.html" if kind == "power"
                else "representation/legal_representative.html")
    choices = {"id_types": ID_TYPES, "procedure_options": procedure_choices()}
    if request.method == "GET":
        return render_template(template, form={}, errors=[], **choices)
    new, errors = read_power_form(request.form)
    try:
        if errors:
            raise ValidationFailed(errors=errors)
        with unit_of_work() as db:
            if kind == "power":
                power = granting.grant_power(db, new, principal=principal,
                                             channel=PowerChannel.IN_PERSON)
            else:
                power = granting.register_legal_representative(db, new, principal=principal)
    except DomainError as refused:
        return render_template(template, form=request.form, errors=form_errors(refused),
                               **choices), 422
    issue_now(power.id, language=current_language())
    flash(_("Power %(number)s recorded.", number=power.number), "success")
    return redirect(url_for("representation_backoffice.search",
                            q=power.grantor_id_number), 303)


@bp.route("/in-person", methods=["GET", "POST"])
def in_person() -> ResponseReturnValue:
    """Record a power granted in person at the office (apud acta)."""
    return _record("power")


@bp.route("/legal-representatives", methods=["GET", "POST"])
def legal_representative() -> ResponseReturnValue:
    """Register a company's legal representative."""
    return _record("legal_representative")


@bp.route("/powers/<power_id>/revoke", methods=["GET", "POST"])
def revoke(power_id: str) -> ResponseReturnValue:
    _clerk()
    return revoke_page(power_id, back=url_for("representation_backoffice.search"))
