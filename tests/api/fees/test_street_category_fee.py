"""Must-show 4: the terrace fee uses the street category of the address chosen in the
form, from the demo street map imported from CSV files; a category claimed in the
answers is never believed, and an address the map does not know gets no fee."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from eoffice import territory
from tests.conftest import csrf_from, sign_in

Headers = Callable[[str], dict[str, str]]
TERRACE: dict[str, Any] = {
    "establishment_name": "Bar Central", "area_m2": "20", "tables": "4", "chairs": "16",
    "season": "whole_year", "heaters": False,
}
COLON_12 = "01530-0012"  # CL de Colón, 12: first category in the demo map
PORT_100 = "00612-0100"  # AV del Port, 100: second category


def fee_of_a_draft(client: FlaskClient, headers: dict[str, str], address: Any,
                   ) -> tuple[str, dict[str, Any]]:
    """A terrace draft with ``address``, checked, and the fee its self-assessment asks."""
    draft = client.post("/api/v1/submissions", headers=headers,
                        json={"procedure": "terrace-public-road", "case": "annual"}).get_json()
    path = f"/api/v1/submissions/{draft['id']}"
    checked = client.patch(path, headers=headers,
                           json={"answers": {**TERRACE, "address": address}}).get_json()
    assert checked["status"] == "validated", checked.get("validation")
    fee = client.post(f"{path}/payment", headers={**headers, "Accept-Language": "en"})
    assert fee.status_code in (200, 201), fee.get_json()
    stored = client.get(path, headers=headers).get_json()["answers"]["address"]
    return fee.get_json()["amount"], stored


def test_a_terrace_on_a_first_category_street_pays_more_than_on_a_second_category_one(
        client: FlaskClient, db: Session, token_for: Headers) -> None:
    assert {"streets", "sections", "addresses"} <= {
        run.kind for run in territory.list_imports(db)}  # the demo map came from CSV files
    ana = token_for("ana")
    first, first_address = fee_of_a_draft(client, ana, "Calle de Colón, 12")
    second, second_address = fee_of_a_draft(client, ana, {"code": PORT_100})
    assert (first, second) == ("960.00", "600.00")  # 20 m² at 48 € and at 30 €
    assert (first_address["code"], first_address["street_category"]) == (COLON_12, "1")
    assert (second_address["code"], second_address["street_category"]) == (PORT_100, "2")


def test_a_category_forged_in_the_answers_changes_neither_the_answers_nor_the_fee(
        client: FlaskClient, token_for: Headers) -> None:
    forged = {"code": PORT_100, "street_category": "1", "label": "Plaça de la Reina, 1"}
    amount, stored = fee_of_a_draft(client, token_for("ana"), forged)
    assert amount == "600.00"
    assert stored["street_category"] == "2" and stored["label"] == "AV del Puerto, 100"


def quote(client: FlaskClient, address: Any) -> Any:
    return client.post("/api/v1/fees/quote", query_string={"lang": "en"}, json={
        "procedure": "terrace-public-road", "case": "annual",
        "answers": {"area_m2": "20", "address": address}})


def test_the_public_calculator_asks_the_street_map_not_the_answers(
        client: FlaskClient) -> None:
    answer = quote(client, {"code": PORT_100, "street_category": "1"}).get_json()
    assert answer["amount"] == "600.00"
    assert "second-category street" in answer["explanation"][0]
    assert quote(client, COLON_12).get_json()["amount"] == "960.00"


@pytest.mark.parametrize("address", [{"code": "99999-0001", "street_category": "1"},
                                     {"street_category": "1"}])
def test_an_address_the_street_map_does_not_know_gets_no_fee(
        client: FlaskClient, address: Any) -> None:
    response = quote(client, address)
    assert response.status_code == 422
    body = response.get_json()
    assert body["code"] == "fees.invalid_answers"
    assert [(e["field"], e["code"]) for e in body["errors"]] == [("address", "invalid")]


def test_the_live_fee_panel_follows_the_typed_address(client: FlaskClient) -> None:
    sign_in(client, "ana")
    page = client.get("/procedures/terrace-public-road/annual/apply?lang=en")
    token = csrf_from(page.get_data(as_text=True))

    def panel(address: str) -> str:
        return client.post("/procedures/terrace-public-road/annual/fee-quote", data={
            "csrf_token": token, "area_m2": "20", "address": address, "address.code": "",
        }).get_data(as_text=True)

    assert "960.00" in panel("Colón 12")
    assert "600.00" in panel("Av. del Port 100")
    assert "960.00" not in panel("Carrer de la Lluna, 77")
