"""Self-assessments: create a payment under a fresh RF reference, read it back for its
payer, its subject or the staff of its unit."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy.orm import Session

from eoffice import audit, identity
from eoffice.payments import queries
from eoffice.payments.domain import (
    CURRENCIES,
    InvalidAmount,
    PaymentState,
    Subject,
    amount_text,
    new_reference,
    parse_amount,
)
from eoffice.payments.errors import InvalidPayment, SubjectAlreadyHasPayment, UnknownPayment
from eoffice.payments.models import Payment
from eoffice.payments.views import PaymentView, view_of
from eoffice.shared.clock import utcnow
from eoffice.shared.errors import FieldError
from eoffice.shared.i18n import _

REFERENCE_ATTEMPTS = 5
CLOSED_UNPAID = frozenset({PaymentState.EXPIRED, PaymentState.REFUNDED})
CONCEPT_LANGUAGES = ("es", "ca", "en")


@dataclass(frozen=True)
class SelfAssessment:
    """What a payment is created from."""

    subject: Subject
    payer_person_id: int
    unit_code: str
    amount: Decimal | str
    currency: str
    concept: dict[str, str]
    due_on: date


def _problems(request: SelfAssessment) -> tuple[list[FieldError], Decimal | None]:
    problems, amount = [], None
    try:
        amount = parse_amount(request.amount)
    except InvalidAmount:
        problems.append(FieldError("amount", _("Give an amount above zero, in cents."),
                                   "invalid_amount"))
    if request.currency not in CURRENCIES:
        problems.append(FieldError("currency", _("Only euros (EUR) are accepted."),
                                   "unknown_currency"))
    if not all(request.concept.get(lang, "").strip() for lang in CONCEPT_LANGUAGES):
        problems.append(FieldError("concept", _("Give the concept in es, ca and en."),
                                   "required"))
    if request.due_on < utcnow().date():
        problems.append(FieldError("due_on", _("The due date cannot be in the past."),
                                   "past_date"))
    if not request.subject.kind.strip() or not request.subject.id.strip():
        problems.append(FieldError("subject", _("Say what the payment is for."), "required"))
    return problems, amount


def _unused_reference(session: Session) -> str:
    """A reference never used before (the unique constraint is the last guard)."""
    for _attempt in range(REFERENCE_ATTEMPTS):
        reference = new_reference()
        if queries.find_payment(session, reference) is None:
            return reference
    raise RuntimeError("no unused payment reference found")  # pragma: no cover


def _open_payment(session: Session, request: SelfAssessment,
                  amount: Decimal) -> Payment | None:
    """The subject's payment that is still open or paid: the same terms give it back,
    other terms are a conflict (a subject is never charged twice)."""
    for payment in queries.payments_of_subject(session, request.subject):
        if payment.state in CLOSED_UNPAID:
            continue
        same = (payment.amount == amount and payment.currency == request.currency
                and payment.payer_person_id == request.payer_person_id)
        if not same:
            raise SubjectAlreadyHasPayment(reference=payment.reference)
        return payment
    return None


def create_self_assessment(session: Session, request: SelfAssessment, *,
                           actor: str) -> PaymentView:
    """A pending payment with a new RF reference; the subject's open payment when it
    already has one with the same terms (so a retried request creates nothing)."""
    problems, amount = _problems(request)
    if problems or amount is None:
        raise InvalidPayment(errors=problems)
    existing = _open_payment(session, request, amount)
    if existing is not None:
        return view_of(existing)
    payment = Payment(
        reference=_unused_reference(session), subject_kind=request.subject.kind,
        subject_id=request.subject.id, payer_person_id=request.payer_person_id,
        unit_code=request.unit_code, amount=amount, currency=request.currency,
        concept={lang: request.concept[lang].strip() for lang in CONCEPT_LANGUAGES},
        due_on=request.due_on, state=PaymentState.PENDING, created_at=utcnow(),
        created_by=actor,
    )
    session.add(payment)
    session.flush()
    audit.record_event(
        session, "payments.payment_created", actor=actor, object_type="payment",
        object_id=payment.reference, unit_code=payment.unit_code,
        data={"subject_kind": payment.subject_kind, "subject_id": payment.subject_id,
              "amount": amount_text(amount), "currency": payment.currency,
              "due_on": payment.due_on.isoformat()},
    )
    return view_of(payment)


def payment_status(session: Session, reference: str) -> PaymentView:
    """A payment with its history of states (staff and internal callers)."""
    payment = queries.get_payment(session, reference)
    return view_of(payment, tuple(queries.history_of(session, payment)))


def get_payment_for_payer(session: Session, reference: str, *, login: str) -> PaymentView:
    """The payment if ``login`` is its payer; otherwise the same 404 as an unknown one,
    so nobody learns that a reference exists."""
    payment = queries.find_payment(session, reference)
    if payment is None or identity.get_account(session, login).person_id != (
            payment.payer_person_id):
        raise UnknownPayment()
    return view_of(payment, tuple(queries.history_of(session, payment)))


def find_payments_for_subject(session: Session, subject: Subject) -> list[PaymentView]:
    """Every payment of ``subject``, oldest first (expired ones included)."""
    return [view_of(p) for p in queries.payments_of_subject(session, subject)]
