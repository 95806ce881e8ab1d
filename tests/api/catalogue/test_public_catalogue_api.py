"""The public catalogue API as an integrating system sees it (API.md contract)."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy.orm import Session

from eoffice import catalogue
from eoffice.shared.clock import frozen_at, utcnow
from tests.api.catalogue.conftest import Call
from tests.unit.catalogue.definitions import definition_json


def test_the_catalogue_lists_the_demo_procedures_with_code_title_summary_unit_taxonomies(
    api: Call,
) -> None:
    answer = api("get", "/api/v1/procedures?page_size=200").json
    assert answer["total"] >= 8
    item = next(i for i in answer["items"] if i["code"] == "general-application")
    assert item["title"] == "General application"
    assert item["unit"] == "URB"
    assert {"code", "title", "summary", "unit", "taxonomies"} <= set(item)
    assert {"taxonomy": "themes", "code": "general-administration"}.items() <= (
        item["taxonomies"][0].items())


def test_q_finds_procedures_by_words_of_their_title_in_the_callers_language(api: Call) -> None:
    answer = api("get", "/api/v1/procedures?q=llicencia%20obra&lang=ca").json
    assert [item["code"] for item in answer["items"]] == ["minor-works"]
    assert answer["items"][0]["title"] == "Llicència d'obra menor"
    spanish = api("get", "/api/v1/procedures?q=certificado",
                  headers={"Accept-Language": "es"}).json
    assert [item["code"] for item in spanish["items"]] == ["municipal-roll-certificate"]


def test_taxonomy_narrows_the_list_to_procedures_classified_by_the_term(api: Call) -> None:
    moving = api("get", "/api/v1/procedures?taxonomy=moving-home").json
    assert {item["code"] for item in moving["items"]} == {
        "municipal-roll-certificate", "removal-road-occupancy"}
    both = api("get", "/api/v1/procedures?taxonomy=life_events:moving-home"
                      "&taxonomy=themes:public-road").json
    assert [item["code"] for item in both["items"]] == ["removal-road-occupancy"]
    assert api("get", "/api/v1/procedures?taxonomy=astrology").json == {"items": [], "total": 0}


def test_lists_are_paged(api: Call) -> None:
    first = api("get", "/api/v1/procedures?page=1&page_size=3").json
    second = api("get", "/api/v1/procedures?page=2&page_size=3").json
    assert len(first["items"]) == 3 and first["total"] == second["total"]
    assert not {i["code"] for i in first["items"]} & {i["code"] for i in second["items"]}
    assert api("get", "/api/v1/procedures?page=0").status_code == 422


def test_a_procedure_shows_its_term_silence_channels_dates_and_cases(api: Call) -> None:
    answer = api("get", "/api/v1/procedures/minor-works?lang=en").json
    assert answer["code"] == "minor-works"
    assert answer["unit"] == "URB-LIC"
    assert answer["resolution_term"] == {"value": 1, "unit": "months"}
    assert answer["silence_effect"] == "approval"
    assert answer["channels"] == ["online", "in_person"]
    assert answer["published_from"] and answer["published_until"] is None
    facade = next(case for case in answer["cases"] if case["code"] == "facade")
    assert facade["form"] == {"key": "minor_works", "version": 1}
    assert facade["has_fee"] is True
    plans = facade["required_documents"][0]
    assert (plans["code"], plans["mandatory"], plans["title"]) == (
        "plans", True, "Plans or sketch of the works")


def test_an_unknown_procedure_is_a_404_problem(api: Call) -> None:
    answer = api("get", "/api/v1/procedures/flying-licence")
    assert answer.status_code == 404
    assert answer.content_type == "application/problem+json"
    assert answer.json["code"] == "catalogue.unknown_procedure"


def test_a_procedure_scheduled_for_later_is_hidden_from_the_api_until_its_date(
    api: Call, demo_catalogue: Session,
) -> None:
    start = utcnow() + timedelta(days=1)
    definition = catalogue.load_definition(definition_json())
    catalogue.create_procedure(demo_catalogue, "pavement-cafe", definition, actor="admin")
    catalogue.publish_version(demo_catalogue, "pavement-cafe", 1, actor="admin",
                              published_from=start)
    assert api("get", "/api/v1/procedures/pavement-cafe").status_code == 404
    with frozen_at(start):
        assert api("get", "/api/v1/procedures/pavement-cafe").status_code == 200


def test_taxonomies_and_their_terms_are_listed_in_the_callers_language(api: Call) -> None:
    taxonomies = api("get", "/api/v1/taxonomies?lang=ca").json
    assert {"key": "themes", "name": "Temes"} in taxonomies["items"]
    terms = api("get", "/api/v1/taxonomies/themes/terms?lang=ca").json
    assert {"code": "culture", "name": "Cultura"} in terms["items"]
    unknown = api("get", "/api/v1/taxonomies/planets/terms")
    assert unknown.status_code == 404
    assert unknown.json["code"] == "catalogue.unknown_taxonomy"
