"""Errors of the payments context, with their stable codes."""

from __future__ import annotations

from eoffice.shared.errors import DomainError
from eoffice.shared.i18n import _l


class UnknownPayment(DomainError):
    code = "payments.unknown_payment"
    status = 404
    title = _l("There is no such payment.")


class InvalidPayment(DomainError):
    code = "payments.invalid_payment"
    status = 422
    title = _l("The payment cannot be created as given.")


class SubjectAlreadyHasPayment(DomainError):
    code = "payments.subject_already_has_payment"
    status = 409
    title = _l("This subject already has an open payment with other terms.")


class AlreadyPaid(DomainError):
    code = "payments.already_paid"
    status = 409
    title = _l("This payment is already paid; nothing was changed.")


class NotPayable(DomainError):
    code = "payments.not_payable"
    status = 409
    title = _l("This payment can no longer be paid (it expired or was refunded).")


class AmountMismatch(DomainError):
    code = "payments.amount_mismatch"
    status = 422
    title = _l("The amount paid is not the amount owed; nothing was changed.")


class DuplicateReceipt(DomainError):
    code = "payments.duplicate_receipt"
    status = 409
    title = _l("This bank receipt reference (NRC) is already recorded for another payment.")


class InvalidReceipt(DomainError):
    code = "payments.invalid_receipt"
    status = 422
    title = _l("The bank receipt reference (NRC) is not valid.")


class CallbackRefused(DomainError):
    code = "payments.callback_refused"
    status = 400
    title = _l("The answer from the payment provider could not be verified; "
               "nothing was changed.")


class NotRefundable(DomainError):
    code = "payments.not_refundable"
    status = 409
    title = _l("Only a paid payment can be refunded.")


class InvalidStatement(DomainError):
    code = "payments.invalid_statement"
    status = 422
    title = _l("The bank statement file cannot be read.")
