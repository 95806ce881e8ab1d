"""Back-office pages of payments: a clerk finds a payment and records the bank's
receipt reference (NRC); an administrator imports a bank statement and reads its
reconciliation report."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import get_locale

from eoffice import identity
from eoffice.identity import Permission
from eoffice.payments.domain import InvalidAmount, normalise_reference, parse_amount
from eoffice.payments.errors import UnknownPayment
from eoffice.payments.services import bank, statements
from eoffice.payments.web_support import audited_refusals, is_staff_for, visible_payment
from eoffice.shared.db import unit_of_work
from eoffice.shared.errors import DomainError, Forbidden
from eoffice.shared.i18n import _

bp = Blueprint("payments_staff", __name__)
MAX_STATEMENT_BYTES = 2_000_000


def _staff() -> identity.Principal:
    """The caller, if they process files somewhere or reconcile payments; else 401/403."""
    principal = identity.require_principal()
    if not (principal.can(Permission.PROCESS_FILES, somewhere=True)
            or principal.can(Permission.RECONCILE_PAYMENTS)):
        raise Forbidden()
    return principal


def _render_payment(reference: str, *, errors: dict[str, str] | None = None,
                    values: dict[str, Any] | None = None, status: int = 200) -> ResponseReturnValue:
    principal = _staff()
    view = visible_payment(reference, principal)
    if not is_staff_for(principal, view.unit_code):
        raise UnknownPayment()
    return render_template("payments/staff_payment.html", payment=view, errors=errors or {},
                           values=values or {}, locale=str(get_locale() or "es")), status


@bp.get("/backoffice/payments")
def find() -> ResponseReturnValue:
    """Look a payment up by its reference (as printed on the letter, spaces allowed)."""
    _staff()
    typed = request.args.get("reference", "")[:60]
    reference = normalise_reference(typed) if typed else None
    if reference:
        return redirect(url_for(".payment", reference=reference))
    return render_template("payments/staff_find.html", typed=typed,
                           invalid=bool(typed)), 422 if typed else 200


@bp.get("/backoffice/payments/<reference>")
def payment(reference: str) -> ResponseReturnValue:
    """A payment's state and history, with the form to record a bank receipt."""
    return _render_payment(reference)


@bp.post("/backoffice/payments/<reference>/bank-receipt")
def record_receipt(reference: str) -> ResponseReturnValue:
    """Record the NRC of a bank receipt; the same NRC twice pays once."""
    principal = _staff()
    view = visible_payment(reference, principal)
    if not is_staff_for(principal, view.unit_code):
        raise UnknownPayment()
    values = {"nrc": request.form.get("nrc", "")[:60],
              "amount": request.form.get("amount", "")[:20]}
    try:
        amount = parse_amount(values["amount"].replace(",", "."))
    except InvalidAmount:
        return _render_payment(reference, values=values, status=422, errors={
            "amount": _("Enter the amount on the bank receipt, like 12.50.")})
    try:
        with audited_refusals("payments.bank_receipt_refused", actor=principal.login,
                              object_id=view.reference), unit_of_work() as db:
            _paid, replayed = bank.record_bank_receipt(
                db, view.reference, nrc=values["nrc"], amount=amount, actor=principal.login)
    except DomainError as exc:
        return _render_payment(reference, values=values, status=exc.status,
                               errors={"nrc": str(exc.title)})
    flash(_("This bank receipt was already recorded; nothing changed.") if replayed
          else _("Payment recorded as paid."), "success")
    return redirect(url_for(".payment", reference=view.reference), code=303)


def _reconciler() -> identity.Principal:
    return identity.require_permission(Permission.RECONCILE_PAYMENTS)


@bp.get("/admin/payments/bank-statements")
def statement_form() -> ResponseReturnValue:
    """Upload a bank statement (CSV) to reconcile."""
    _reconciler()
    return render_template("payments/statements.html", report=None, error=None)


@bp.post("/admin/payments/bank-statements")
def statement_import() -> ResponseReturnValue:
    """Reconcile the uploaded statement and show its report, line by line."""
    principal = _reconciler()
    upload = request.files.get("file")
    content = upload.read(MAX_STATEMENT_BYTES + 1) if upload else b""
    if not content or len(content) > MAX_STATEMENT_BYTES:
        return render_template("payments/statements.html", report=None, error=_(
            "Choose a bank statement file (CSV, at most 2 MB).")), 422
    try:
        with unit_of_work() as db:
            report = statements.import_bank_statement(
                db, content, actor=principal.login,
                file_name=(upload.filename if upload else None) or "statement.csv")
    except DomainError as exc:
        return render_template("payments/statements.html", report=None,
                               error=str(exc.title)), exc.status
    return render_template("payments/statements.html", report=report, error=None)
