"""The application PDF and the advanced signature on the citizen's pages: download the
PDF that is signed, and upload it signed with her own certificate; then "Send". Works
without JavaScript."""

from __future__ import annotations

from flask import current_app, flash, redirect, request, url_for
from flask.typing import ResponseReturnValue

from eoffice.shared.errors import DomainError
from eoffice.shared.i18n import _
from eoffice.submissions.page_support import citizen, page_locale
from eoffice.submissions.routes import bp
from eoffice.submissions.services import advanced_signature
from eoffice.submissions.signing_api import application_response


@bp.get("/applications/<submission_id>/application.pdf", endpoint="application_pdf")
def application_pdf(submission_id: str) -> ResponseReturnValue:
    """The application as a PDF/A, to read, keep or sign with a certificate."""
    return application_response(submission_id)


@bp.post("/applications/<submission_id>/signed-application", endpoint="signed_upload")
def signed_upload(submission_id: str) -> ResponseReturnValue:
    """The application PDF signed with her certificate: accepted, or why not."""
    principal = citizen()
    back = redirect(url_for("submissions.check", submission_id=submission_id), 303)
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        flash(_("Choose the signed PDF to upload."), "error")
        return back
    try:
        signed = advanced_signature.read_upload(
            upload.stream, max_bytes=current_app.config["EOFFICE_SETTINGS"].max_pdf_bytes)
        advanced_signature.accept_signed_application(submission_id, principal, signed,
                                                     language=page_locale())
    except DomainError as refused:
        if refused.status == 404:
            raise
        flash(str(refused.title), "error")
        return back
    flash(_("Your signature was checked and accepted. Send the application to register it."),
          "success")
    return redirect(url_for("submissions.resume", submission_id=submission_id), 303)
