"""Publishing a rule that reads a street category: its path must be a city address of
the case's pinned form; quotes then follow the street map as it is on the day."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from eoffice import fees
from eoffice.shared.clock import frozen_at
from eoffice.territory.models import Address, StreetSection
from tests.integration.fees.helpers import demo_rule
from tests.integration.fees.test_publication import NEXT_MONTH, TODAY

ANNUAL = {"procedure": "terrace-public-road", "case": "annual"}


def test_a_street_category_read_from_a_field_that_is_no_city_address_is_refused(
        db: Session) -> None:
    item = demo_rule("terrace_annual")
    item["definition"]["inputs"]["category"]["path"] = "establishment_name"
    for example in item["examples"]:
        example["answers"]["establishment_name"] = example["answers"].pop("address", None)
    with frozen_at(TODAY):
        number = fees.start_draft(db, "terrace_annual", actor="admin").number
        fees.save_draft(db, "terrace_annual", number, definition=item["definition"],
                        examples=item["examples"], actor="admin")
        with pytest.raises(fees.FieldNotInForm) as caught:
            fees.publish(db, "terrace_annual", number, valid_from=NEXT_MONTH, actor="admin")
    assert [(e.field, e.code) for e in caught.value.errors] == [
        ("definition/inputs/category", "fees.not_a_city_address")]


def test_a_quote_uses_the_category_the_street_map_has_today(db: Session) -> None:
    answers = {"area_m2": "10", "address": {"code": "01530-0012", "street_category": "1"}}
    assert fees.quote(db, **ANNUAL, answers=answers).amount == Decimal("480.00")
    section = db.scalar(select(Address.section_id).where(Address.code == "01530-0012"))
    db.execute(update(StreetSection).where(StreetSection.id == section).values(category="2"))
    db.expire_all()
    assert fees.quote(db, **ANNUAL, answers=answers).amount == Decimal("300.00")
