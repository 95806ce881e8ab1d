"""The register of powers' API: grant, list, revoke, check; problem codes for bad input
and refusals; nobody sees or revokes a power that is not theirs (404)."""

from __future__ import annotations

from collections.abc import Callable

from flask.testing import FlaskClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from eoffice.representation.models import Power

Headers = Callable[[str], dict[str, str]]
TERRACE = "terrace-public-road"


def grant(client: FlaskClient, headers: dict[str, str], **body: object) -> dict[str, object]:
    payload: dict[str, object] = {"representative_id_number": "87654321X",
                                  "representative_name": "Bernat Soler Ferrer"}
    payload.update(body)
    response = client.post("/api/v1/powers", json=payload, headers=headers)
    assert response.status_code == 201, response.get_json()
    return response.get_json()  # type: ignore[no-any-return]


def test_a_citizen_grants_a_power_and_both_parties_see_it(
        client: FlaskClient, token_for: Headers) -> None:
    ana = token_for("ana")
    power = grant(client, ana, scope="procedures", procedures=[TERRACE])
    assert power["state"] == "valid" and power["grantor_id_number"] == "12345678Z"
    assert power["evidence_document_id"]  # sealed at once
    mine = client.get("/api/v1/powers", headers=ana).get_json()
    assert [p["number"] for p in mine["granted"]] == [power["number"]]
    held = client.get("/api/v1/powers", headers=token_for("bernat")).get_json()["held"]
    assert [p["id"] for p in held if p["basis"] == "granted"] == [power["id"]]
    evidence = client.get(f"/api/v1/documents/{power['evidence_document_id']}/content",
                          headers=token_for("bernat"))
    assert evidence.status_code == 200 and evidence.data.startswith(b"%PDF")


def test_another_citizen_can_neither_see_nor_revoke_it(
        client: FlaskClient, token_for: Headers) -> None:
    power = grant(client, token_for("ana"))
    stranger = token_for("carla")
    assert client.get(f"/api/v1/powers/{power['id']}", headers=stranger).status_code == 404
    refused = client.post(f"/api/v1/powers/{power['id']}/revocation",
                          json={"reason": "no"}, headers=stranger)
    assert refused.status_code == 404
    assert refused.get_json()["code"] == "representation.unknown_power"
    assert client.get(f"/api/v1/powers/{power['id']}",
                      headers=token_for("ana")).get_json()["state"] == "valid"
    evidence = client.get(f"/api/v1/documents/{power['evidence_document_id']}/content",
                          headers=stranger)
    assert evidence.status_code == 404


def test_bad_input_gives_problem_codes_and_writes_nothing(
        client: FlaskClient, token_for: Headers, db: Session) -> None:
    ana = token_for("ana")
    before = db.scalar(select(func.count()).select_from(Power))
    response = client.post("/api/v1/powers", headers=ana, json={
        "representative_id_number": "87654321A", "representative_name": "Bernat",
        "scope": "procedures", "procedures": ["no-such-procedure"]})
    assert response.status_code == 422
    problem = response.get_json()
    assert response.mimetype == "application/problem+json"
    assert problem["code"] == "representation.invalid_power"
    assert {(e["field"], e["code"]) for e in problem["errors"]} == {
        ("representative_id_number", "invalid_id"), ("procedures", "unknown_procedure")}
    assert client.get("/api/v1/powers", headers=ana).get_json()["granted"] == []
    assert db.scalar(select(func.count()).select_from(Power)) == before
    too_long = client.post("/api/v1/powers", headers=ana, json={
        "representative_id_number": "87654321X", "representative_name": "Bernat",
        "valid_from": "2030-01-01T00:00:00+00:00", "valid_until": "2035-01-02T00:00:00+00:00"})
    assert [e["code"] for e in too_long.get_json()["errors"]] == ["too_long"]


def test_revocation_needs_a_reason_and_happens_once(
        client: FlaskClient, token_for: Headers) -> None:
    ana = token_for("ana")
    power = grant(client, ana)
    url = f"/api/v1/powers/{power['id']}/revocation"
    assert client.post(url, json={"reason": " "}, headers=ana).get_json()["code"] == (
        "representation.reason_required")
    revoked = client.post(url, json={"reason": "Ya no"}, headers=ana)
    assert revoked.status_code == 200 and revoked.get_json()["state"] == "revoked"
    assert revoked.get_json()["revocation_document_id"]
    again = client.post(url, json={"reason": "Otra vez"}, headers=ana)
    assert again.status_code == 409
    assert again.get_json()["code"] == "representation.already_revoked"
    held = client.post(url, json={"reason": "Renuncio"}, headers=token_for("bernat"))
    assert held.status_code == 403  # the representative sees it but may not revoke it


def test_staff_check_a_power_and_get_the_refusal_code(
        client: FlaskClient, token_for: Headers, company: str) -> None:
    grant(client, token_for("bernat"), grantor_id_number=company,
          representative_id_number="12345678Z", representative_name="Ana García Puig",
          scope="procedures", procedures=[TERRACE])
    clerk = token_for("clerk")
    url = f"/api/v1/powers/check?representative=12345678Z&grantor={company}"
    found = client.get(f"{url}&procedure={TERRACE}", headers=clerk)
    assert found.status_code == 200 and found.get_json()["grantor_kind"] == "legal"
    outside = client.get(f"{url}&procedure=minor-works", headers=clerk)
    assert outside.status_code == 403
    assert outside.get_json()["code"] == "representation.outside_scope"
    none = client.get("/api/v1/powers/check?representative=12345678Z&grantor=87654321X",
                      headers=clerk)
    assert none.get_json()["code"] == "representation.no_power"
    citizen = client.get(f"{url}&procedure={TERRACE}", headers=token_for("ana"))
    assert citizen.status_code == 403 and citizen.get_json()["code"] == "identity.forbidden"


def test_only_clerks_record_powers_given_in_person(
        client: FlaskClient, token_for: Headers) -> None:
    body = {"grantor_id_number": "12345678Z", "grantor_name": "Ana García Puig",
            "representative_id_number": "87654321X", "representative_name": "Bernat",
            "channel": "in_person"}
    refused = client.post("/api/v1/powers", json=body, headers=token_for("bernat"))
    assert refused.status_code == 403
    assert refused.get_json()["code"] == "representation.not_grantor"
    recorded = client.post("/api/v1/powers", json=body, headers=token_for("registrar"))
    assert recorded.status_code == 201 and recorded.get_json()["channel"] == "in_person"
