"""The citizen's application pages: start from a procedure case, fill in the pinned
form (saved as a draft at any time, resumed later), check the answers, sign and send.

Every page looks the submission up as the signed-in citizen's own: another citizen's
application is "not found". The catalogue's "Start" button links to ``submissions.start``.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import format_time
from flask_babel import gettext as _

from eoffice import fees, forms, representation
from eoffice.identity import Principal
from eoffice.shared.db import reader, unit_of_work
from eoffice.submissions.domain import EDITABLE, SENT, SubmissionStatus
from eoffice.submissions.errors import NotApplicableOnline
from eoffice.submissions.fee_step import fee_step
from eoffice.submissions.page_support import (
    citizen,
    load_view,
    page_locale,
    prefetch,
    submission_page,
)
from eoffice.submissions.services import (
    access,
    answering,
    application_pdf,
    attachments,
    drafts,
    paying,
    receipts,
    submitting,
)
from eoffice.submissions.services.applying import Application, find_application
from eoffice.submissions.services.on_behalf import on_behalf_notice
from eoffice.submissions.views import SubmissionView, localise

bp = Blueprint("submissions", __name__)


def _form_page(view: dict[str, Any], form_html: Any, *, action: str, fee_panel: Any = None,
               has_errors: bool = False, status: int = 200) -> ResponseReturnValue:
    return render_template("submissions/apply.html", application=view, form_html=form_html,
                           action=action, has_errors=has_errors, fee_panel=fee_panel), status


def _fee_panel(db: Any, *, procedure: str, case: str, answers: Any, locale: str,
               fee_required: bool) -> Any:
    """The live fee under the form (updated by htmx as answers change), if any."""
    if not fee_required:
        return None
    return fees.render_fee_panel(db, procedure=procedure, case=case, answers=answers or {},
                                 locale=locale)


def _application_page(application: Application, locale: str) -> dict[str, Any]:
    return {"procedure": application.procedure, "case": application.case,
            "procedure_title": localise(application.procedure_titles, locale),
            "case_title": localise(application.case_titles, locale)}


@bp.get("/procedures/<procedure>/<case>/apply", endpoint="start")
def start(procedure: str, case: str) -> ResponseReturnValue:
    """The blank form of the case in the citizen's language: nothing is stored until
    she saves or continues."""
    citizen()
    locale = page_locale()
    with reader() as db:
        application = find_application(db, procedure, case)
    if application is None:
        return render_template("submissions/unavailable.html", procedure=procedure), 404
    prefetch(application.form_key, application.form_version)
    with reader() as db:
        html = forms.render_form_html(db, application.form_key, application.form_version,
                                      locale=locale)
        panel = _fee_panel(db, procedure=procedure, case=case, answers={}, locale=locale,
                           fee_required=application.fee_required)
    return _form_page(_application_page(application, locale), html, fee_panel=panel,
                      action=url_for("submissions.start", procedure=procedure, case=case))


@bp.post("/procedures/<procedure>/<case>/apply")
def create(procedure: str, case: str) -> ResponseReturnValue:
    """The first save: a draft pinned to the versions in force, then as on its page."""
    principal = citizen()
    try:
        with unit_of_work() as db:
            submission = drafts.start_submission(db, principal, procedure=procedure,
                                                 case=case)
            submission_id = submission.id
    except NotApplicableOnline:
        return render_template("submissions/unavailable.html", procedure=procedure), 404
    return _answer(principal, submission_id)


@bp.route("/applications/<submission_id>", methods=["GET", "POST"], endpoint="resume")
def resume(submission_id: str) -> ResponseReturnValue:
    """A draft's form with the answers kept (or, once sent, the application as sent)."""
    principal = citizen()
    if request.method == "POST":
        return _answer(principal, submission_id)
    locale = page_locale()
    with reader() as db:
        row = access.get_own_submission(db, submission_id, principal)
        view = load_view(db, row, locale)
        if not view.editable:
            answers_html = forms.render_answers_html(db, row.form_key, row.form_version,
                                                     row.answers, locale=locale)
            return render_template("submissions/sent.html", submission=view,
                                   application=submission_page(view),
                                   answers_html=answers_html,
                                   receipt=receipts.receipt_of(db, row),
                                   standing=answering.standing_of(db, row.id))
        if not view.answers_open:  # the fee was issued for these answers: on to the check
            return redirect(url_for("submissions.check", submission_id=submission_id))
    prefetch(view.form_key, view.form_version)
    with reader() as db:
        html = forms.render_form_html(db, view.form_key, view.form_version,
                                      answers=view.answers, locale=locale)
        panel = _fee_panel(db, procedure=view.procedure, case=view.case, answers=view.answers,
                           locale=locale, fee_required=row.fee_required)
    return _form_page(submission_page(view), html, fee_panel=panel,
                      action=url_for("submissions.resume", submission_id=view.id))


