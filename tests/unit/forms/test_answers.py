"""Validating answers: what a citizen sees when an answer is wrong, and what is stored."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eoffice.forms.answers import validate_tree
from eoffice.forms.tree import FormTree
from eoffice.forms.validation import check_definition
from tests.unit.forms.samples import T, sample_tree

GOOD: dict[str, Any] = {
    "road": True, "m2": "12,5", "kind": "b", "email": "Ana@Example.com",
    "vehicles": [{"plate": "1234 bcd", "make": "Seat"}],
    "site": {"street": "Carrer de la Pau", "number": "3", "postcode": "46002",
             "municipality": "València", "province": "València"},
}


def errors_of(answers: Any, tree: FormTree | None = None, locale: str = "en") -> dict[str, str]:
    result = validate_tree(tree or sample_tree(), answers, locale=locale)
    return {e.field: e.code for e in result.errors}


def one_field_tree(control: dict[str, Any]) -> FormTree:
    form = {"key": "one", "version": 1, "title": T("One"), "pages": [
        {"title": T("Page"), "controls": [{"key": "x", "label": T("X"), **control}]}]}
    tree, problems = check_definition(form, kind="form", lookup=lambda k, v: None)
    assert problems == [] and tree is not None
    return tree


def test_complete_answers_are_valid_and_stored_normalised() -> None:
    result = validate_tree(sample_tree(), GOOD)
    assert result.valid, result.errors
    assert result.answers["m2"] == "12.5"
    assert result.answers["double"] == 25
    assert result.answers["email"] == "Ana@example.com"
    assert result.answers["vehicles"] == [{"plate": "1234BCD", "make": "Seat"}]


def test_the_same_answers_are_accepted_after_correction() -> None:
    wrong = {**GOOD, "m2": "abc", "email": "not-an-address", "vehicles": []}
    assert errors_of(wrong) == {"m2": "number", "email": "email", "vehicles": "too_few_items"}
    assert errors_of(GOOD) == {}


def test_a_hidden_field_is_not_required_and_its_answer_is_dropped() -> None:
    answers = {**GOOD, "road": False, "m2": "not even a number"}
    result = validate_tree(sample_tree(), answers)
    assert result.valid, result.errors
    assert "m2" not in result.answers and "double" not in result.answers


def test_a_conditionally_required_field_uses_the_message_of_the_definition() -> None:
    answers = {k: v for k, v in GOOD.items() if k != "email"}
    result = validate_tree(sample_tree(), answers, locale="ca")
    assert [(e.field, e.code, e.message) for e in result.errors] == [
        ("email", "required", "Falta el correu.")]
    assert errors_of({**answers, "kind": "a"}) == {}


def test_an_unknown_answer_is_reported() -> None:
    assert errors_of({**GOOD, "colour": "red", "site": {**GOOD["site"], "door": 1}}) == {
        "colour": "unknown_field", "site.door": "unknown_field"}


def test_errors_inside_repeated_items_name_the_item() -> None:
    answers = {**GOOD, "vehicles": [{"plate": "1234BCD"}, {"make": "Seat"}, {"plate": "X"}]}
    assert errors_of(answers) == {"vehicles.1.plate": "required",
                                  "vehicles.2.plate": "vehicle_plate"}


def test_a_repeated_group_above_its_maximum_is_refused() -> None:
    answers = {**GOOD, "vehicles": [{"plate": "1234BCD"}] * 4}
    assert errors_of(answers) == {"vehicles": "too_many_items"}


def test_a_value_outside_the_options_is_refused() -> None:
    assert errors_of({**GOOD, "kind": "z"}) == {"kind": "choice"}


def test_a_file_slot_takes_no_answer_and_computed_values_are_recomputed() -> None:
    result = validate_tree(sample_tree(), {**GOOD, "plans": "x.pdf", "double": 1})
    assert result.valid
    assert "plans" not in result.answers and result.answers["double"] == 25


@pytest.mark.parametrize(("control", "value", "code"), [
    ({"type": "national_id"}, "12345678A", "national_id"),
    ({"type": "national_id", "accept": ["cif"]}, "12345678Z", "national_id"),
    ({"type": "iban"}, "ES91 2100 0418 4502 0005 1333", "iban"),
    ({"type": "phone"}, "12", "phone"),
    ({"type": "email"}, "ana@", "email"),
    ({"type": "text", "format": "postcode"}, "99001", "postcode"),
    ({"type": "text", "format": "cadastral_reference"}, "7837301VG8173B0001NN",
     "cadastral_reference"),
    ({"type": "date"}, "2026-02-30", "date"),
    ({"type": "date", "min": "2026-01-01"}, "2025-12-31", "range"),
    ({"type": "number", "max": 10}, "10.01", "range"),
    ({"type": "number", "decimals": 0}, "1.5", "decimals"),
    ({"type": "text", "max_length": 3}, "abcd", "length"),
    ({"type": "yes_no"}, "maybe", "invalid_type"),
    ({"type": "checkboxes", "options": [{"value": "a", "label": T("A")}],
      "max_selected": 1}, ["a", "z"], "choice"),
])
def test_a_value_in_the_wrong_format_gets_a_stable_code(
    control: dict[str, Any], value: Any, code: str
) -> None:
    assert errors_of({"x": value}, one_field_tree(control)) == {"x": code}


@pytest.mark.parametrize(("control", "value", "stored"), [
    ({"type": "national_id"}, "12345678-z", "12345678Z"),
    ({"type": "national_id"}, "x1234567l", "X1234567L"),
    ({"type": "national_id"}, "B12345674", "B12345674"),
    ({"type": "iban"}, "es91 2100 0418 4502 0005 1332", "ES9121000418450200051332"),
    ({"type": "phone"}, "963 00 00 00", "+34963000000"),
    ({"type": "text", "format": "postcode"}, "46 001", "46001"),
    ({"type": "text", "format": "cadastral_reference"}, "7837301-VG8173B-0001 TT",
     "7837301VG8173B0001TT"),
    ({"type": "date"}, "2026-03-31", "2026-03-31"),
    ({"type": "number"}, 1500.5, "1500.5"),
    ({"type": "yes_no"}, "yes", True),
])
def test_a_valid_value_is_stored_in_its_normal_form(
    control: dict[str, Any], value: Any, stored: Any
) -> None:
    result = validate_tree(one_field_tree(control), {"x": value})
    assert result.valid, result.errors
    assert result.answers == {"x": stored}


answers_strategy = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=10),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
        st.sampled_from(["road", "m2", "kind", "email", "vehicles", "site", "plate", "x"]),
        inner, max_size=4),
    max_leaves=15,
)


@settings(max_examples=200, deadline=None)
@given(answers=answers_strategy)
def test_any_answers_give_a_result_never_a_crash(answers: Any) -> None:
    result = validate_tree(sample_tree(), answers)
    assert result.valid == (not result.errors)
    assert isinstance(result.answers, dict)


@pytest.mark.parametrize("value", ["X1234567L", "B12345674"])
def test_a_field_that_accepts_only_a_nif_refuses_nie_and_cif_numbers(value: str) -> None:
    tree = one_field_tree({"type": "national_id", "accept": ["nif"]})
    assert errors_of({"x": value}, tree) == {"x": "national_id"}
    assert errors_of({"x": "12345678Z"}, tree) == {}


def test_a_postcode_typed_with_a_space_in_an_address_is_accepted() -> None:
    tree = one_field_tree({"type": "postal_address"})
    address = {"street": "Carrer de la Pau", "number": "1", "postcode": "46 001",
               "municipality": "València", "province": "València"}
    assert errors_of({"x": address}, tree) == {}


@pytest.mark.parametrize(("expression", "decimals", "shown"), [
    ({"+": [1.005, 0]}, 2, 1.01), ({"-": [0, 2.5]}, 0, -3), ({"/": [10, 3]}, 2, 3.33),
])
def test_computed_values_round_half_away_from_zero_like_the_browser(
    expression: dict[str, Any], decimals: int, shown: float
) -> None:
    tree = one_field_tree({"type": "computed", "expression": expression, "decimals": decimals})
    result = validate_tree(tree, {}, locale="en")
    assert result.answers["x"] == shown


@pytest.mark.parametrize(("typed", "stored"), [
    ("1.500,50", "1500.50"), ("1,500.50", "1500.50"), ("1500,5", "1500.5"), ("1500.5", "1500.5"),
])
def test_numbers_typed_the_spanish_or_the_english_way_are_understood(
    typed: str, stored: str
) -> None:
    tree = one_field_tree({"type": "number"})
    assert validate_tree(tree, {"x": typed}, locale="es").answers["x"] == stored


@pytest.mark.parametrize("typed", ["1e5", "1_000", "NaN", "Infinity", "1.2.3"])
def test_numbers_in_programmers_notation_are_refused(typed: str) -> None:
    assert errors_of({"x": typed}, one_field_tree({"type": "number"})) == {"x": "number"}
