"""Taxonomies travel as JSON between systems; the demo catalogue loads idempotently."""

from __future__ import annotations

import copy

import pytest
from flask import Flask
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from eoffice import catalogue, forms
from eoffice.audit.models import AuditEvent
from eoffice.catalogue.errors import InvalidDefinition
from eoffice.catalogue.wiring import taxonomy_option_source
from eoffice.demo.catalogue import load_demo_catalogue
from tests.integration.catalogue.conftest import visible_codes

DEMO_CODES = {
    "minor-works", "terrace-public-road", "municipal-roll-certificate", "general-application",
    "complaint-suggestion", "cultural-subsidy", "removal-road-occupancy",
    "public-information-access",
}


def events(db: Session) -> int:
    return db.scalar(select(func.count()).select_from(AuditEvent)) or 0


def test_importing_the_exported_taxonomies_changes_nothing(demo_db: Session) -> None:
    exported = catalogue.export_taxonomies(demo_db)
    before = events(demo_db)
    report = catalogue.import_taxonomies(demo_db, exported, actor="admin")
    assert (report.created, report.updated) == (0, 0)
    assert report.unchanged > 10
    assert events(demo_db) == before


def test_an_import_adds_and_renames_terms_and_keeps_those_it_does_not_mention(
    demo_db: Session,
) -> None:
    exported = catalogue.export_taxonomies(demo_db, ["audiences"])
    changed = copy.deepcopy(exported)
    terms = changed["taxonomies"][0]["terms"]
    terms[0]["names"]["en"] = "Residents"
    del terms[-1]
    terms.append({"code": "public-bodies", "names": {
        "es": "Administraciones", "ca": "Administracions", "en": "Public bodies"}})
    report = catalogue.import_taxonomies(demo_db, changed, actor="admin")
    assert (report.created, report.updated) == (1, 1)
    codes = [t["code"] for t in catalogue.export_taxonomies(demo_db, ["audiences"])
             ["taxonomies"][0]["terms"]]
    assert set(codes) == {"citizens", "companies", "associations", "public-bodies"}


def test_a_taxonomy_file_with_a_missing_translation_is_refused_naming_the_place(
    demo_db: Session,
) -> None:
    document = {"taxonomies": [{"key": "channels_of_payment", "names": {
        "es": "Pago", "ca": "Pagament", "en": "Payment"}, "terms": [
        {"code": "card", "names": {"es": "Tarjeta", "en": "Card"}}]}]}
    with pytest.raises(InvalidDefinition) as refused:
        catalogue.import_taxonomies(demo_db, document, actor="admin")
    assert [(e.field, e.code) for e in refused.value.errors] == [
        ("taxonomies.0.terms.0.names", "missing_translation")]
    assert "channels_of_payment" not in [
        t["key"] for t in catalogue.export_taxonomies(demo_db)["taxonomies"]]


def test_the_demo_catalogue_offers_the_eight_procedures_with_their_pinned_forms(
    demo_db: Session,
) -> None:
    assert set(visible_codes(demo_db)) >= DEMO_CODES
    minor_works = catalogue.get_published_procedure(demo_db, "minor-works").definition
    assert {case.code for case in minor_works.cases} >= {"interior", "facade", "occupying-road"}
    assert {(case.form.key, case.form.version) for case in minor_works.cases if case.form} == {
        ("minor_works", 1)}
    documents = {d.code: d.mandatory for d in minor_works.cases[0].required_documents}
    assert documents == {"plans": True, "budget_detail": False}


def test_the_general_application_is_free_without_mandatory_documents_and_goes_to_urban_planning(
    demo_db: Session,
) -> None:
    procedure = catalogue.get_published_procedure(demo_db, "general-application").definition
    case = catalogue.get_case(demo_db, "general-application", "standard")
    assert procedure.unit == "URB"
    assert case.form == catalogue.FormRef("general_application", 1)
    assert not case.has_fee
    assert not [d for d in case.required_documents if d.mandatory]


def test_loading_the_demo_catalogue_again_changes_nothing(demo_db: Session) -> None:
    before = events(demo_db)
    versions = {code: len(catalogue.list_version_history(demo_db, code)) for code in DEMO_CODES}
    load_demo_catalogue(demo_db)
    assert events(demo_db) == before
    assert {code: len(catalogue.list_version_history(demo_db, code))
            for code in DEMO_CODES} == versions


def test_forms_can_take_select_options_from_a_taxonomy(app: Flask, demo_db: Session) -> None:
    assert "taxonomy" in forms.option_sources.kinds()
    options = taxonomy_option_source(demo_db, {"kind": "taxonomy", "taxonomy": "audiences"})
    assert options[0] == {"value": "citizens", "label": {
        "es": "Ciudadanía", "ca": "Ciutadania", "en": "Citizens"}}
    assert taxonomy_option_source(demo_db, {"kind": "taxonomy", "taxonomy": "planets"}) == []