def _answer(principal: Principal, submission_id: str) -> ResponseReturnValue:
    """The posted answers: kept as a draft ("save"), or checked ("continue")."""
    locale = page_locale()
    with reader() as db:
        row = access.get_own_submission(db, submission_id, principal)
        key, version = row.form_key, row.form_version
    prefetch(key, version)
    with unit_of_work() as db:
        row = access.get_own_submission(db, submission_id, principal, for_update=True)
        answers = forms.answers_from_form(db, key, version, request.form)
        if request.form.get("action") == "save":
            drafts.save_answers(db, row, answers, principal=principal)
            flash(_("Your answers are saved. You can come back to them at any time."),
                  "success")
            return redirect(url_for("submissions.resume", submission_id=submission_id))
        result = drafts.check_answers(db, row, answers, principal=principal, locale=locale)
        if result.valid:
            after = "submissions.documents" if attachments.required_documents(db, row) \
                else "submissions.check"
            return redirect(url_for(after, submission_id=submission_id))
        view = load_view(db, row, locale)
        html = forms.render_form_html(db, key, version, answers=answers,
                                      errors=result.errors, locale=locale)
        panel = _fee_panel(db, procedure=view.procedure, case=view.case, answers=answers,
                           locale=locale, fee_required=row.fee_required)
    return _form_page(submission_page(view), html, has_errors=True, status=422,
                      fee_panel=panel,
                      action=url_for("submissions.resume", submission_id=submission_id))


@bp.post("/applications/<submission_id>/autosave", endpoint="autosave")
def autosave(submission_id: str) -> ResponseReturnValue:
    """Keep the draft's answers as the citizen types (htmx, on change): a line saying
    when they were saved, or that the application was sent meanwhile."""
    principal = citizen()
    with reader() as db:
        row = access.get_own_submission(db, submission_id, principal)
        key, version = row.form_key, row.form_version
    prefetch(key, version)
    with unit_of_work() as db:
        row = access.get_own_submission(db, submission_id, principal, for_update=True)
        if SubmissionStatus(row.status) not in EDITABLE or row.fee_amount is not None:
            return _("These answers can no longer change: changes are not kept."), 409
        answers = forms.answers_from_form(db, key, version, request.form)
        drafts.save_answers(db, row, answers, principal=principal)
        saved_at = row.updated_at
    return str(_("Draft saved at %(time)s.", time=format_time(saved_at, "short")))


@bp.get("/applications/<submission_id>/check", endpoint="check")
def check(submission_id: str) -> ResponseReturnValue:
    """"Check your answers": read-only, in the view clerks will see; the fee and its
    payment when the case has one; then the declaration to sign."""
    principal = citizen()
    locale = page_locale()
    application_pdf.bring_up_to_date(submission_id, principal, language=locale)
    with reader() as db:
        row = access.get_own_submission(db, submission_id, principal)
        view = load_view(db, row, locale)
        if view.answers_sha256 is None or not view.editable:
            return redirect(url_for("submissions.resume", submission_id=submission_id))
        answers_html = forms.render_answers_html(db, row.form_key, row.form_version,
                                                 row.answers, locale=locale)
        fee = fee_step(db, row, locale)
        slots = attachments.checklist(db, row)
        to_sign = submitting.signed_digest(row, attachments.list_attachments(db, row))
        acting = on_behalf_notice(db, row)
    return render_template("submissions/check.html", application=submission_page(view),
                           submission=view, answers_html=answers_html, fee=fee,
                           slots=slots, to_sign=to_sign, acting=acting)


@bp.post("/applications/<submission_id>/payment", endpoint="pay")
def pay(submission_id: str) -> ResponseReturnValue:
    """Issue (or find) the self-assessment of the fee and go to its payment page."""
    principal = citizen()
    with unit_of_work() as db:
        row = access.get_own_submission(db, submission_id, principal, for_update=True)
        payment = paying.request_payment(db, row, principal=principal)
    return redirect(url_for("payments.payment", reference=payment.reference))


@bp.post("/applications/<submission_id>/submit", endpoint="submit")
def submit(submission_id: str) -> ResponseReturnValue:
    """"Sign and send": the simple signature over the answers she was shown, and the
    registration. A second click finds it registered and just shows it."""
    principal = citizen()
    register = current_app.config["EOFFICE_SETTINGS"].online_register
    application_pdf.bring_up_to_date(submission_id, principal, language=page_locale())
    try:
        with unit_of_work() as db:
            row = access.get_own_submission(db, submission_id, principal, for_update=True)
            if SubmissionStatus(row.status) in SENT and row.registry_number:
                return redirect(url_for("submissions.resume", submission_id=submission_id))
            entry = submitting.submit_submission(
                db, row, principal=principal, register=register,
                # the page always sends what it showed; nothing sent never matches
                seen_sha256=request.form.get("confirm_sha256") or "-", language=page_locale())
    except representation.RepresentationRefused as refused:  # nothing signed or registered
        flash(str(refused.detail or refused.title), "error")
        return redirect(url_for("submissions.check", submission_id=submission_id))
    receipts.issue_after_commit(entry.id, language=page_locale())
    flash(_("Your application is signed and registered with number %(number)s.",
            number=entry.number), "success")
    return redirect(url_for("submissions.resume", submission_id=submission_id))


@bp.get("/applications", endpoint="mine")
def mine() -> ResponseReturnValue:
    """The citizen's applications: drafts to resume and the ones she sent."""
    principal = citizen()
    locale = page_locale()
    with reader() as db:
        views = [SubmissionView.of(row, locale)
                 for row in access.list_own_submissions(db, principal)]
    return render_template("submissions/mine.html", submissions=views)
