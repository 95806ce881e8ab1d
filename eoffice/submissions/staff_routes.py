"""The back office's view of received applications: the list for the clerk's units and
one application read-only (the same rendering the citizen checked and signed). A
clerk of another unit is told the application does not exist."""

from __future__ import annotations

from flask import Blueprint, Response, abort, render_template
from flask.typing import ResponseReturnValue

from eoffice import audit, forms, identity
from eoffice.identity import Permission
from eoffice.shared.db import reader
from eoffice.shared.downloads import content_disposition
from eoffice.shared.i18n import current_language
from eoffice.submissions.services import access, application_pdf
from eoffice.submissions.views import SubmissionView

bp = Blueprint("submissions_staff", __name__, url_prefix="/backoffice/applications")


@bp.get("", endpoint="inbox")
def inbox() -> ResponseReturnValue:
    """Sent applications of the units where the clerk may view files, newest first."""
    principal = identity.require_permission(Permission.VIEW_FILES, somewhere=True)
    locale = current_language()
    with reader() as db:
        views = [SubmissionView.of(row, locale)
                 for row in access.list_submissions_for_staff(db, principal)]
    return render_template("submissions/staff/inbox.html", submissions=views)


def _note(submission_id: str, file_number: str | None, actor: str, action: str) -> None:
    """Write to the access log that staff read or downloaded an application (before it
    is sent); its file, once there is one, is whose data it is."""
    audit.log_access(audit.Access(action, "submission", submission_id,
                                  "file" if file_number else "submission",
                                  file_number or submission_id),
                     actor=actor, channel="page")


@bp.get("/<submission_id>", endpoint="detail")
def detail(submission_id: str) -> ResponseReturnValue:
    """One application read-only: who, what, when, the signature and the answers."""
    principal = identity.require_permission(Permission.VIEW_FILES, somewhere=True)
    locale = current_language()
    with reader() as db:
        row = access.get_submission_for_staff(db, submission_id, principal)
        view = SubmissionView.of(row, locale, steps=access.list_steps(db, row),
                                 signatures=access.list_signatures(db, row))
        applicant = identity.describe_person(db, row.applicant_person_id)
        answers_html = forms.render_answers_html(db, row.form_key, row.form_version,
                                                 row.answers, locale=locale)
    _note(row.id, row.file_number, principal.login, audit.READ)
    return render_template("submissions/staff/detail.html", submission=view,
                           applicant=applicant, answers_html=answers_html)


@bp.get("/<submission_id>/application.pdf", endpoint="application_pdf")
def application(submission_id: str) -> ResponseReturnValue:
    """The application PDF as the applicant signed it (same access as the page)."""
    principal = identity.require_permission(Permission.VIEW_FILES, somewhere=True)
    with reader() as db:
        row = access.get_submission_for_staff(db, submission_id, principal)
        if row.application_sha256 is None:
            abort(404)
        content = application_pdf.content(row)
    _note(row.id, row.file_number, principal.login, audit.DOWNLOAD)
    return Response(content, mimetype="application/pdf", headers={
        "Content-Disposition": content_disposition(f"application-{row.id[:8]}.pdf",
                                                   inline=True)})
