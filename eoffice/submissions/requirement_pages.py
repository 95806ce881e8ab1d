"""The citizen's pages for a requirement on the file of her application: what she is asked
to supply and by which day, and the form to answer it with text and documents (works
without JavaScript). Only the application's owner reaches them; anyone else gets 404.
Refused answers (a file too large, of a type not accepted or unreadable; answered
already; after the last day) show the page again with the reason and change nothing."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from eoffice.shared.db import reader, unit_of_work
from eoffice.shared.errors import DomainError
from eoffice.shared.i18n import _
from eoffice.submissions.page_support import citizen, load_view, page_locale, submission_page
from eoffice.submissions.routes import bp
from eoffice.submissions.services import access, answering


def _page(submission_id: str, requirement_id: str, *, error: str | None = None,
          text: str = "", status: int = 200) -> ResponseReturnValue:
    principal = citizen()
    with reader() as db:
        row = access.get_own_submission(db, submission_id, principal)
        view = load_view(db, row, page_locale())
        requirement = answering.own_requirement(db, submission_id, requirement_id, principal)
    context: dict[str, Any] = {
        "application": submission_page(view), "submission": view,
        "requirement": requirement, "error": error, "text": text,
        "max_mb": answering.ANSWER_MAX_BYTES // (1024 * 1024)}
    return render_template("submissions/requirement.html", **context), status


@bp.get("/applications/<submission_id>/requirements/<requirement_id>",
        endpoint="requirement")
def requirement_page(submission_id: str, requirement_id: str) -> ResponseReturnValue:
    return _page(submission_id, requirement_id)


@bp.post("/applications/<submission_id>/requirements/<requirement_id>/answer",
         endpoint="answer_requirement")
def answer(submission_id: str, requirement_id: str) -> ResponseReturnValue:
    """The citizen's answer: her text and the files she chose."""
    principal = citizen()
    text = request.form.get("text", "")[:10_000]
    uploads = [answering.Upload(f.filename or "file", f.stream)
               for f in request.files.getlist("documents") if f.filename]
    try:
        with reader() as db:  # ownership first, then the heavy checks without write locks
            answering.own_requirement(db, submission_id, requirement_id, principal)
        delivered = answering.check_answer_files(
            uploads, title=_("Answer to the requirement"), actor=principal.login)
        with unit_of_work() as db:
            answering.answer_own_requirement(db, submission_id, requirement_id,
                                             principal=principal, text=text,
                                             delivered=delivered, language=page_locale())
    except DomainError as refused:
        if refused.status == 404:
            raise
        return _page(submission_id, requirement_id, error=str(refused.title), text=text,
                     status=refused.status)
    flash(_("Your answer was received. The processing of your file goes on."), "success")
    return redirect(url_for("submissions.resume", submission_id=submission_id), 303)
