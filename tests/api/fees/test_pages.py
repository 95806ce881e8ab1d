"""The live fee panel of the citizen's form and the administrators' fee pages."""

from __future__ import annotations

import json
from typing import Any

import pytest
from flask.testing import FlaskClient
from sqlalchemy.orm import Session
from werkzeug.test import TestResponse

from eoffice import fees
from tests.conftest import csrf_from, sign_in


def html(response: TestResponse) -> str:
    return response.get_data(as_text=True)


@pytest.fixture
def admin(client: FlaskClient, db: Session) -> FlaskClient:
    sign_in(client, "admin")
    return client


def panel(client: FlaskClient, path: str, data: dict[str, str] | None = None) -> TestResponse:
    """Post to the fee panel as the apply page's form does (with its CSRF field)."""
    token = csrf_from(html(client.get("/sign-in")))
    return client.post(f"/procedures/{path}/fee-quote?lang=en",
                       data={"csrf_token": token, **(data or {})})


def test_fee_panel_shows_the_amount_for_the_answers_typed_so_far(client: FlaskClient) -> None:
    response = panel(client, "minor-works/interior",
                     {"budget": "12.000,00", "kind_of_works": "interior_reform"})
    assert response.status_code == 200
    page = html(response)
    assert 'data-testid="fee-quote"' in page
    assert "Fee to pay: €240.00." in page
    assert "2 % of a declared budget of €12,000.00" in page


def test_fee_panel_asks_for_the_answers_it_still_needs(client: FlaskClient) -> None:
    response = panel(client, "minor-works/interior", {"kind_of_works": "other"})
    assert response.status_code == 200
    assert "Answer “budget” to calculate the fee." in html(response)


def test_fee_panel_of_a_case_without_fee_says_so(client: FlaskClient) -> None:
    response = panel(client, "general-application/standard")
    assert 'data-testid="fee-none"' in html(response)


def test_only_administrators_see_the_fee_pages(client: FlaskClient, db: Session) -> None:
    sign_in(client, "ana")
    assert client.get("/admin/fees").status_code == 403


def test_an_administrator_sees_every_demo_rule(admin: FlaskClient) -> None:
    page = html(admin.get("/admin/fees"))
    for key in ("minor_works_interior", "terrace_seasonal", "removal_road_occupancy"):
        assert f'data-testid="fee-rule-{key}"' in page


def _draft_form(admin: FlaskClient, db: Session, **changes: Any) -> dict[str, Any]:
    number = fees.start_draft(db, "removal_road_occupancy", actor="admin").number
    draft = fees.get_rule(db, "removal_road_occupancy").draft
    assert draft is not None
    page = html(admin.get("/admin/fees/removal_road_occupancy"))
    form = {"csrf_token": csrf_from(page), "definition": json.dumps(draft.definition),
            "examples": json.dumps(draft.examples), "answers": "{}", "number": number}
    form.update(changes)
    return form


def test_running_examples_on_the_page_shows_each_result(admin: FlaskClient,
                                                        db: Session) -> None:
    form = _draft_form(admin, db, action="run")
    response = admin.post(f"/admin/fees/removal_road_occupancy/versions/{form.pop('number')}",
                          data=form)
    page = html(response)
    assert 'data-testid="example-results"' in page
    assert "A lorry needs 12 m" in page and "govuk-tag--red" not in page


def test_trying_answers_on_the_page_shows_amount_and_explanation(admin: FlaskClient,
                                                                 db: Session) -> None:
    form = _draft_form(admin, db, action="try", answers='{"occupied_metres": "10"}')
    page = html(admin.post(f"/admin/fees/removal_road_occupancy/versions/{form.pop('number')}",
                           data=form, query_string={"lang": "en"}))
    assert "Fee to pay: €60.00." in page


def test_publishing_with_a_failing_example_is_refused_on_the_page(admin: FlaskClient,
                                                                  db: Session) -> None:
    examples = json.dumps([{"name": "Wrong on purpose", "answers": {"occupied_metres": "1"},
                            "expected": "1.00"}])
    form = _draft_form(admin, db, action="publish", examples=examples, valid_from="2099-01-01")
    response = admin.post(f"/admin/fees/removal_road_occupancy/versions/{form.pop('number')}",
                          data=form)
    assert response.status_code == 422
    assert "Wrong on purpose" in html(response)
    assert fees.get_rule(db, "removal_road_occupancy").versions[-1].state == "draft"


def test_a_definition_that_is_not_json_is_reported_and_not_saved(admin: FlaskClient,
                                                                 db: Session) -> None:
    form = _draft_form(admin, db, action="save", definition="{not json")
    response = admin.post(f"/admin/fees/removal_road_occupancy/versions/{form.pop('number')}",
                          data=form)
    assert response.status_code == 422
    assert "not valid JSON" in html(response)


def test_an_administrator_creates_a_rule_for_a_case_and_lands_on_its_editor(
        admin: FlaskClient) -> None:
    token = csrf_from(html(admin.get("/admin/fees/new")))
    form = {"csrf_token": token, "key": "general_application_fee",
            "procedure": "general-application", "case": "standard", "article": "art. 3",
            **{f"title-{x}": "Tasa general" for x in ("es", "ca", "en")},
            **{f"ordinance-{x}": "Ordenanza fiscal n.º 1" for x in ("es", "ca", "en")}}
    response = admin.post("/admin/fees/new", data=form, follow_redirects=True)
    page = html(response)
    assert response.status_code == 200
    assert "Ordenanza fiscal n.º 1, art. 3" in page
    assert 'name="definition"' in page


def test_a_rule_for_an_unknown_case_is_refused_on_the_page(admin: FlaskClient) -> None:
    token = csrf_from(html(admin.get("/admin/fees/new")))
    form = {"csrf_token": token, "key": "ghost_fee", "procedure": "ghost", "case": "none",
            "article": "art. 3", **{f"title-{x}": "T" for x in ("es", "ca", "en")},
            **{f"ordinance-{x}": "O" for x in ("es", "ca", "en")}}
    response = admin.post("/admin/fees/new", data=form)
    assert response.status_code == 422
    assert 'data-testid="fee-errors"' in html(response)
