"""The OpenAPI document is valid OpenAPI 3 and the docs page renders from local assets."""

from __future__ import annotations

from flask.testing import FlaskClient
from openapi_spec_validator import validate


def test_openapi_document_is_valid_openapi_3(client: FlaskClient) -> None:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = response.json
    validate(document)
    assert document["openapi"].startswith("3.")
    assert "/api/v1/me" in document["paths"]


def test_api_docs_page_loads_swagger_ui_from_this_server(client: FlaskClient) -> None:
    page = client.get("/api/docs").get_data(as_text=True)
    assert "/static/dist/swagger-ui/swagger-ui-bundle.js" in page
    assert "https://" not in page.split("<body")[0]
