"""In-person registration at a registry office: a registry clerk registers a paper
application for a citizen; every scanned page set becomes a certified copy sealed by the
office (documents context) and is listed, with its fingerprint, in the entry; the
receipt is sealed after the entry commits."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from flask import redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import get_locale
from werkzeug.datastructures import FileStorage

from eoffice import documents, identity
from eoffice.identity import IdType, Permission, Principal
from eoffice.registry.domain import Channel, DeliveredDocument, Party, RegisterKind
from eoffice.registry.pages import bp
from eoffice.registry.receipts import issue_receipt
from eoffice.registry.services import entries, registers
from eoffice.shared.db import reader, unit_of_work
from eoffice.shared.errors import DomainError, FieldError, ValidationFailed
from eoffice.shared.i18n import _

ID_TYPES = ("nif", "nie", "cif", "passport")
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PaperApplication:
    register: str
    party: Party
    subject: str
    destination_unit: str
    procedure: str | None


def _form_choices(principal: Principal) -> dict[str, Any]:
    offices = principal.units_with(Permission.REGISTER_ENTRIES)
    locale = str(get_locale() or "es")
    with reader() as db:
        books = [r for r in registers.list_registers(db) if r.kind == RegisterKind.ENTRY
                 and (offices is None or r.office_unit in offices)]
        units = identity.list_units(db, codes=None, locale=locale)
    return {"books": books, "units": units, "id_types": ID_TYPES, "locale": locale}


def _read(form: Any) -> tuple[PaperApplication | None, list[FieldError]]:
    errors: list[FieldError] = []
    id_type, number = form.get("id_type", "nif"), form.get("id_number", "")
    try:
        number = identity.normalise_national_id(IdType(id_type), number)
    except (ValueError, identity.InvalidNationalId):
        errors.append(FieldError("id_number", _("Enter a valid identity number."), "invalid"))
    name, subject = form.get("name", "").strip()[:300], form.get("subject", "").strip()
    if not name:
        errors.append(FieldError("name", _("Enter the name of the interested party."),
                                 "required"))
    if not subject:
        errors.append(FieldError("subject", _("Say what the application is about."),
                                 "required"))
    if errors:
        return None, errors
    return PaperApplication(form.get("register", ""), Party(name, id_type, number), subject,
                            form.get("unit", ""), form.get("procedure") or None), []


def _certify(scans: list[FileStorage], *, unit: str, language: str,
             actor: str) -> list[documents.PreparedCopy]:
    """Scan every file for viruses and seal it as a certified copy (before any
    transaction: the scanner and the TSA are remote)."""
    copies = []
    for number, scan in enumerate(scans, start=1):
        title = _("Certified copy %(number)s: %(name)s", number=number,
                  name=(scan.filename or "scan.pdf")[-120:])
        data = scan.read()
        documents.scan_upload(data, file_name=scan.filename or "scan.pdf", actor=actor,
                              channel="registry_desk", unit_code=unit)
        copies.append(documents.prepare_certified_copy(
            data=data, title=title, language=language, unit_code=unit))
    return copies


@bp.route("/new", methods=["GET", "POST"], endpoint="new_entry")
def new_entry() -> ResponseReturnValue:
    """The form of a paper application; on POST, certified copies, entry and receipt."""
    principal = identity.require_permission(Permission.REGISTER_ENTRIES, somewhere=True)
    choices = _form_choices(principal)
    if request.method == "GET":
        return render_template("registry/new_entry.html", errors=[], form={}, **choices)
    paper, errors = _read(request.form)
    scans = [f for f in request.files.getlist("scans") if f and f.filename]
    try:
        if paper is None:
            raise ValidationFailed(errors=errors)
        with reader() as db:
            office = registers.get_register(db, paper.register).office_unit
        if not principal.can(Permission.REGISTER_ENTRIES, unit=office):
            raise ValidationFailed(errors=[FieldError(
                "register", _("Choose a register of your office."), "invalid")])
        copies = _certify(scans, unit=office, language=choices["locale"],
                          actor=principal.login)
        with unit_of_work() as db:
            issued = [documents.record_certified_copy(db, c, actor=principal.login)
                      for c in copies]
            entry = entries.register_entry(db, entries.NewEntry(
                register=paper.register, channel=Channel.IN_PERSON, subject=paper.subject,
                destination_unit=paper.destination_unit, parties=[paper.party],
                documents=[DeliveredDocument(c.title, c.content_sha256, c.size, "application/pdf")
                           for c in copies],
                procedure=paper.procedure, language=choices["locale"],
                origin={"kind": "citizen", "office": office, "copies": ",".join(
                    f"{d.id}:{d.verification_code}" for d in issued)},
            ), actor=principal.login)
            entry_id = entry.id
    except DomainError as refused:
        return render_template("registry/new_entry.html", form=request.form,
                               errors=refused.errors or [FieldError(
                                   "scans", str(refused.title), refused.code)],
                               **choices), 422
    try:
        issue_receipt(entry_id, language=choices["locale"])
    except Exception:  # the outbox has the receipt due: the worker seals it later
        log.exception("receipt of entry %s left to the worker", entry_id)
    return redirect(url_for("registry_pages.entry", entry_id=entry_id), 303)
