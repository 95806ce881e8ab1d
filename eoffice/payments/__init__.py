"""Payments context: self-assessments (payment references and letters), payment
providers (bank/cash desk with NRC, card through a provider), receipts.

Other contexts call only what is listed here.
"""

from eoffice.payments.demo import load_demo_payments
from eoffice.payments.domain import (
    Channel,
    PaymentState,
    Subject,
    new_reference,
    normalise_reference,
    printed_reference,
)
from eoffice.payments.errors import (
    AlreadyPaid,
    AmountMismatch,
    CallbackRefused,
    DuplicateReceipt,
    InvalidPayment,
    InvalidReceipt,
    InvalidStatement,
    NotPayable,
    NotRefundable,
    SubjectAlreadyHasPayment,
    UnknownPayment,
)
from eoffice.payments.ports import CardProvider, CardResult, PdfRenderer
from eoffice.payments.services.bank import (
    expire_overdue,
    record_bank_receipt,
    refund_payment,
    run_expiry_job,
)
from eoffice.payments.services.card import (
    CardOutcome,
    StartedOrder,
    settle_card_result,
    start_card_payment,
)
from eoffice.payments.services.citizens import payment_receipt_pdf, payments_of_person
from eoffice.payments.services.ledger import SETTLED_TOPIC
from eoffice.payments.services.self_assessment import (
    SelfAssessment,
    create_self_assessment,
    find_payments_for_subject,
    get_payment_for_payer,
    payment_status,
)
from eoffice.payments.services.statements import (
    ReportLine,
    StatementReport,
    import_bank_statement,
)
from eoffice.payments.views import PaymentView, StateChange

__all__ = [
    "SETTLED_TOPIC",
    "AlreadyPaid",
    "AmountMismatch",
    "CallbackRefused",
    "CardOutcome",
    "CardProvider",
    "CardResult",
    "Channel",
    "DuplicateReceipt",
    "InvalidPayment",
    "InvalidReceipt",
    "InvalidStatement",
    "NotPayable",
    "NotRefundable",
    "PaymentState",
    "PaymentView",
    "PdfRenderer",
    "ReportLine",
    "SelfAssessment",
    "StartedOrder",
    "StateChange",
    "StatementReport",
    "Subject",
    "SubjectAlreadyHasPayment",
    "UnknownPayment",
    "create_self_assessment",
    "expire_overdue",
    "find_payments_for_subject",
    "get_payment_for_payer",
    "import_bank_statement",
    "load_demo_payments",
    "new_reference",
    "normalise_reference",
    "payment_receipt_pdf",
    "payment_status",
    "payments_of_person",
    "printed_reference",
    "record_bank_receipt",
    "refund_payment",
    "run_expiry_job",
    "settle_card_result",
    "start_card_payment",
]
