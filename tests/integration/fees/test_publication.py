"""Publishing fee rules: effective dates, examples that must pass, fields the form
must have, periods that must not overlap; a refusal changes nothing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from flask import Flask
from sqlalchemy.orm import Session

from eoffice import catalogue, fees
from eoffice.demo.fees import load_demo_fees
from eoffice.shared.clock import frozen_at
from tests.integration.fees.helpers import demo_rule

INTERIOR = {"procedure": "minor-works", "case": "interior"}
ANSWERS = {"budget": "12000.00", "kind_of_works": "interior_reform"}
MADRID = ZoneInfo("Europe/Madrid")
# Relative to the real clock: the demo catalogue was published when the tests started.
TODAY = datetime.now(UTC) + timedelta(minutes=5)
_local = TODAY.astimezone(MADRID).date()
NEXT_MONTH = (_local.replace(day=1) + timedelta(days=32)).replace(day=1)
NEXT_MONTH_STARTS = datetime.combine(NEXT_MONTH, datetime.min.time(), tzinfo=MADRID)


def three_percent_draft(db: Session) -> int:
    """A new draft of the interior-works rule at 3 % (examples updated to match)."""
    item = demo_rule("minor_works_interior")
    item["definition"]["charges"][0]["base"]["rate"] = "3"
    item["examples"] = [{"name": "Kitchen reform at 3 %", "answers": ANSWERS,
                         "expected": "360.00"}]
    number = fees.start_draft(db, "minor_works_interior", actor="admin").number
    fees.save_draft(db, "minor_works_interior", number, definition=item["definition"],
                    examples=item["examples"], actor="admin")
    return number


def test_demo_minor_works_quote_names_the_rule_version(db: Session) -> None:
    quote = fees.quote(db, **INTERIOR, answers=ANSWERS, locale="en")
    assert quote.amount == Decimal("240.00")
    assert (quote.rule_key, quote.rule_version) == ("minor_works_interior", 1)


def test_a_case_without_a_rule_has_no_quote(db: Session) -> None:
    assert not fees.case_has_rule(db, "general-application", "standard")
    with pytest.raises(fees.NoRule):
        fees.quote(db, procedure="general-application", case="standard", answers={})


def test_rule_change_from_next_month_leaves_today_unchanged_and_applies_on_that_date(
        db: Session) -> None:
    with frozen_at(TODAY):
        number = three_percent_draft(db)
        fees.publish(db, "minor_works_interior", number, valid_from=NEXT_MONTH, actor="admin")
        assert fees.quote(db, **INTERIOR, answers=ANSWERS).amount == Decimal("240.00")
    with frozen_at(NEXT_MONTH_STARTS - timedelta(minutes=1)):  # 23:59 in Madrid
        assert fees.quote(db, **INTERIOR, answers=ANSWERS).rule_version == 1
    with frozen_at(NEXT_MONTH_STARTS):  # midnight in Madrid (22:00 or 23:00 UTC)
        quote = fees.quote(db, **INTERIOR, answers=ANSWERS)
    assert (quote.amount, quote.rule_version) == (Decimal("360.00"), number)
    versions = fees.get_rule(db, "minor_works_interior").versions
    assert versions[0].valid_until == NEXT_MONTH - timedelta(days=1)


def test_publishing_a_rule_whose_example_fails_is_refused_naming_the_example(
        db: Session) -> None:
    item = demo_rule("minor_works_interior")
    item["definition"]["charges"][0]["base"]["rate"] = "3"
    number = fees.start_draft(db, "minor_works_interior", actor="admin").number
    fees.save_draft(db, "minor_works_interior", number, definition=item["definition"],
                    examples=item["examples"], actor="admin")
    with frozen_at(TODAY), pytest.raises(fees.ExampleFailed) as caught:
        fees.publish(db, "minor_works_interior", number, valid_from=NEXT_MONTH,
                     actor="admin")
    messages = [error.message for error in caught.value.errors]
    assert any("Kitchen reform of 12,000 €" in message for message in messages)
    assert caught.value.errors[0].field == "examples/0"
    assert fees.get_rule(db, "minor_works_interior").draft is not None


def test_a_rule_reading_a_field_the_form_lacks_is_refused_at_publication(db: Session) -> None:
    item = demo_rule("minor_works_interior")
    item["definition"]["inputs"]["large_family"] = {
        "path": "applicant.large_family", "type": "boolean", "required": False,
        "label": {"es": "familia numerosa", "ca": "família nombrosa", "en": "large family"}}
    number = fees.start_draft(db, "minor_works_interior", actor="admin").number
    fees.save_draft(db, "minor_works_interior", number, definition=item["definition"],
                    examples=item["examples"], actor="admin")
    with frozen_at(TODAY), pytest.raises(fees.FieldNotInForm) as caught:
        fees.publish(db, "minor_works_interior", number, valid_from=NEXT_MONTH,
                     actor="admin")
    assert caught.value.errors[0].field == "definition/inputs/large_family"


def test_a_period_overlapping_a_version_in_force_today_is_refused(db: Session) -> None:
    with frozen_at(TODAY):
        number = three_percent_draft(db)
        with pytest.raises(fees.OverlappingValidity) as caught:
            fees.publish(db, "minor_works_interior", number, valid_from=_local - timedelta(days=30),
                         actor="admin")
        assert caught.value.errors[0].field == "valid_from"
        assert fees.quote(db, **INTERIOR, answers=ANSWERS).rule_version == 1


def test_a_definition_that_does_not_parse_is_not_saved(db: Session) -> None:
    number = fees.start_draft(db, "minor_works_interior", actor="admin").number
    with pytest.raises(fees.InvalidRule) as caught:
        fees.save_draft(db, "minor_works_interior", number,
                        definition={"charges": "everything"}, examples=[], actor="admin")
    assert caught.value.errors[0].field == "definition/charges"
    draft = fees.get_rule(db, "minor_works_interior").draft
    assert draft is not None and draft.definition["charges"] != "everything"


def test_loading_the_demo_again_changes_no_rule(db: Session) -> None:
    before = fees.list_rules(db)
    assert load_demo_fees(db) == "6 fee rules"
    assert fees.list_rules(db) == before


def test_a_flat_certificate_fee_needs_no_answer_and_warns_when_the_case_is_free(
        db: Session) -> None:
    flat = {"charges": [{"key": "certificate", "label": {
        "es": "Certificado", "ca": "Certificat", "en": "Certificate"},
        "base": {"kind": "fixed", "amount": "3.20"}}]}
    new = fees.NewRule(key="roll_certificate", procedure="municipal-roll-certificate",
                       case="individual", title={"es": "T", "ca": "T", "en": "T"},
                       legal_reference={"ordinance": {"es": "O", "ca": "O", "en": "O"},
                                        "article": "art. 4"})
    fees.create_rule(db, new, definition=flat, actor="admin",
                     examples=[{"name": "Flat", "answers": {}, "expected": "3.20"}])
    with frozen_at(TODAY):
        published = fees.publish(db, "roll_certificate", 1, valid_from=_local, actor="admin")
        quote = fees.quote(db, procedure="municipal-roll-certificate", case="individual",
                           answers={}, locale="en")
    assert [w.code for w in published.warnings] == ["fees.case_without_fee"]
    assert quote.amount == Decimal("3.20")
    assert quote.explanation == ("Certificate: fixed fee of €3.20", "Fee to pay: €3.20.")


def test_every_demo_case_with_a_fee_and_only_those_has_a_rule_in_force(
        db: Session) -> None:
    cases = [(item.code, case.code, case.has_fee)
             for item in catalogue.search_procedures(db, locale="en")
             for case in catalogue.get_published_procedure(db, item.code).definition.cases]
    assert {(p, c) for p, c, has_fee in cases if has_fee} == {
        (p, c) for p, c, _fee in cases if fees.case_has_rule(db, p, c)}
    assert len([1 for *_pc, has_fee in cases if has_fee]) == 6


def test_the_apply_page_can_render_the_fee_panel_without_javascript(app: Flask,
                                                                     db: Session) -> None:
    with app.test_request_context("/?lang=en"):
        panel = fees.render_fee_panel(db, **INTERIOR, answers=ANSWERS, locale="en")
    assert "Fee to pay: €240.00." in panel
