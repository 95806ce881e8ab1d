"""Definition problems are reported with their place, a stable code and a message."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eoffice.forms import option_sources
from eoffice.forms.tree import text_in
from eoffice.forms.validation import check_definition
from tests.unit.forms.samples import (
    T,
    blocks_lookup,
    product_files,
    sample_form,
    vehicle_block,
)


def problems_of(definition: Any, *blocks: dict[str, Any], kind: str = "form",
                sources: set[str] | None = None) -> dict[str, str]:
    _tree, problems = check_definition(definition, kind=kind, lookup=blocks_lookup(*blocks),
                                       known_sources=sources)
    return {p.field: p.code for p in problems}


def with_control(control: dict[str, Any]) -> dict[str, Any]:
    form = sample_form()
    form["pages"][0]["controls"].append(control)
    return form


def test_the_sample_form_has_no_problems() -> None:
    assert problems_of(sample_form(), vehicle_block()) == {}


def test_every_product_form_and_block_passes_the_validator() -> None:
    files = product_files()
    blocks = [raw for (kind, _key, _version), raw in files.items() if kind == "block"]
    keys = {key for (kind, key, _v) in files if kind == "form"}
    assert keys == {
        "general_application", "minor_works", "terrace_public_road",
        "municipal_roll_certificate", "complaint_suggestion", "cultural_subsidy",
        "removal_road_occupancy", "public_information_access",
    }
    for (kind, key, version), raw in files.items():
        assert problems_of(raw, *blocks, kind=kind, sources={"endpoint"}) == {}, key
        assert (raw["key"], raw["version"]) == (key, version)


def test_an_unknown_control_type_is_named_by_its_place() -> None:
    found = problems_of(with_control({"type": "textbox", "key": "x", "label": T("X")}),
                        vehicle_block())
    assert found == {"/pages/0/controls/7/type": "forms.unknown_control"}


def test_a_duplicate_key_is_reported_even_across_sections() -> None:
    form = with_control({"type": "text", "key": "m2", "label": T("Again")})
    assert problems_of(form, vehicle_block()) == {"/pages/0/controls/7/key": "forms.duplicate_key"}


def test_a_missing_translation_names_the_language() -> None:
    form = with_control({"type": "text", "key": "x", "label": {"es": "Sí", "ca": "Sí"}})
    assert problems_of(form, vehicle_block()) == {
        "/pages/0/controls/7/label/en": "forms.missing_translation"}


def test_an_empty_translation_is_missing_too() -> None:
    form = sample_form()
    form["title"]["ca"] = "  "
    assert problems_of(form, vehicle_block()) == {"/title/ca": "forms.missing_translation"}


@pytest.mark.parametrize(("rule", "code"), [
    ({"==": [{"var": "rooad"}, True]}, "forms.unknown_field"),
    ({"eval": ["1+1"]}, "forms.forbidden_operator"),
    ({"log": ["x"]}, "forms.forbidden_operator"),
    ({"==": [1]}, "forms.bad_condition"),
    ({"==": [1, 2], "!=": [1, 2]}, "forms.bad_condition"),
    ({"var": {"cat": ["ro", "ad"]}}, "forms.bad_condition"),
    ("road", "forms.bad_condition"),
])
def test_a_condition_that_is_wrong_is_a_definition_error(rule: Any, code: str) -> None:
    form = with_control({"type": "text", "key": "x", "label": T("X"), "show_if": rule})
    assert problems_of(form, vehicle_block()) == {"/pages/0/controls/7/show_if": code}


def test_a_star_outside_its_repeating_group_is_refused() -> None:
    form = with_control({"type": "text", "key": "x", "label": T("X"),
                         "required": {"==": [{"var": "vehicles.*.plate"}, "1234BCD"]}})
    assert problems_of(form, vehicle_block()) == {
        "/pages/0/controls/7/required": "forms.unknown_field"}


def test_a_field_of_an_included_block_can_be_named_by_its_full_path() -> None:
    form = with_control({"type": "text", "key": "x", "label": T("X"),
                         "show_if": {"==": [{"var": "vehicles.0.plate"}, "1234BCD"]}})
    assert problems_of(form, vehicle_block()) == {}


def test_a_select_without_options_or_source_is_refused() -> None:
    form = with_control({"type": "select", "key": "x", "label": T("X")})
    assert problems_of(form, vehicle_block()) == {
        "/pages/0/controls/7/options": "forms.missing_options"}


def test_a_minimum_above_the_maximum_is_refused() -> None:
    form = with_control({"type": "number", "key": "x", "label": T("X"), "min": 10, "max": 2})
    assert problems_of(form, vehicle_block()) == {"/pages/0/controls/7/min": "forms.bad_range"}


def test_a_repeat_whose_maximum_is_zero_is_refused() -> None:
    form = sample_form()
    form["pages"][0]["controls"][4]["repeat"] = {"min": 0, "max": 0}
    assert problems_of(form, vehicle_block()) == {
        "/pages/0/controls/4/repeat/max": "forms.bad_range"}


def test_a_reference_to_a_block_version_that_does_not_exist_is_refused() -> None:
    assert problems_of(sample_form(block_version=2), vehicle_block()) == {
        "/pages/0/controls/4/version": "forms.missing_block"}


def test_blocks_that_include_each_other_are_a_cycle() -> None:
    first = {"key": "first", "version": 1, "title": T("First"), "controls": [
        {"type": "block", "key": "second", "block": "second", "version": 1}]}
    second = {"key": "second", "version": 1, "title": T("Second"), "controls": [
        {"type": "block", "key": "back", "block": "first", "version": 1}]}
    found = problems_of(first, first, second, kind="block")
    assert list(found.values()) == ["forms.block_cycle"]
    assert next(iter(found)).startswith("/controls/0/second@1/controls/0")


def test_a_block_that_includes_itself_is_a_cycle() -> None:
    block = vehicle_block(extra=[{"type": "block", "key": "again", "block": "test_vehicle",
                                  "version": 1}])
    assert problems_of(block, block, kind="block") == {"/controls/2/block": "forms.block_cycle"}


def test_an_unknown_option_source_kind_is_refused_at_publication_only() -> None:
    form = with_control({"type": "select", "key": "x", "label": T("X"),
                         "source": {"kind": "taxonomy", "taxonomy": "themes"}})
    assert problems_of(form, vehicle_block()) == {}
    assert problems_of(form, vehicle_block(), sources={"endpoint"}) == {
        "/pages/0/controls/7/source/kind": "forms.unknown_source"}


def endpoint_select(**source: Any) -> dict[str, Any]:
    return with_control({"type": "select", "key": "x", "label": T("X"),
                         "source": {"kind": "endpoint", **source}})


def test_an_endpoint_source_is_refused_while_no_hosts_are_allowed() -> None:
    found = check_definition(endpoint_select(url="http://169.254.169.254/latest"), kind="form",
                             lookup=blocks_lookup(vehicle_block()))[1]
    assert [(p.field, p.code) for p in found] == [
        ("/pages/0/controls/7/source/url", "forms.bad_property")]
    assert "no hosts are allowed" in found[0].message


def test_an_endpoint_source_is_accepted_only_on_an_allowed_host(
    monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(option_sources, "allowed_hosts", lambda: frozenset({"opendata.test"}))
    assert problems_of(endpoint_select(url="https://opendata.test/districts"),
                       vehicle_block()) == {}
    assert problems_of(endpoint_select(url="http://127.0.0.1:5432/"), vehicle_block()) == {
        "/pages/0/controls/7/source/url": "forms.bad_property"}


def test_an_option_source_with_unexpected_or_nested_properties_is_refused() -> None:
    form = with_control({"type": "select", "key": "x", "label": T("X"), "source": {
        "kind": "taxonomy", "taxonomy": "themes", "headers": {"a": "b"}}})
    other = with_control({"type": "select", "key": "x", "label": T("X"), "source": {
        "kind": "districts", "deep": [[[]]]}})
    assert problems_of(form, vehicle_block()) == {
        "/pages/0/controls/7/source/headers": "forms.unknown_property"}
    assert problems_of(other, vehicle_block()) == {
        "/pages/0/controls/7/source/deep": "forms.bad_property"}


def test_every_problem_is_reported_at_once() -> None:
    form = copy.deepcopy(sample_form())
    form["pages"][0]["controls"].extend([
        {"type": "textbox"},
        {"type": "text", "key": "Bad Key", "label": T("X")},
        {"type": "text", "key": "y", "label": T("Y"), "colour": "red"},
    ])
    found = problems_of(form, vehicle_block())
    assert set(found.values()) == {"forms.unknown_control", "forms.bad_key",
                                   "forms.unknown_property"}


@pytest.mark.parametrize("garbage", [None, [], "form", 3, {"pages": "x"}, {"key": 1}])
def test_garbage_is_a_list_of_problems_not_a_crash(garbage: Any) -> None:
    assert problems_of(garbage)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=10),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
        st.sampled_from(["key", "version", "title", "pages", "controls", "type", "label",
                         "es", "ca", "en", "show_if", "var", "==", "block", "options"]),
        inner, max_size=5),
    max_leaves=30,
)


@settings(max_examples=300, deadline=None)
@given(garbage=json_values)
def test_any_json_as_a_definition_gives_problems_never_a_crash(garbage: Any) -> None:
    _tree, problems = check_definition(garbage, kind="form", lookup=lambda k, v: garbage)
    assert all(p.code.startswith("forms.") for p in problems)


@settings(max_examples=300, deadline=None)
@given(rule=json_values)
def test_any_json_as_a_condition_is_accepted_or_named_as_a_problem(rule: Any) -> None:
    form = with_control({"type": "text", "key": "x", "label": T("X"), "show_if": rule})
    found = problems_of(form, vehicle_block())
    assert set(found) <= {"/pages/0/controls/7/show_if"}


def test_controls_nested_too_deeply_are_refused() -> None:
    group: dict[str, Any] = {"type": "text", "key": "leaf", "label": T("Leaf")}
    for level in range(30):
        group = {"type": "group", "key": f"g{level}", "label": T("G"), "controls": [group]}
    assert "forms.bad_property" in problems_of(with_control(group), vehicle_block()).values()


def test_a_title_that_is_not_a_text_object_shows_as_empty_rather_than_failing() -> None:
    assert text_in("abc", "en") == ""  # type: ignore[arg-type]
    assert text_in({"es": ["x"]}, "es") == ""  # type: ignore[dict-item]
    assert text_in({"es": "Hola", "en": "Hello"}, "ca") == "Hola"


@pytest.mark.parametrize(("control", "where"), [
    ({"type": "text", "key": "x", "label": {"es": "a\u0001b", "ca": "a", "en": "a"}},
     "/label/es"),
    ({"type": "text", "key": "x", "label": {"es": "\ud800", "ca": "a", "en": "a"}}, "/label/es"),
    ({"type": "national_id", "key": "x", "label": {"es": "a", "ca": "a", "en": "a"},
      "accept": [{}]}, "/accept"),
])
def test_texts_with_control_characters_and_malformed_lists_are_refused_by_place(
    control: dict[str, Any], where: str
) -> None:
    form = {"key": "one", "version": 1, "title": {"es": "T", "ca": "T", "en": "T"},
            "pages": [{"title": {"es": "P", "ca": "P", "en": "P"}, "controls": [control]}]}
    _, problems = check_definition(form, kind="form", lookup=lambda k, v: None)
    assert any(problem.field.endswith(where) for problem in problems), problems


def test_blocks_that_multiply_into_a_huge_form_are_refused_quickly() -> None:
    label = {"es": "B", "ca": "B", "en": "B"}
    blocks: dict[tuple[str, int], Any] = {
        ("b0", 1): {"key": "b0", "version": 1, "title": label, "controls": [
            {"type": "text", "key": f"t{n}", "label": label} for n in range(20)]},
    }
    for level in range(1, 5):  # each level includes the one below 20 times: 20**5 controls
        blocks[(f"b{level}", 1)] = {"key": f"b{level}", "version": 1, "title": label,
                                    "controls": [{"type": "block", "key": f"i{n}",
                                                  "block": f"b{level - 1}", "version": 1}
                                                 for n in range(20)]}
    form = {"key": "huge", "version": 1, "title": label, "pages": [
        {"title": label, "controls": [{"type": "block", "key": "all", "block": "b4",
                                       "version": 1}]}]}
    _, problems = check_definition(form, kind="form",
                                   lookup=lambda key, version: blocks.get((key, version)))
    assert any("more than 2000 controls" in problem.message for problem in problems)
