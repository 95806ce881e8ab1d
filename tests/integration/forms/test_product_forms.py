"""The product's own forms, loaded from forms/, accept realistic answers and refuse wrong ones."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from sqlalchemy.orm import Session

from eoffice import forms
from tests.unit.forms.samples import PRODUCT_FORMS

ADDRESS = {"street": "Carrer de Sant Vicent", "number": "12", "floor_door": "3-5",
           "postcode": "46002", "municipality": "València", "province": "València"}
PERSON = {"kind": "natural", "national_id": "12345678Z", "given_name": "Ana",
          "family_names": "Puig Soler", "email": "ana@example.com", "phone": "612345678",
          "address": ADDRESS}
REALISTIC: dict[str, dict[str, Any]] = {
    "general_application": {"subject": "Solicitud de copia", "request": "Solicito copia..."},
    "minor_works": {
        "kind_of_works": "interior_reform", "description": "Reforma de cocina",
        "budget": "12500.00", "site": ADDRESS, "property": {"reference": "7837301VG8173B0001TT"},
        "occupies_public_road": True, "occupation_kind": "skip", "occupied_m2": "6",
        "occupation_days": "10", "occupation_start": "2026-05-04"},
    "terrace_public_road": {
        "establishment_name": "Bar Central", "address": ADDRESS, "area_m2": "20",
        "tables": "5", "chairs": "20", "season": "season", "season_start": "2026-04-01",
        "season_end": "2026-10-31"},
    "municipal_roll_certificate": {
        "purpose": "education", "certificate_kind": "collective", "delivery": "electronic",
        "people": [{"full_name": "Ana Puig", "national_id": "12345678Z",
                    "birth_date": "1985-02-01"},
                   {"full_name": "Pau Puig", "birth_date": "2015-09-10"}]},
    "complaint_suggestion": {"kind": "suggestion", "subject": "Bancos", "text": "Más bancos",
                             "wants_answer": False},
    "cultural_subsidy": {
        "association": {**PERSON, "kind": "legal", "national_id": "G12345674",
                        "legal_name": "Associació Cultural La Falla"},
        "registry_number": "AC-123", "has_representative": False,
        "project_title": "Festival", "project_description": "Música al barri",
        "start_date": "2026-06-01", "end_date": "2026-06-30", "total_budget": "9000",
        "requested_amount": "4500", "iban": "ES9121000418450200051332"},
    "removal_road_occupancy": {
        "address": ADDRESS, "removal_date": "2026-07-15", "start_hour": "8", "end_hour": "13",
        "occupied_metres": "12", "vehicles": [{"plate": "1234BCD", "make": "Iveco"}]},
    "public_information_access": {"information": "Contratos de 2025", "format": "electronic",
                                  "reuse": False},
}


@pytest.fixture
def loaded(db: Session) -> Session:
    forms.sync_product_forms(db, PRODUCT_FORMS)
    return db


@pytest.mark.parametrize("key", sorted(REALISTIC))
def test_each_product_form_accepts_realistic_answers(loaded: Session, key: str) -> None:
    result = forms.validate_answers(loaded, key, 1, REALISTIC[key], locale="es")
    assert result.valid, result.errors


def test_general_application_takes_a_subject_and_a_request(loaded: Session) -> None:
    assert forms.field_paths(loaded, "general_application", 1) == {"subject", "request"}
    result = forms.validate_answers(loaded, "general_application", 1, {"subject": "x"})
    assert [(e.field, e.code) for e in result.errors] == [("request", "required")]


def test_wanting_an_answer_makes_the_email_required_in_the_callers_language(
    app: Flask, loaded: Session
) -> None:
    answers = {**REALISTIC["complaint_suggestion"], "wants_answer": True}
    with app.test_request_context("/?lang=ca"):
        result = forms.validate_answers(loaded, "complaint_suggestion", 1, answers)
    assert [(e.field, e.message) for e in result.errors] == [
        ("email", "Indiqueu un correu electrònic per a poder respondre-vos.")]
    fixed = forms.validate_answers(loaded, "complaint_suggestion", 1,
                                   {**answers, "email": "ana@example.com"})
    assert fixed.valid


def test_the_scaffolding_section_is_dropped_when_the_road_is_not_occupied(
    loaded: Session,
) -> None:
    answers = {**REALISTIC["minor_works"], "occupies_public_road": False}
    result = forms.validate_answers(loaded, "minor_works", 1, answers)
    assert result.valid and "occupied_m2" not in result.answers
    assert forms.document_slots(loaded, "minor_works", 1) == ["plans"]
    assert forms.document_slots(loaded, "cultural_subsidy", 1) == ["statutes", "project_report"]


def test_field_errors_use_the_callers_language(app: Flask, loaded: Session) -> None:
    answers = {**REALISTIC["removal_road_occupancy"], "vehicles": [{"make": "Iveco"}]}
    with app.test_request_context("/?lang=es"):
        result = forms.validate_answers(loaded, "removal_road_occupancy", 1, answers)
    assert [(e.field, e.code, e.message) for e in result.errors] == [
        ("vehicles.0.plate", "required", "Este campo es obligatorio.")]


def test_a_removal_takes_at_most_three_vehicles_and_computes_its_hours(loaded: Session) -> None:
    answers = REALISTIC["removal_road_occupancy"]
    assert forms.validate_answers(loaded, "removal_road_occupancy", 1, answers).answers[
        "hours"] == 5
    too_many = {**answers, "vehicles": [{"plate": "1234BCD", "make": "Iveco"}] * 4}
    result = forms.validate_answers(loaded, "removal_road_occupancy", 1, too_many)
    assert [e.code for e in result.errors] == ["too_many_items"]


@pytest.mark.parametrize("locale", ["es", "ca", "en"])
def test_every_product_form_renders_in_each_language(
    app: Flask, loaded: Session, locale: str
) -> None:
    with app.test_request_context("/"):
        for key, answers in REALISTIC.items():
            page = forms.render_form_html(loaded, key, 1, locale=locale)
            assert ">None<" not in page and "None</textarea>" not in page, key
            summary = forms.render_answers_html(loaded, key, 1, answers, locale=locale)
            assert "govuk-summary-list" in summary, key
    title = {"es": "Asunto", "ca": "Assumpte", "en": "Subject"}[locale]
    with app.test_request_context("/"):
        assert title in forms.render_form_html(loaded, "general_application", 1, locale=locale)
