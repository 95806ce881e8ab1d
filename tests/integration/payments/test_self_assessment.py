"""Creating self-assessments: references, amounts and duplicates."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from sqlalchemy.orm import Session
from stdnum import iso11649

from eoffice import identity, payments
from eoffice.shared.clock import utcnow
from tests.integration.payments.factories import CONCEPT, events, pending_payment


def test_a_new_payment_is_pending_under_a_valid_unique_reference(db: Session) -> None:
    first, second = pending_payment(db), pending_payment(db)
    assert first.state == payments.PaymentState.PENDING
    assert iso11649.is_valid(first.reference) and first.reference != second.reference
    assert first.amount == Decimal("12.50") and first.currency == "EUR"
    assert events(db, "payments.payment_created")[-1].object_id == second.reference


def test_asking_again_for_the_same_subject_gives_the_same_payment(db: Session) -> None:
    first = pending_payment(db, subject_id="sub-1")
    again = pending_payment(db, subject_id="sub-1")
    assert again.reference == first.reference
    assert len(payments.find_payments_for_subject(
        db, payments.Subject("submission", "sub-1"))) == 1


def test_a_subject_is_not_charged_twice_with_another_amount(db: Session) -> None:
    pending_payment(db, subject_id="sub-2")
    with pytest.raises(payments.SubjectAlreadyHasPayment):
        pending_payment(db, subject_id="sub-2", amount="99.00")


def test_an_expired_payment_is_replaced_by_a_new_reference(db: Session) -> None:
    old = pending_payment(db, subject_id="sub-3")
    payments.expire_overdue(db, old.due_on + timedelta(days=1))
    new = pending_payment(db, subject_id="sub-3")
    assert new.reference != old.reference


def test_bad_terms_are_refused_naming_each_field(db: Session) -> None:
    request = payments.SelfAssessment(
        subject=payments.Subject("submission", "x"),
        payer_person_id=identity.get_account(db, "ana").person_id, unit_code="URB",
        amount="-3", currency="USD", concept={"es": "Tasa"},
        due_on=utcnow().date() - timedelta(days=1))
    with pytest.raises(payments.InvalidPayment) as refused:
        payments.create_self_assessment(db, request, actor="test")
    fields = {error.field for error in refused.value.errors}
    assert fields == {"amount", "currency", "concept", "due_on"}


def test_only_the_payer_gets_the_payment(db: Session) -> None:
    payment = pending_payment(db, "ana")
    assert payments.get_payment_for_payer(db, payment.reference, login="ana").concept == CONCEPT
    with pytest.raises(payments.UnknownPayment):
        payments.get_payment_for_payer(db, payment.reference, login="bernat")


def test_the_demo_gives_ana_one_pending_fee_however_often_it_is_loaded(db: Session) -> None:
    first = payments.load_demo_payments(db)
    again = payments.load_demo_payments(db)
    assert first.reference == again.reference and first.state == "pending"
    assert payments.get_payment_for_payer(db, first.reference, login="ana").amount == Decimal(
        "45.60")
