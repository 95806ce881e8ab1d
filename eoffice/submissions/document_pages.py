"""The attachments checklist of an application: each document the case asks for, what
was delivered for it (name, size, fingerprint, signatures found), an upload per document
and a way to take a file back. Works without JavaScript."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from eoffice.shared.db import reader, unit_of_work
from eoffice.shared.errors import DomainError
from eoffice.shared.i18n import _
from eoffice.submissions.page_support import citizen, load_view, page_locale, submission_page
from eoffice.submissions.routes import bp
from eoffice.submissions.services import access, attachments


@bp.get("/applications/<submission_id>/documents", endpoint="documents")
def documents_page(submission_id: str) -> ResponseReturnValue:
    principal = citizen()
    with reader() as db:
        row = access.get_own_submission(db, submission_id, principal)
        view = load_view(db, row, page_locale())
        slots = attachments.checklist(db, row)
    if not view.editable:
        return redirect(url_for("submissions.resume", submission_id=submission_id))
    return render_template("submissions/documents.html", application=submission_page(view),
                           submission=view, slots=slots, locale=page_locale())


@bp.post("/applications/<submission_id>/documents", endpoint="upload")
def upload(submission_id: str) -> ResponseReturnValue:
    """Deliver (or, with ``remove``, take back) the file of one document."""
    principal = citizen()
    code = request.form.get("document_type", "")[:100]
    back = redirect(url_for("submissions.documents", submission_id=submission_id), 303)
    try:
        if request.form.get("action") == "remove":
            with unit_of_work() as db:
                row = access.get_own_submission(db, submission_id, principal, for_update=True)
                attachments.remove_attachment(db, row, code)
            flash(_("The file was taken back."), "success")
            return back
        upload_ = request.files.get("file")
        if upload_ is None or not upload_.filename:
            flash(_("Choose a file to upload."), "error")
            return back
        with reader() as db:  # the heavy checks hold no write lock
            row = access.get_own_submission(db, submission_id, principal)
            checked = attachments.check_file(db, row, document_code=code,
                                             file_name=upload_.filename, stream=upload_.stream,
                                             language=page_locale())
        attachments.scan_file(checked, actor=principal.login, unit_code=row.unit_code)
        with unit_of_work() as db:
            row = access.get_own_submission(db, submission_id, principal, for_update=True)
            attachments.keep_file(db, row, checked, principal=principal,
                                  language=page_locale())
    except DomainError as refused:
        if refused.status == 404:
            raise
        flash(str(refused.title), "error")
        return back
    flash(_("The file was received and checked."), "success")
    return back
