"""What a procedure definition must have before it is published, and its JSON format."""

from __future__ import annotations

import pytest

from eoffice.catalogue.errors import InvalidDefinition
from eoffice.catalogue.format import content_sha256, dump_definition, load_definition
from eoffice.catalogue.rules import publication_problems
from tests.unit.catalogue.definitions import definition_json, texts


def problems_of(**changes: object) -> list[tuple[str, str]]:
    definition = load_definition(definition_json(**changes))
    return [(p.field, p.code) for p in publication_problems(definition, own_code="cafe")]


def test_a_complete_definition_has_nothing_to_fix() -> None:
    assert problems_of() == []


def test_a_procedure_without_a_unit_is_not_publishable() -> None:
    assert problems_of(unit=None) == [("unit", "required")]


def test_every_missing_translation_is_named_by_its_place() -> None:
    cases = definition_json()["cases"]
    cases[0]["required_documents"][0]["title"] = {"es": "Planos", "en": "Plans"}
    assert problems_of(title={"es": "Terraza", "en": "Terrace"}, cases=cases) == [
        ("title.ca", "missing_translation"),
        ("cases.0.required_documents.0.title.ca", "missing_translation"),
    ]


def test_a_citizen_initiated_case_needs_a_form_and_codes_are_unique() -> None:
    case = definition_json()["cases"][0]
    without_form = {**case, "form": None}
    assert problems_of(cases=[case, without_form]) == [
        ("cases.1.code", "duplicate"), ("cases.1.form", "required")]


def test_a_procedure_cannot_require_itself() -> None:
    case = {**definition_json()["cases"][0], "requires_procedure": "cafe"}
    assert problems_of(cases=[case]) == [("cases.0.requires_procedure", "self_reference")]


def test_an_ex_officio_procedure_needs_no_channels_cases_or_silence_effect() -> None:
    assert problems_of(kind="ex_officio", channels=[], cases=[], silence_effect=None,
                       who_may_apply={}) == []


def test_the_stored_form_reads_back_to_the_same_definition_and_hash() -> None:
    definition = load_definition(definition_json())
    stored = dump_definition(definition)
    assert load_definition(stored) == definition
    assert content_sha256(dump_definition(load_definition(stored))) == content_sha256(stored)


def test_an_invalid_definition_is_refused_naming_the_nested_field() -> None:
    case = {**definition_json()["cases"][0], "code": "Not A Code"}
    with pytest.raises(InvalidDefinition) as refused:
        load_definition(definition_json(cases=[case], resolution_term={"value": 0,
                                                                       "unit": "weeks"}))
    fields = sorted(error.field for error in refused.value.errors)
    assert fields == ["cases.0.code", "resolution_term.unit", "resolution_term.value"]


def test_texts_accept_only_the_three_languages() -> None:
    with pytest.raises(InvalidDefinition) as refused:
        load_definition(definition_json(title={**texts("x"), "fr": "x"}))
    assert refused.value.errors[0].field.startswith("title")
