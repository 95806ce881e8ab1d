"""The public calculator: POST /api/v1/fees/quote, in the citizen's language, with
problem+json for a case without a rule and for answers that prevent a quote."""

from __future__ import annotations

from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from tests.api.catalogue.openapi_check import assert_matches_openapi

INTERIOR = {"procedure": "minor-works", "case": "interior"}


def quote(app: Flask, client: FlaskClient, body: dict[str, Any], **kwargs: Any) -> TestResponse:
    response = client.post("/api/v1/fees/quote", json=body, **kwargs)
    assert_matches_openapi(app, "post", response)
    return response


def test_minor_works_quote_gives_amount_rule_version_and_explanation(
        app: Flask, client: FlaskClient) -> None:
    body = {**INTERIOR, "answers": {"budget": "12000.00", "kind_of_works": "interior_reform"}}
    response = quote(app, client, body, query_string={"lang": "en"})
    assert response.status_code == 200
    answer = response.json
    assert answer is not None
    assert (answer["amount"], answer["currency"]) == ("240.00", "EUR")
    assert answer["rule"] == {
        "key": "minor_works_interior", "version": 1,
        "legal_reference": "Fiscal ordinance no. 12 on the fee for planning actions, art. 6.1.a"}
    assert answer["explanation"][0] == (
        "Licence fee: 2 % of a declared budget of €12,000.00 = €240.00")
    assert "The minimum fee is €60.00." in answer["explanation"]


def test_explanation_follows_accept_language(app: Flask, client: FlaskClient) -> None:
    body = {**INTERIOR, "answers": {"budget": "12000", "kind_of_works": "other"}}
    response = quote(app, client, body, headers={"Accept-Language": "ca"})
    assert response.json is not None
    assert "240,00\u00a0€" in response.json["explanation"][0]
    assert "pressupost" in response.json["explanation"][0]


def test_a_case_without_a_rule_answers_404_fees_no_rule(app: Flask, client: FlaskClient) -> None:
    body = {"procedure": "general-application", "case": "standard", "answers": {}}
    response = quote(app, client, body)
    assert response.status_code == 404
    assert response.mimetype == "application/problem+json"
    assert response.json is not None and response.json["code"] == "fees.no_rule"


def test_missing_budget_is_named_in_a_422(app: Flask, client: FlaskClient) -> None:
    response = quote(app, client, {**INTERIOR, "answers": {"kind_of_works": "other"}},
                     query_string={"lang": "en"})
    assert response.status_code == 422
    assert response.json is not None
    assert response.json["code"] == "fees.missing_answers"
    assert [e["field"] for e in response.json["errors"]] == ["budget"]


def test_a_negative_budget_is_refused_and_not_echoed(app: Flask, client: FlaskClient) -> None:
    response = quote(app, client, {**INTERIOR, "answers": {
        "budget": "-123456.78", "kind_of_works": "other"}})
    assert response.status_code == 422
    assert response.json is not None
    assert response.json["code"] == "fees.invalid_answers"
    assert response.json["errors"][0]["code"] == "range"
    assert "123456" not in response.get_data(as_text=True)


def test_a_body_without_answers_gets_field_errors(app: Flask, client: FlaskClient) -> None:
    response = quote(app, client, {"procedure": "minor-works"})
    assert response.status_code == 422
    assert response.json is not None
    assert {e["field"] for e in response.json["errors"]} == {"case", "answers"}


def test_terrace_quote_multiplies_area_days_and_street_category(
        app: Flask, client: FlaskClient) -> None:
    body = {"procedure": "terrace-public-road", "case": "seasonal", "answers": {
        "area_m2": "20", "season_start": "2027-06-01", "season_end": "2027-09-30",
        "address": {"code": "03150-0045"}}}  # CL de San Vicente Mártir, 45: category 1
    response = quote(app, client, body, query_string={"lang": "en"})
    assert response.json is not None
    assert response.json["amount"] == "488.00"
    assert "20 m² × 122 days × €0.20" in response.json["explanation"][0]  # noqa: RUF001
