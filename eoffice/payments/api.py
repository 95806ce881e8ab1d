"""Payments API: a payment's state (its payer, or staff of its unit), recording a bank
receipt, importing a bank statement, and the card provider's server notifications."""

from __future__ import annotations

from typing import Any

from flask import request
from flask.views import MethodView
from flask_smorest import Blueprint

from eoffice import identity
from eoffice.identity import Permission
from eoffice.payments import card_flow, schemas
from eoffice.payments.errors import InvalidStatement, UnknownPayment
from eoffice.payments.services import bank, statements
from eoffice.payments.views import PaymentView
from eoffice.payments.web_support import (
    audited_refusals,
    is_staff_for,
    message_from,
    visible_payment,
)
from eoffice.shared.db import unit_of_work
from eoffice.shared.problem_schemas import problem_responses

blp = Blueprint("payments-api", __name__, url_prefix="/api/v1/payments",
                description="Payments: self-assessments, bank receipts, bank statements")
PUBLIC: dict[str, Any] = {"security": [{}]}
MAX_STATEMENT_BYTES = 2_000_000


@blp.route("/<reference>")
class PaymentDetail(MethodView):
    @blp.response(200, schemas.PaymentOut)
    @problem_responses(blp, 401, 404)
    def get(self, reference: str) -> PaymentView:
        """A payment with its history of states (its payer, or staff of its unit)."""
        return visible_payment(reference, identity.require_principal())


@blp.route("/<reference>/bank-receipts")
class BankReceipts(MethodView):
    @blp.arguments(schemas.BankReceiptIn)
    @blp.response(200, schemas.PaymentOut)
    @problem_responses(blp, 401, 404, 409, 422)
    def post(self, data: dict[str, Any], reference: str) -> PaymentView:
        """Record a bank receipt (NRC). The same NRC again answers the paid payment and
        changes nothing; another NRC, a wrong amount or a used NRC is refused (audited)."""
        principal = identity.require_principal()
        view = visible_payment(reference, principal)
        if not is_staff_for(principal, view.unit_code):
            raise UnknownPayment()
        with audited_refusals("payments.bank_receipt_refused", actor=principal.login,
                              object_id=view.reference), unit_of_work() as db:
            paid, _replayed = bank.record_bank_receipt(
                db, view.reference, nrc=data["nrc"], amount=data["amount"],
                currency=data["currency"], actor=principal.login)
        return paid


@blp.route("/<reference>/refund")
class Refund(MethodView):
    @blp.response(200, schemas.PaymentOut)
    @problem_responses(blp, 401, 403, 404, 409)
    def post(self, reference: str) -> PaymentView:
        """Record that a paid payment was refunded (the money moves outside eoffice)."""
        principal = identity.require_permission(Permission.RECONCILE_PAYMENTS)
        with unit_of_work() as db:
            return bank.refund_payment(db, reference[:25], actor=principal.login)


@blp.route("/bank-statements")
class BankStatements(MethodView):
    @blp.arguments(schemas.StatementFileIn, location="files")
    @blp.response(201, schemas.StatementReportOut)
    @problem_responses(blp, 401, 403, 422)
    def post(self, _files: dict[str, Any]) -> statements.StatementReport:
        """Reconcile a bank statement (CSV: reference, nrc, amount[, currency]); only
        exact matches pay; the rest is reported line by line."""
        principal = identity.require_permission(Permission.RECONCILE_PAYMENTS)
        upload = request.files["file"]
        content = upload.read(MAX_STATEMENT_BYTES + 1)
        if not content or len(content) > MAX_STATEMENT_BYTES:
            raise InvalidStatement()
        with unit_of_work() as db:
            return statements.import_bank_statement(
                db, content, actor=principal.login,
                file_name=upload.filename or "statement.csv")


@blp.route("/card-notifications")
class CardNotifications(MethodView):
    @blp.arguments(schemas.CardNotificationIn, location="form")
    @blp.response(200, schemas.CardNotificationOut)
    @problem_responses(blp, 400, 409, 422)
    @blp.doc(**PUBLIC)
    def post(self, data: dict[str, str]) -> Any:
        """The card provider's server-to-server notification (signed; a replay changes
        nothing; a forged or inconsistent one is refused and audited)."""
        return card_flow.take_result(message_from(data), actor="card-notification")
