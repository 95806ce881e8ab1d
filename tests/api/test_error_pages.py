"""What people and integrating systems get when a request goes wrong."""

from __future__ import annotations

import json

from flask import Flask
from flask.testing import FlaskClient

from tests.conftest import sign_in

PROBLEM_JSON = "application/problem+json"


def test_unknown_page_is_a_404_page_in_the_visitors_language(client: FlaskClient) -> None:
    response = client.get("/no-such-page", headers={"Accept-Language": "ca,es;q=0.5"})

    assert response.status_code == 404
    assert response.mimetype == "text/html"
    html = response.get_data(as_text=True)
    assert '<html lang="ca"' in html
    assert 'data-status="404"' in html


def test_unknown_api_path_is_a_404_problem(client: FlaskClient) -> None:
    response = client.get("/api/v1/no-such-thing")

    assert response.status_code == 404
    assert response.mimetype == PROBLEM_JSON
    assert response.json["code"] == "request.not_found"
    assert response.json["status"] == 404


def test_sign_out_without_csrf_token_is_refused_and_the_person_stays_signed_in(
    client: FlaskClient,
) -> None:
    sign_in(client, "ana")

    response = client.post("/sign-out", headers={"Accept-Language": "en"})

    assert response.status_code == 400
    assert "The form has expired or did not come from this site" in response.get_data(
        as_text=True
    )
    assert client.get("/citizen").status_code == 200


def test_oversized_api_request_is_a_413_problem(
    app: Flask, client: FlaskClient, token_for,
) -> None:
    limit = app.config["MAX_CONTENT_LENGTH"]
    body = json.dumps({"name": "x" * limit})

    response = client.post(
        "/api/v1/me/tokens", data=body, content_type="application/json",
        headers=token_for("ana"),
    )

    assert response.status_code == 413
    assert response.mimetype == PROBLEM_JSON
    assert response.json["code"] == "request.too_large"


def test_malformed_json_is_a_400_problem(client: FlaskClient, token_for) -> None:
    response = client.post(
        "/api/v1/me/tokens", data='{"name": "laptop"', content_type="application/json",
        headers=token_for("ana"),
    )

    assert response.status_code == 400
    assert response.mimetype == PROBLEM_JSON
    assert response.json["code"] == "request.malformed"
