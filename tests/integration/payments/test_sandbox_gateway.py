"""The sandbox gateway's own store: an order is charged at most once."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy.orm import Session

from eoffice.payments.sandbox import store


def test_an_order_already_authorised_is_not_charged_again(db: Session) -> None:
    first = store.charge(db, order_code="100000000001", amount=Decimal("5.00"),
                         currency="EUR", card_number=store.SUCCESS_CARD)
    again = store.charge(db, order_code="100000000001", amount=Decimal("5.00"),
                         currency="EUR", card_number=store.SUCCESS_CARD)
    assert first.authorised and again.transaction_id == first.transaction_id


def test_the_status_of_an_order_is_its_authorised_attempt_after_a_declined_one(
        db: Session) -> None:
    declined = store.charge(db, order_code="100000000002", amount=Decimal("5.00"),
                            currency="EUR", card_number=store.DECLINED_CARD)
    paid = store.charge(db, order_code="100000000002", amount=Decimal("5.00"),
                        currency="EUR", card_number=store.SUCCESS_CARD)
    status = store.status_of(db, "100000000002")
    assert not declined.authorised and status is not None
    assert status.transaction_id == paid.transaction_id and status.amount == Decimal("5.00")


def test_an_unknown_card_is_declined_and_an_unknown_order_has_no_status(db: Session) -> None:
    unknown = store.charge(db, order_code="100000000003", amount=Decimal("5.00"),
                           currency="EUR", card_number="1234")
    assert not unknown.authorised and unknown.response_code == store.UNKNOWN_CARD
    assert store.status_of(db, "999999999990") is None
