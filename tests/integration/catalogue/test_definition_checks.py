"""Bad definitions are refused with the place named, and nothing is published."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy.orm import Session

from eoffice import catalogue, forms
from eoffice.catalogue.errors import DraftExists, ProcedureExists, UnknownUnit
from tests.integration.catalogue.conftest import visible_codes
from tests.unit.catalogue.definitions import definition_json


def draft(db: Session, code: str, **changes: object) -> int:
    definition = catalogue.load_definition(definition_json(**changes))
    return catalogue.create_procedure(db, code, definition, actor="admin").number


def test_a_procedure_without_a_unit_is_refused_at_publication(demo_db: Session) -> None:
    number = draft(demo_db, "no-unit", unit=None)
    with pytest.raises(catalogue.MissingUnit) as refused:
        catalogue.publish_version(demo_db, "no-unit", number, actor="admin")
    assert refused.value.code == "catalogue.missing_unit"
    assert ("unit", "required") in [(e.field, e.code) for e in refused.value.errors]
    assert "no-unit" not in visible_codes(demo_db)


def test_a_unit_unknown_to_the_city_is_refused_when_saving(demo_db: Session) -> None:
    with pytest.raises(UnknownUnit) as refused:
        draft(demo_db, "bad-unit", unit="NOPE")
    assert refused.value.errors[0].field == "unit"


def test_an_unknown_taxonomy_term_is_refused_naming_the_term(demo_db: Session) -> None:
    terms = [{"taxonomy": "themes", "code": "culture"},
             {"taxonomy": "themes", "code": "astrology"}]
    with pytest.raises(catalogue.UnknownTerm) as refused:
        draft(demo_db, "bad-term", terms=terms)
    assert "themes:astrology" in str(refused.value.detail)
    assert [(e.field, e.code) for e in refused.value.errors] == [("terms.1", "unknown_term")]


def test_codes_are_permanent_and_a_procedure_has_one_draft_at_a_time(demo_db: Session) -> None:
    draft(demo_db, "pavement-cafe")
    with pytest.raises(ProcedureExists):
        draft(demo_db, "pavement-cafe")
    with pytest.raises(DraftExists):
        catalogue.start_draft(demo_db, "pavement-cafe", actor="admin")


def test_a_case_may_require_another_published_procedure_only(
    demo_db: Session, publish: Callable[..., int]
) -> None:
    case = definition_json()["cases"][0]
    number = draft(demo_db, "terrace-extension",
                   cases=[{**case, "requires_procedure": "not-in-the-catalogue"}])
    with pytest.raises(catalogue.NotPublishable) as refused:
        catalogue.publish_version(demo_db, "terrace-extension", number, actor="admin")
    assert [(e.field, e.code) for e in refused.value.errors] == [
        ("cases.0.requires_procedure", "unknown_procedure")]
    chained = catalogue.load_definition(
        definition_json(cases=[{**case, "requires_procedure": "minor-works"}]))
    catalogue.save_draft(demo_db, "terrace-extension", number, chained, actor="admin")
    catalogue.publish_version(demo_db, "terrace-extension", number, actor="admin")
    found = catalogue.get_case(demo_db, "terrace-extension", "standard")
    assert found.requires_procedure == "minor-works"


def test_a_pinned_form_that_is_not_published_is_refused(
    demo_db: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(forms, "form_exists", lambda _s, key, version: False, raising=False)
    number = draft(demo_db, "pavement-cafe")
    with pytest.raises(catalogue.NotPublishable) as refused:
        catalogue.publish_version(demo_db, "pavement-cafe", number, actor="admin")
    assert [(e.field, e.code) for e in refused.value.errors] == [
        ("cases.0.form", "unknown_form")]


def test_a_mandatory_document_without_an_upload_slot_is_published_with_a_warning(
    demo_db: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(forms, "form_exists", lambda _s, key, version: True, raising=False)
    monkeypatch.setattr(forms, "document_slots", lambda _s, key, version: ["photos"],
                        raising=False)
    number = draft(demo_db, "pavement-cafe")
    outcome = catalogue.publish_version(demo_db, "pavement-cafe", number, actor="admin")
    assert [(w.field, w.code) for w in outcome.warnings] == [
        ("cases.0.required_documents.0.code", "no_upload_slot")]
    assert "pavement-cafe" in visible_codes(demo_db)
