"""The city address control on the real street map (territory services, a real
database): the terrace form (version 2) resolves what citizens type, refuses unknown
and retired addresses, and lists the matches to choose from when there are several."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from sqlalchemy import update
from sqlalchemy.orm import Session

from eoffice import forms, territory
from eoffice.territory.models import Address

FORM = ("terrace_public_road", 2)
ANSWERS: dict[str, Any] = {
    "establishment_name": "Bar Lluna", "area_m2": "20", "tables": "4", "chairs": "16",
    "season": "whole_year",
}


@pytest.fixture
def street_map(db: Session) -> Session:
    """Two streets of test: Lluna (category A, numbers 1-99) and Sol (category B)."""
    territory.add_street(db, code="T9001", kind="CL",
                         name={"es": "de la Luna", "ca": "de la Lluna"})
    territory.add_street(db, code="T9002", kind="PZ", name={"es": "del Sol", "ca": "del Sol"})
    for street, category, postcode in (("T9001", "A", "46011"), ("T9002", "B", "46012")):
        territory.add_section(db, street_code=street, data=territory.SectionData(
            code="1", parity="both", number_from=1, number_to=99, category=category,
            postcode=postcode, district="05"))
    territory.add_address(db, street_code="T9001", number=3)
    territory.add_address(db, street_code="T9001", number=5)
    territory.add_address(db, street_code="T9001", number=5, letter="A")
    territory.add_address(db, street_code="T9002", number=1)
    return db


def validate(db: Session, address: Any, locale: str = "en") -> forms.ValidationResult:
    return forms.validate_answers(db, *FORM, {**ANSWERS, "address": address}, locale=locale)


def test_a_typed_street_and_number_is_stored_as_its_code_with_the_map_facts(
        app: Flask, street_map: Session) -> None:
    with app.test_request_context():
        result = validate(street_map, "Carrer de la Lluna, 3", locale="ca")
    assert result.valid, result.errors
    assert result.answers["address"] == {
        "code": "T9001-0003", "label": "CL de la Lluna, 3", "postcode": "46011",
        "district": "05", "street_category": "A"}


def test_a_forged_category_sent_with_a_code_is_replaced_by_the_street_map_one(
        app: Flask, street_map: Session) -> None:
    forged = {"code": "T9002-0001", "street_category": "A", "postcode": "46011"}
    with app.test_request_context():
        result = validate(street_map, forged)
    assert result.valid, result.errors
    assert (result.answers["address"]["street_category"],
            result.answers["address"]["postcode"]) == ("B", "46012")


@pytest.mark.parametrize(("address", "code"), [
    ({"code": "T9999-0001"}, "address_unknown"),
    ("Carrer de la Lluna, 77", "address_unknown"),
    ("Calle de la Luna", "address_ambiguous"),
])
def test_unknown_or_ambiguous_addresses_are_refused_with_a_clear_message(
        app: Flask, street_map: Session, address: Any, code: str) -> None:
    with app.test_request_context():
        result = validate(street_map, address)
    assert not result.valid
    assert [(e.field, e.code) for e in result.errors] == [("address", code)]
    assert "address" not in result.answers


def test_a_retired_address_is_refused(app: Flask, street_map: Session) -> None:
    street_map.execute(update(Address).where(Address.code == "T9001-0003").values(active=False))
    with app.test_request_context():
        by_code = validate(street_map, {"code": "T9001-0003"})
        by_text = validate(street_map, "Luna 3")
    assert [e.code for e in by_code.errors] == ["address_retired"]
    assert "no longer" in by_code.errors[0].message
    assert [e.code for e in by_text.errors] == ["address_unknown"]


def test_the_message_is_in_the_citizens_language(app: Flask, street_map: Session) -> None:
    with app.test_request_context():
        english = validate(street_map, {"code": "T9999-0001"}, locale="en")
    assert "street map" in english.errors[0].message


def test_without_javascript_the_page_lists_the_matches_and_takes_the_one_chosen(
        app: Flask, street_map: Session) -> None:
    with app.test_request_context():
        number_five = validate(street_map, "Luna 5")  # number 5, not 5 A
        ambiguous = {**ANSWERS, "address": "Luna"}
        result = forms.validate_answers(street_map, *FORM, ambiguous, locale="en")
        html = forms.render_form_html(street_map, *FORM, answers=ambiguous,
                                      errors=result.errors, locale="en")
        posted = forms.answers_from_form(street_map, *FORM, {
            **ANSWERS, "address": "Luna",
            "address.code": "", "address.choice": "T9001-0005-A"})
        chosen = forms.validate_answers(street_map, *FORM, posted, locale="en")
    assert number_five.answers["address"]["code"] == "T9001-0005"
    assert 'name="address.choice"' in html
    for code in ("T9001-0003", "T9001-0005", "T9001-0005-A"):
        assert f'value="{code}"' in html
    assert "Several addresses match" in html
    assert chosen.valid, chosen.errors
    assert chosen.answers["address"]["code"] == "T9001-0005-A"


def test_the_edit_page_gives_the_text_box_what_the_suggestions_need(
        app: Flask, street_map: Session) -> None:
    with app.test_request_context():
        stored = validate(street_map, {"code": "T9002-0001"}).answers
        html = forms.render_form_html(street_map, *FORM, answers=stored, locale="en")
    assert 'data-eo-suggest="/api/v1/territory/addresses"' in html
    assert 'name="address"' in html and 'value="PZ del Sol, 1"' in html
    assert 'name="address.code" value="T9002-0001"' in html
    assert "address.choice" not in html


def test_the_read_only_answers_show_the_address_label(
        app: Flask, street_map: Session) -> None:
    with app.test_request_context():
        stored = validate(street_map, {"code": "T9002-0001"}).answers
        html = forms.render_answers_html(street_map, *FORM, stored, locale="en")
    assert "PZ del Sol, 1 (46012)" in html


def test_the_form_says_which_field_is_a_city_address(app: Flask, db: Session) -> None:
    assert forms.field_types(db, *FORM)["address"] == "city_address"
    assert forms.field_types(db, "terrace_public_road", 1)["address"] == "postal_address"
