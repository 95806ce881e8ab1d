"""The signature tray (portafirmas) in the back office: what waits for me and what I
acted on, a circuit's review page with Sign and Reject, and the form that starts one.
Plain forms with CSRF; they work without JavaScript."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from eoffice import audit, identity
from eoffice.documents.downloads import content_response
from eoffice.documents.services.read import open_content
from eoffice.documents.tray import circuits, signing
from eoffice.documents.tray.domain import CircuitMode
from eoffice.documents.tray.drafting import DraftResolution, record_draft_resolution
from eoffice.documents.tray.errors import InvalidCircuit
from eoffice.identity import Permission
from eoffice.shared.db import reader, unit_of_work
from eoffice.shared.errors import FieldError, Forbidden
from eoffice.shared.i18n import _

bp = Blueprint("signature_tray", __name__, url_prefix="/backoffice/signatures",
               template_folder="../templates")
SIGNING_ATTEMPTS = 3


def _staff() -> identity.Principal:
    return identity.require_permission(Permission.USE_BACKOFFICE, somewhere=True)


@bp.get("", endpoint="tray")
def tray() -> ResponseReturnValue:
    principal = _staff()
    with reader() as db:
        waiting, done = circuits.list_tray(db, principal.login)
    may_start = _may_start(principal)
    return render_template("documents/tray/tray.html", waiting=waiting, done=done,
                           may_start=may_start)


@bp.get("/<circuit_id>", endpoint="circuit")
def show_circuit(circuit_id: str) -> ResponseReturnValue:
    principal = _staff()
    with reader() as db:
        view = circuits.get_circuit_for(db, circuit_id, principal.login)
    mine = view.step_of(principal.login)
    return render_template("documents/tray/circuit.html", circuit=view, mine=mine,
                           may_act=view.state == "pending" and mine is not None
                           and mine.state == "pending")


@bp.get("/<circuit_id>/document", endpoint="document")
def download(circuit_id: str) -> ResponseReturnValue:
    """The current version of the circuit's document, for its signers to review."""
    principal = _staff()
    with reader() as db:
        view = circuits.get_circuit_for(db, circuit_id, principal.login)
        version, chunks = open_content(db, view.document_id)
    audit.log_access(audit.Access(audit.DOWNLOAD, "document", view.document_id),
                     actor=principal.login, channel="page")
    return content_response(version, chunks, name=f"{view.document_id}-v{version.number}.pdf",
                            inline=True)


@bp.post("/<circuit_id>/sign", endpoint="sign")
def sign(circuit_id: str) -> ResponseReturnValue:
    """Sign as the official signed in: the TSA is asked before the write transaction."""
    principal = _staff()
    with reader() as db:
        circuits.get_circuit_for(db, circuit_id, principal.login)
    identity.require_recent_authentication(  # re-authentication before signing (ADR 0051)
        principal, return_to=url_for("signature_tray.circuit", circuit_id=circuit_id))
    for attempt in range(SIGNING_ATTEMPTS):
        with reader() as db:
            prepared = signing.prepare_tray_signature(db, circuit_id, signer=principal.login)
        try:
            with unit_of_work() as db:
                signing.record_tray_signature(db, prepared)
            break
        except signing.VersionChanged:
            if attempt == SIGNING_ATTEMPTS - 1:
                raise
    flash(_("You signed the document."), "success")
    return redirect(url_for("signature_tray.circuit", circuit_id=circuit_id))


@bp.post("/<circuit_id>/reject", endpoint="reject")
def reject(circuit_id: str) -> ResponseReturnValue:
    principal = _staff()
    reason = (request.form.get("reason") or "").strip()
    with unit_of_work() as db:
        circuits.get_circuit_for(db, circuit_id, principal.login)
        circuits.reject_in_tray(db, circuit_id, signer=principal.login, reason=reason)
    flash(_("You rejected the document."), "success")
    return redirect(url_for("signature_tray.circuit", circuit_id=circuit_id))


def _may_start(principal: identity.Principal, unit: str | None = None) -> bool:
    return any(principal.can(permission, unit=unit, somewhere=unit is None)
               for permission in (Permission.SIGN_RESOLUTIONS, Permission.PROCESS_FILES))


def _start_units(principal: identity.Principal) -> set[str] | None:
    units: set[str] = set()
    for permission in (Permission.SIGN_RESOLUTIONS, Permission.PROCESS_FILES):
        found = principal.units_with(permission)
        if found is None:
            return None
        units |= found
    return units


@bp.route("/new", methods=["GET", "POST"], endpoint="new")
def new_circuit() -> ResponseReturnValue:
    """Render a resolution from the text written here and send it round its signers."""
    principal = _staff()
    if not _may_start(principal):
        raise Forbidden()
    with reader() as db:
        units = identity.list_units(db, codes=_start_units(principal), locale="es")
    form = request.form
    if request.method == "GET":
        return render_template("documents/tray/new.html", units=units, form={}, errors=[])
    unit = form.get("unit", "")
    signers = [login for login in form.get("signers", "").replace(",", " ").split()]
    errors = [FieldError(name, _("Fill this in."), "required")
              for name in ("title", "text", "unit") if not form.get(name, "").strip()]
    if not errors and not _may_start(principal, unit):
        errors.append(FieldError("unit", _("You cannot start circuits in this unit."),
                                 "forbidden"))
    if not errors:
        try:
            with unit_of_work() as db:
                draft = DraftResolution(title=form["title"].strip()[:300],
                                        text=form["text"], unit_code=unit)
                document_id = record_draft_resolution(db, draft, actor=principal.login)
                view = circuits.start_circuit(
                    db, document_id=document_id, signers=signers,
                    mode=form.get("mode", CircuitMode.SEQUENTIAL), actor=principal.login)
            flash(_("The circuit has started."), "success")
            return redirect(url_for("signature_tray.circuit", circuit_id=view.id))
        except InvalidCircuit as exc:
            errors = exc.errors
    return render_template("documents/tray/new.html", units=units, form=form,
                           errors=errors), 422
