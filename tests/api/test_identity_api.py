"""The identity API as an integrating system sees it."""

from __future__ import annotations

from flask.testing import FlaskClient


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


def test_clerk_of_one_unit_gets_403_on_another_units_staff(client: FlaskClient, token_for) -> None:
    headers = token_for("clerk2")  # clerk of Finance (HAC)
    assert client.get("/api/v1/units/HAC/staff", headers=headers).status_code == 200
    response = client.get("/api/v1/units/URB/staff", headers=headers)
    assert response.status_code == 403
    assert response.json["code"] == "identity.forbidden"
    assert "Clara" not in response.get_data(as_text=True)
