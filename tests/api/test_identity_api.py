"""The identity API as an integrating system sees it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice.audit.models import AuditEvent
from eoffice.shared.clock import frozen_at


def test_me_answers_who_holds_the_token(client: FlaskClient, token_for) -> None:
    response = client.get("/api/v1/me", headers=token_for("clerk"))
    assert response.status_code == 200
    assert response.json == {
        "login": "clerk", "name": "Clara Martí Ribes", "roles": ["clerk"], "units": ["URB"],
    }


def test_me_without_credentials_is_401_problem(client: FlaskClient) -> None:
    response = client.get("/api/v1/me")
    assert response.status_code == 401
    assert response.content_type == "application/problem+json"
    assert response.json["code"] == "identity.unauthenticated"


def test_revoked_token_gets_401(client: FlaskClient, token_for) -> None:
    headers = token_for("ana")
    token_id = headers["Authorization"].split("_")[1]
    assert client.get("/api/v1/me", headers=headers).status_code == 200
    assert client.delete(f"/api/v1/me/tokens/{token_id}", headers=headers).status_code == 204
    response = client.get("/api/v1/me", headers=headers)
    assert response.status_code == 401
    assert response.json["code"] == "identity.unauthenticated"


def test_clerk_of_one_unit_gets_403_on_another_units_staff(
    client: FlaskClient, token_for, db: Session
) -> None:
    headers = token_for("clerk2")  # clerk of Finance (HAC)
    assert client.get("/api/v1/units/HAC/staff", headers=headers).status_code == 200
    response = client.get("/api/v1/units/URB/staff", headers=headers)
    assert response.status_code == 403
    assert response.json["code"] == "identity.forbidden"
    assert "Clara" not in response.get_data(as_text=True)
    denied = db.scalar(select(AuditEvent).order_by(AuditEvent.seq.desc()).limit(1))
    assert denied is not None
    assert (denied.action, denied.actor, denied.object_id) == (
        "identity.access_denied", "clerk2", "/api/v1/units/URB/staff"
    )


def test_expired_token_gets_401(client: FlaskClient, token_for) -> None:
    headers = token_for("ana")  # valid for one day
    with frozen_at(datetime.now(UTC) + timedelta(days=1, seconds=1)):
        response = client.get("/api/v1/me", headers=headers)
    assert response.status_code == 401
    assert response.json["detail"] == "The API token is unknown, expired or revoked."


def test_a_citizen_cannot_revoke_someone_elses_token(client: FlaskClient, token_for) -> None:
    bernat = token_for("bernat")
    bernat_token_id = bernat["Authorization"].split("_")[1]
    response = client.delete(f"/api/v1/me/tokens/{bernat_token_id}", headers=token_for("ana"))
    assert response.status_code == 404
    assert client.get("/api/v1/me", headers=bernat).status_code == 200


def test_a_new_token_is_shown_once_and_listed_without_its_secret(
    client: FlaskClient, token_for
) -> None:
    headers = token_for("ana")
    created = client.post("/api/v1/me/tokens", json={"name": "mobile app"}, headers=headers)
    assert created.status_code == 201
    secret = created.json["token"]
    assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"}).json[
        "login"] == "ana"
    listed = client.get("/api/v1/me/tokens", headers=headers).json
    assert "mobile app" in [item["name"] for item in listed["items"]]
    assert secret not in str(listed)


def test_validation_errors_name_the_field_with_a_stable_code_in_the_callers_language(
    client: FlaskClient, token_for
) -> None:
    response = client.post(
        "/api/v1/me/tokens", json={"name": ""}, headers={**token_for("ana"),
                                                           "Accept-Language": "en"},
    )
    assert response.status_code == 422
    assert response.json["code"] == "request.validation_failed"
    assert response.json["errors"] == [
        {"field": "name", "code": "length", "message": "Give between 1 and 100 characters."}
    ]


def test_validation_messages_follow_the_callers_language(client: FlaskClient, token_for) -> None:
    response = client.post(
        "/api/v1/me/tokens", json={}, headers={**token_for("ana"), "Accept-Language": "ca"},
    )
    assert response.json["errors"] == [
        {"field": "name", "code": "required", "message": "Este camp és obligatori."}
    ]
    assert response.json["title"] == "Alguns camps no són vàlids."


def test_a_clerk_cannot_probe_which_unit_codes_exist(client: FlaskClient, token_for) -> None:
    headers = token_for("clerk2")
    assert client.get("/api/v1/units/NOPE/staff", headers=headers).status_code == 403
    assert client.get("/api/v1/units/URB/staff", headers=headers).status_code == 403
