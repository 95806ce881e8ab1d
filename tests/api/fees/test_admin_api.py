"""The administration API of fee rules: only for catalogue managers; create, edit,
run examples, try answers, publish; refusals change nothing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Flask
from flask.testing import FlaskClient

from tests.api.catalogue.openapi_check import assert_matches_openapi
from tests.integration.fees.helpers import demo_rule, header

BASE = "/api/v1/admin/fees"
Headers = Callable[[str], dict[str, str]]


def test_citizens_cannot_use_the_fee_administration(client: FlaskClient,
                                                    token_for: Headers) -> None:
    assert client.get(BASE, headers=token_for("ana")).status_code == 403
    assert client.get(BASE).status_code == 401


def test_an_administrator_lists_the_demo_rules(app: Flask, client: FlaskClient,
                                               token_for: Headers) -> None:
    response = client.get(BASE, headers=token_for("admin"))
    assert_matches_openapi(app, "get", response)
    answer = response.json
    assert answer is not None and answer["total"] == 6
    interior = next(item for item in answer["items"] if item["key"] == "minor_works_interior")
    assert interior["legal_reference"]["article"] == "art. 6.1.a"
    assert interior["versions"][0]["valid_from"] == "2026-01-01"


def test_a_second_rule_for_the_same_case_is_refused(client: FlaskClient,
                                                    token_for: Headers) -> None:
    body = header(demo_rule("minor_works_interior"), key="another_interior_rule")
    response = client.post(BASE, json=body, headers=token_for("admin"))
    assert response.status_code == 409
    assert response.json is not None and response.json["code"] == "fees.rule_exists"


def test_a_rule_for_a_case_the_catalogue_lacks_is_refused(client: FlaskClient,
                                                          token_for: Headers) -> None:
    body = header(demo_rule("minor_works_interior"), key="ghost", case="ghost")
    response = client.post(BASE, json=body, headers=token_for("admin"))
    assert response.status_code == 422
    assert response.json is not None and response.json["code"] == "fees.unknown_case"


def _draft(client: FlaskClient, admin: dict[str, str]) -> int:
    answer = client.post(f"{BASE}/removal_road_occupancy/drafts", headers=admin).json
    assert answer is not None
    return int(answer["versions"][-1]["number"])


def test_running_examples_reports_each_one(client: FlaskClient, token_for: Headers) -> None:
    admin = token_for("admin")
    number = _draft(client, admin)
    answer: Any = client.post(f"{BASE}/removal_road_occupancy/versions/{number}/examples",
                              headers=admin).json
    assert answer["passed"] is True
    assert answer["results"][0]["name"] == "A lorry needs 12 m"


def test_trying_answers_on_a_draft_gives_amount_and_explanation(client: FlaskClient,
                                                                token_for: Headers) -> None:
    admin = token_for("admin")
    number = _draft(client, admin)
    answer: Any = client.post(f"{BASE}/removal_road_occupancy/versions/{number}/try?lang=en",
                              json={"answers": {"occupied_metres": "2"}}, headers=admin).json
    assert answer["amount"] == "24.00"
    assert answer["explanation"][-1] == "Fee to pay: €24.00."


def test_publishing_with_a_failing_example_names_it(client: FlaskClient,
                                                    token_for: Headers) -> None:
    admin = token_for("admin")
    number = _draft(client, admin)
    rule = demo_rule("removal_road_occupancy")
    rule["examples"][1]["expected"] = "45.00"
    client.put(f"{BASE}/removal_road_occupancy/versions/{number}", headers=admin,
               json={"definition": rule["definition"], "examples": rule["examples"]})
    response = client.post(f"{BASE}/removal_road_occupancy/versions/{number}/publish?lang=en",
                           json={"valid_from": "2099-01-01"}, headers=admin)
    assert response.status_code == 422
    assert response.json is not None
    assert response.json["code"] == "fees.example_failed"
    assert response.json["errors"] == [{
        "field": "examples/1", "code": "fees.example_failed",
        "message": "Example “A van needs 6.5 m”: expected €45.00, got €44.25."}]


def test_a_draft_that_does_not_parse_is_refused_with_the_place(client: FlaskClient,
                                                               token_for: Headers) -> None:
    admin = token_for("admin")
    number = _draft(client, admin)
    response = client.put(f"{BASE}/removal_road_occupancy/versions/{number}", headers=admin,
                          json={"definition": {"charges": [{"key": "x"}]}, "examples": []})
    assert response.status_code == 422
    assert response.json is not None
    assert "definition/charges/0/base" in {e["field"] for e in response.json["errors"]}
