"""The archive's records pages in the back office: transfers received (newest first, a
page at a time, with a form to transfer a closed file for those who may) and one
archived file with its package, receipt and, after destruction, its tombstone."""

from __future__ import annotations

import re

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from eoffice import audit, documents, files, identity
from eoffice.archive.errors import (
    AlreadyTransferred,
    FileNotClosed,
    NotAllowedInArchive,
    PackageInvalid,
    UnknownRecord,
)
from eoffice.archive.records_views import (
    list_records_for,
    note_record_access,
    package_zip,
    payload_download,
    record_detail,
    zip_name,
)
from eoffice.archive.services.access import get_record_for, is_archivist, require_staff
from eoffice.archive.services.transfer import transfer_file
from eoffice.identity import Permission, Principal
from eoffice.shared.db import reader
from eoffice.shared.i18n import _, current_language

bp = Blueprint("archive_records", __name__, url_prefix="/backoffice/archive",
               template_folder="templates")
PAGE_SIZE = 25
FILE_NUMBER = re.compile(r"[A-Za-z0-9_.-]{1,50}/[0-9]{4}/[0-9]{1,9}")


def _may_transfer(principal: Principal) -> bool:
    return is_archivist(principal) or principal.can(Permission.PROCESS_FILES, somewhere=True)


def _transfers_page(principal: Principal, *, page: int, error: str | None = None,
                    number: str = "", status: int = 200) -> ResponseReturnValue:
    with reader() as db:
        rows, total = list_records_for(db, principal, page=page, page_size=PAGE_SIZE)
    pages = max((total + PAGE_SIZE - 1) // PAGE_SIZE, 1)
    return render_template("archive/transfers.html", items=rows, page=page, pages=pages,
                           total=total, may_transfer=_may_transfer(principal),
                           error=error, number=number), status


@bp.get("/transfers", endpoint="transfers")
def transfers() -> ResponseReturnValue:
    """Archived files received, newest first (``?page=``)."""
    principal = require_staff(identity.require_principal())
    page = max(request.args.get("page", 1, type=int) or 1, 1)
    return _transfers_page(principal, page=page)


@bp.post("/transfers", endpoint="transfer")
def transfer() -> ResponseReturnValue:
    """Transfer the closed file typed in the form; the page again with the reason when
    it cannot be transferred."""
    principal = require_staff(identity.require_principal())
    number = (request.form.get("file_number") or "").strip()[:60]
    if not _may_transfer(principal):
        raise NotAllowedInArchive()
    if FILE_NUMBER.fullmatch(number) is None:
        return _transfers_page(principal, page=1, number=number, status=422,
                               error=_("Type a file number such as URB/2026/000001."))
    try:
        done = transfer_file(number, actor=principal.login, principal=principal,
                             language=current_language())
    except (FileNotClosed, AlreadyTransferred, PackageInvalid, files.UnknownFile) as refused:
        return _transfers_page(principal, page=1, number=number, status=refused.status,
                               error=str(refused.title))
    flash(_("The file %(number)s is in the archive; its transfer receipt is sealed.",
            number=done.file_number), "success")
    return redirect(url_for("archive_records.record", number=done.file_number))


@bp.get("/records/<file_number:number>", endpoint="record")
def record(number: str) -> ResponseReturnValue:
    """One archived file: metadata, parties, package files, receipt, tombstone."""
    principal = require_staff(identity.require_principal())
    with reader() as db:
        found = get_record_for(db, number, principal)
        detail = record_detail(db, found, principal)
        page = render_template("archive/record.html", record=found, detail=detail,
                               archivist=is_archivist(principal))
    note_record_access(found.file_number, principal, action=audit.READ, what="record",
                       channel="page")
    return page


@bp.get("/records/<file_number:number>/package", endpoint="package")
def package(number: str) -> ResponseReturnValue:
    """The whole package as a ZIP."""
    return package_zip(number, require_staff(identity.require_principal()), channel="page")


@bp.get("/records/<file_number:number>/files/<path:path>", endpoint="payload")
def payload(number: str, path: str) -> ResponseReturnValue:
    """One payload file of the package."""
    return payload_download(number, path, require_staff(identity.require_principal()),
                            inline=True, channel="page")


@bp.get("/records/<file_number:number>/<any(receipt, certificate):kind>", endpoint="evidence")
def evidence(number: str, kind: str) -> ResponseReturnValue:
    """The sealed transfer receipt of an archived file, or its destruction certificate
    (archivists and the head of the destruction list's unit only: it names every file
    of the list; for anyone else it does not exist)."""
    principal = require_staff(identity.require_principal())
    with reader() as db:
        found = get_record_for(db, number, principal)
        detail = record_detail(db, found, principal)
        reference = detail["receipt" if kind == "receipt" else "destruction_certificate"]
        if reference is None:
            raise UnknownRecord()
        version, chunks = documents.open_content(db, reference["document_id"])
    note_record_access(found.file_number, principal, action=audit.DOWNLOAD, what=kind,
                       channel="page")
    return documents.content_response(version, chunks, inline=True,
                                      name=f"{zip_name(found.file_number)}-{kind}.pdf")
