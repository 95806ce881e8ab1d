"""The submissions API for citizens (and, later, clerks on their behalf): start a draft,
give answers (validated against the pinned form), read state and history. Another
citizen's submission is 404."""

from __future__ import annotations

from typing import Any

from flask import current_app, request, url_for
from flask.views import MethodView
from flask_smorest import Blueprint

from eoffice import identity
from eoffice.identity import Permission
from eoffice.shared import idempotency
from eoffice.shared.db import reader, unit_of_work
from eoffice.shared.i18n import current_language
from eoffice.shared.problem_schemas import problem_responses
from eoffice.submissions import schemas
from eoffice.submissions.services import (
    access,
    application_pdf,
    attachments,
    drafts,
    paying,
    receipts,
    submitting,
)
from eoffice.submissions.views import SubmissionView

blp = Blueprint("submissions-api", __name__, url_prefix="/api/v1",
                description="Citizens' applications (the presentation engine)")


def _out(db: Any, row: Any, validation: dict[str, Any] | None = None) -> dict[str, Any]:
    view = SubmissionView.of(row, current_language(), steps=access.list_steps(db, row),
                             signatures=access.list_signatures(db, row))
    delivered = attachments.list_attachments(db, row)
    out: dict[str, Any] = {
        **view.__dict__, "status": view.status.value, "attachments": delivered,
        "form": {"key": view.form_key, "version": view.form_version},
        "sha256_to_sign": submitting.signed_digest(row, delivered)
        if row.answers_sha256 and application_pdf.is_current(db, row) else None,
        "application": {
            "sha256": row.application_sha256,
            "url": url_for("submissions-signing-api.SubmissionApplication",
                           submission_id=row.id, _external=False)}
        if row.application_sha256 else None}
    if validation is not None:
        out["validation"] = validation
    return out


@blp.route("/submissions")
class Submissions(MethodView):
    @blp.arguments(schemas.SubmissionIn)
    @blp.response(201, schemas.SubmissionOut)
    @problem_responses(blp, 401, 403, 404, 422)
    def post(self, args: dict[str, Any]) -> dict[str, Any]:
        """Start a draft for a procedure case as published now (pins its versions)."""
        principal = identity.require_permission(Permission.ACT_AS_CITIZEN)
        with unit_of_work() as db:
            row = drafts.start_submission(db, principal, procedure=args["procedure"],
                                          case=args["case"])
            return _out(db, row)


@blp.route("/submissions/<submission_id>")
class SubmissionDetail(MethodView):
    @blp.response(200, schemas.SubmissionOut)
    @problem_responses(blp, 401, 404)
    def get(self, submission_id: str) -> dict[str, Any]:
        """A submission's state, answers and history of steps."""
        principal = identity.require_permission(Permission.ACT_AS_CITIZEN)
        with reader() as db:
            return _out(db, access.get_own_submission(db, submission_id, principal))

    @blp.arguments(schemas.SubmissionAnswersIn)
    @blp.response(200, schemas.SubmissionOut)
    @problem_responses(blp, 401, 404, 409, 422)
    def patch(self, args: dict[str, Any], submission_id: str) -> dict[str, Any]:
        """Replace the answers and validate them against the pinned form: valid answers
        make the submission ``validated``; otherwise it stays a draft with the errors."""
        principal = identity.require_permission(Permission.ACT_AS_CITIZEN)
        with unit_of_work() as db:
            row = access.get_own_submission(db, submission_id, principal, for_update=True)
            result = drafts.check_answers(db, row, args["answers"], principal=principal,
                                          locale=current_language())
            validation = {"valid": result.valid,
                          "errors": [error.as_dict() for error in result.errors]}
            return _out(db, row, validation)


@blp.route("/submissions/<submission_id>/submit")
class SubmitSubmission(MethodView):
    @blp.arguments(schemas.SubmitIn)
    @blp.response(200, schemas.SubmittedOut)
    @blp.doc(parameters=[{"in": "header", "name": "Idempotency-Key", "required": False,
                          "schema": {"type": "string", "maxLength": 200},
                          "description": "The same key returns the first result."}])
    @problem_responses(blp, 400, 401, 404, 409, 422)
    def post(self, args: dict[str, Any], submission_id: str) -> dict[str, Any]:
        """Sign (simple signature of the signed-in applicant) and register a validated
        submission; refused when invalid, unpaid, or no longer open."""
        principal = identity.require_permission(Permission.ACT_AS_CITIZEN)
        key = request.headers.get("Idempotency-Key")
        scope = f"submissions.submit:{submission_id}"
        digest = idempotency.request_digest(submission_id, args["confirm_sha256"] or "")
        register = current_app.config["EOFFICE_SETTINGS"].online_register
        application_pdf.bring_up_to_date(submission_id, principal, language=current_language())
        with unit_of_work() as db:
            row = access.get_own_submission(db, submission_id, principal, for_update=True)
            if key is not None:  # looked up under the row lock: a twin request waits
                stored = idempotency.find_result(db, owner=principal.login, scope=scope,
                                                 key=key, request_sha256=digest)
                if stored is not None:  # the same registration, with its receipt now
                    found = receipts.receipt_of(db, row)
                    return {**stored.body, "receipt": found.__dict__ if found else None}
            entry = submitting.submit_submission(db, row, principal=principal,
                                                 register=register,
                                                 seen_sha256=args["confirm_sha256"],
                                                 language=current_language())
            body = {"id": row.id, "status": row.status, "receipt": None,
                    "file": {"number": row.file_number} if row.file_number else None,
                    "registry_entry": {"number": entry.number,
                                       "registered_at": entry.registered_at.isoformat()}}
            if key is not None:
                idempotency.store_result(db, owner=principal.login, scope=scope, key=key,
                                         request_sha256=digest, status=200, body=body)
        receipt = receipts.issue_after_commit(entry.id, language=current_language())
        return {**body, "receipt": receipt.__dict__ if receipt else None}


@blp.route("/submissions/<submission_id>/payment")
class SubmissionPayment(MethodView):
    @blp.response(200, schemas.FeePaymentOut)
    @problem_responses(blp, 401, 404, 409)
    def post(self, submission_id: str) -> dict[str, Any]:
        """The self-assessment of the fee on the checked answers (the same one when asked
        again): pay it by card on the payment page or at a bank with its letter."""
        principal = identity.require_permission(Permission.ACT_AS_CITIZEN)
        with unit_of_work() as db:
            row = access.get_own_submission(db, submission_id, principal, for_update=True)
            payment = paying.request_payment(db, row, principal=principal)
            quote = paying.quote_fee(db, row, locale=current_language())
        return {"reference": payment.reference, "amount": f"{payment.amount:.2f}",
                "currency": payment.currency, "status": payment.state.value,
                "due_on": payment.due_on, "letter_document_id": None,
                "letter_url": url_for("payments.letter", reference=payment.reference),
                "explanation": list(quote.explanation) if quote else []}
