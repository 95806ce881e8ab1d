"""Administrators maintain the catalogue through the API; nobody else may."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from eoffice.shared.clock import frozen_at, utcnow
from tests.api.catalogue.conftest import Call
from tests.unit.catalogue.definitions import definition_json

Headers = Callable[[str], dict[str, str]]


def new_procedure(api: Call, headers: dict[str, str], code: str = "pavement-cafe",
                  **changes: object) -> dict[str, object]:
    body = {"code": code, **definition_json(**changes)}
    response = api("post", "/api/v1/admin/procedures", json=body, headers=headers)
    assert response.status_code == 201, response.json
    return response.json  # type: ignore[no-any-return]


def test_an_administrator_creates_edits_publishes_and_sees_the_history(
    api: Call, token_for: Headers,
) -> None:
    admin = token_for("admin")
    created = new_procedure(api, admin)
    assert (created["number"], created["status"], created["state"]) == (1, "draft", "draft")
    assert api("get", "/api/v1/procedures/pavement-cafe").status_code == 404
    edited = definition_json(title={"es": "Terraza", "ca": "Terrassa", "en": "Terrace"})
    saved = api("put", "/api/v1/admin/procedures/pavement-cafe/versions/1",
                json={"definition": edited}, headers=admin)
    assert saved.json["definition"]["title"]["ca"] == "Terrassa"
    published = api("post", "/api/v1/admin/procedures/pavement-cafe/versions/1/publish",
                    json={}, headers=admin)
    assert published.status_code == 200
    assert published.json["state"] == "current" and published.json["content_sha256"]
    assert api("get", "/api/v1/procedures/pavement-cafe?lang=ca").json["title"] == "Terrassa"
    new_draft = api("post", "/api/v1/admin/procedures/pavement-cafe/versions", json={},
                    headers=admin)
    assert new_draft.json["number"] == 2
    history = api("get", "/api/v1/admin/procedures/pavement-cafe/versions", headers=admin).json
    assert [(v["number"], v["state"]) for v in history["items"]] == [(1, "current"),
                                                                     (2, "draft")]
    listed = api("get", "/api/v1/admin/procedures?q=pavement%20terrassa", headers=admin).json
    assert [(p["code"], p["current_version"], p["draft_version"]) for p in listed["items"]] == [
        ("pavement-cafe", 1, 2)]


def test_a_published_version_cannot_be_changed(api: Call, token_for: Headers) -> None:
    admin = token_for("admin")
    new_procedure(api, admin)
    api("post", "/api/v1/admin/procedures/pavement-cafe/versions/1/publish", json={},
        headers=admin)
    response = api("put", "/api/v1/admin/procedures/pavement-cafe/versions/1",
                   json={"definition": definition_json()}, headers=admin)
    assert response.status_code == 409
    assert response.json["code"] == "catalogue.published_is_immutable"


def test_a_publication_date_in_the_past_is_refused_naming_the_field(
    api: Call, token_for: Headers,
) -> None:
    admin = token_for("admin")
    new_procedure(api, admin)
    response = api("post", "/api/v1/admin/procedures/pavement-cafe/versions/1/publish",
                   json={"published_from": "2020-01-01T09:00:00+01:00"}, headers=admin)
    assert response.status_code == 422
    assert response.json["code"] == "catalogue.past_publication_date"
    assert [e["field"] for e in response.json["errors"]] == ["published_from"]
    history = api("get", "/api/v1/admin/procedures/pavement-cafe/versions", headers=admin)
    assert history.json["items"][0]["status"] == "draft"


def test_a_publication_date_without_a_time_zone_is_refused_naming_the_field(
    api: Call, token_for: Headers,
) -> None:
    admin = token_for("admin")
    new_procedure(api, admin)
    response = api("post", "/api/v1/admin/procedures/pavement-cafe/versions/1/publish",
                   json={"published_from": "2099-01-01T09:00:00"}, headers=admin)
    assert response.status_code == 422
    assert [e["field"] for e in response.json["errors"]] == ["published_from"]


def test_publishing_an_incomplete_procedure_lists_what_is_missing(
    api: Call, token_for: Headers,
) -> None:
    admin = token_for("admin")
    new_procedure(api, admin, unit=None, summary={"es": "Resumen"})
    response = api("post", "/api/v1/admin/procedures/pavement-cafe/versions/1/publish",
                   json={}, headers=admin)
    assert response.status_code == 422
    assert response.json["code"] == "catalogue.missing_unit"
    assert {e["field"] for e in response.json["errors"]} == {"unit", "summary.ca", "summary.en"}


def test_scheduling_and_unpublishing_take_effect_on_their_dates(
    api: Call, token_for: Headers,
) -> None:
    admin = token_for("admin")
    new_procedure(api, admin)
    start, end = utcnow() + timedelta(days=1), utcnow() + timedelta(days=3)
    published = api("post", "/api/v1/admin/procedures/pavement-cafe/versions/1/publish",
                    json={"published_from": start.isoformat()}, headers=admin)
    assert published.json["state"] == "scheduled"
    unpublished = api("post", "/api/v1/admin/procedures/pavement-cafe/unpublish",
                      json={"published_until": end.isoformat()}, headers=admin)
    assert unpublished.json["items"][0]["published_until"]
    with frozen_at(start + timedelta(days=1)):
        assert api("get", "/api/v1/procedures/pavement-cafe").status_code == 200
    with frozen_at(end):
        assert api("get", "/api/v1/procedures/pavement-cafe").status_code == 404


def test_a_clerk_cannot_write_to_the_catalogue(api: Call, token_for: Headers) -> None:
    clerk = token_for("clerk")
    body = {"code": "pavement-cafe", **definition_json()}
    for method, path, payload in [
        ("post", "/api/v1/admin/procedures", body),
        ("put", "/api/v1/admin/procedures/minor-works/versions/1", {"definition": body}),
        ("post", "/api/v1/admin/procedures/minor-works/versions/1/publish", {}),
        ("post", "/api/v1/admin/taxonomies", {"taxonomies": []}),
    ]:
        response = api(method, path, json=payload, headers=clerk)
        assert response.status_code == 403, path
        assert response.json["code"] == "identity.forbidden"
    assert api("get", "/api/v1/admin/procedures").status_code == 401


def test_taxonomies_are_exported_and_imported_again_without_changes(
    api: Call, token_for: Headers,
) -> None:
    admin = token_for("admin")
    exported = api("get", "/api/v1/admin/taxonomies?key=themes", headers=admin).json
    assert [t["key"] for t in exported["taxonomies"]] == ["themes"]
    report = api("post", "/api/v1/admin/taxonomies", json=exported, headers=admin).json
    assert (report["created"], report["updated"]) == (0, 0)


def test_an_unknown_term_in_a_new_procedure_is_refused_naming_it(
    api: Call, token_for: Headers,
) -> None:
    body = {"code": "pavement-cafe",
            **definition_json(terms=[{"taxonomy": "themes", "code": "astrology"}])}
    response = api("post", "/api/v1/admin/procedures", json=body, headers=token_for("admin"))
    assert response.status_code == 422
    assert response.json["code"] == "catalogue.unknown_term"
    assert response.json["errors"][0]["field"] == "terms.0"
    assert "themes:astrology" in response.json["detail"]


def test_a_malformed_definition_is_refused_naming_the_nested_field(
    api: Call, token_for: Headers,
) -> None:
    case = {**definition_json()["cases"][0], "form": {"key": "minor_works", "version": 0}}
    body = {"code": "pavement-cafe", **definition_json(cases=[case])}
    response = api("post", "/api/v1/admin/procedures", json=body, headers=token_for("admin"))
    assert response.status_code == 422
    assert [(e["field"], e["code"]) for e in response.json["errors"]] == [
        ("cases.0.form.version", "range")]
