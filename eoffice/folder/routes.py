"""Pages of the citizen folder (no JavaScript needed): the overview, her submissions,
files (one file's page), notifications, documents (downloads), payments, powers, who
accessed her files, and the ZIP export of all her data. Every page requires a signed-in
citizen (staff without the citizen role get 403); every object is checked on the server
(another person's file or document is 404)."""

from __future__ import annotations

from collections.abc import Iterator

from flask import Blueprint, Response, render_template, stream_with_context
from flask.typing import ResponseReturnValue

from eoffice import audit, documents, identity
from eoffice.folder import access_log, export, overview, sources
from eoffice.identity import Permission, Principal
from eoffice.shared.clock import utcnow
from eoffice.shared.db import reader, unit_of_work
from eoffice.shared.downloads import content_disposition
from eoffice.shared.errors import NotFound
from eoffice.shared.i18n import current_language

bp = Blueprint("folder", __name__, url_prefix="/folder", template_folder="templates")
CHUNK = 64 * 1024


def citizen() -> Principal:
    """The signed-in citizen (401 anonymous, 403 staff without the citizen role)."""
    return identity.require_permission(Permission.ACT_AS_CITIZEN)


def _folder(principal: Principal) -> overview.Folder:
    with reader() as db:
        return overview.folder_of(db, principal, current_language())


def overview_page() -> str:
    """The folder's overview (also the citizen area, ``/citizen``)."""
    principal = citizen()
    return render_template("citizen/index.html", folder=_folder(principal))


@bp.get("", endpoint="overview")
def overview_view() -> str:
    return overview_page()


@bp.get("/submissions")
def submissions_page() -> str:
    return render_template("folder/submissions.html", folder=_folder(citizen()))


@bp.get("/files")
def files_page() -> str:
    return render_template("folder/files.html", folder=_folder(citizen()))


@bp.get("/files/<file_number:number>")
def file_page(number: str) -> str:
    principal = citizen()
    with reader() as db:
        found = sources.file_of(db, number, principal)
    return render_template("folder/file.html", file=found)


@bp.get("/notifications")
def notifications_page() -> str:
    return render_template("folder/notifications.html", folder=_folder(citizen()))


@bp.get("/documents")
def documents_page() -> str:
    principal = citizen()
    with reader() as db:
        folder = overview.folder_of(db, principal, current_language())
        found = overview.documents_in(db, principal, folder)
    return render_template("folder/documents.html", documents=found)


@bp.get("/documents/<document_id>")
def document_download(document_id: str) -> Response:
    """One document of the folder (only those listed on the documents page)."""
    principal = citizen()
    with reader() as db:
        folder = overview.folder_of(db, principal, current_language())
        found = next((d for d in overview.documents_in(db, principal, folder)
                      if d.document_id == document_id), None)
        if found is None:
            raise NotFound()
        _version, chunks = documents.open_content(db, document_id)
    return Response(chunks, mimetype=found.media_type, headers={
        "Content-Disposition": content_disposition(export.download_name(found))})


@bp.get("/payments")
def payments_page() -> str:
    return render_template("folder/payments.html", folder=_folder(citizen()),
                           locale=current_language())


@bp.get("/powers")
def powers_page() -> str:
    return render_template("folder/powers.html", folder=_folder(citizen()))


@bp.get("/access-log")
def access_log_page() -> str:
    principal = citizen()
    own = (principal.id_number or "").upper()
    with reader() as db:
        folder = overview.folder_of(db, principal, current_language())
        entries = access_log.access_log(
            db, principal, own_files=[f for f in folder.files if f.party_id_number == own],
            own_submissions=folder.submissions, locale=current_language())
    return render_template("folder/access_log.html", entries=entries)


def export_response(principal: Principal) -> Response:
    """The ZIP of all the principal's data, streamed from a temporary file; audited as
    ``folder.data_exported``."""
    with reader() as db:
        try:
            archive = export.write_export(db, principal, locale=current_language())
        except export.ExportUnavailable:
            raise NotFound() from None
    with unit_of_work() as db:
        audit.record_event(db, "folder.data_exported", actor=principal.login,
                           object_type="person", object_id=principal.id_number or "",
                           data={"channel": principal.authenticated_by})

    def chunks() -> Iterator[bytes]:
        with archive:
            while block := archive.read(CHUNK):
                yield block

    name = f"my-data-{utcnow().date().isoformat()}.zip"
    return Response(stream_with_context(chunks()), mimetype="application/zip",
                    headers={"Content-Disposition": content_disposition(name)})


@bp.get("/export")
def export_page() -> ResponseReturnValue:
    return export_response(citizen())
