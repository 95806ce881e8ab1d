"""The administration API of forms and blocks, as the form builder uses it."""

from __future__ import annotations

from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from tests.integration.forms.helpers import publish_samples
from tests.unit.forms.samples import T, sample_form, vehicle_block

ADMIN = "/api/v1/admin"


def test_only_administrators_may_build_forms(client: FlaskClient, token_for) -> None:
    assert client.get(f"{ADMIN}/forms").status_code == 401
    response = client.get(f"{ADMIN}/forms", headers=token_for("clerk"))
    assert response.status_code == 403
    assert response.json["code"] == "identity.forbidden"


def test_an_admin_builds_a_block_and_a_form_and_publishes_them(
    client: FlaskClient, token_for
) -> None:
    admin = token_for("admin")
    block = client.post(f"{ADMIN}/form-blocks", json={"definition": vehicle_block()},
                        headers=admin)
    assert block.status_code == 201
    assert (block.json["status"], block.json["problems"]) == ("draft", [])
    assert client.post(f"{ADMIN}/form-blocks/test_vehicle/1/publish",
                       headers=admin).status_code == 200

    draft = client.post(f"{ADMIN}/forms", json={"definition": sample_form()}, headers=admin)
    assert draft.status_code == 201 and draft.json["version"] == 1
    edited = client.post(f"{ADMIN}/forms/test_form/1/edits", headers=admin, json={
        "op": "add", "parent": "/pages/0", "position": 0,
        "control": {"type": "text", "key": "reference", "label": T("Reference")}})
    assert edited.status_code == 200
    assert edited.json["definition"]["pages"][0]["controls"][0]["key"] == "reference"
    published = client.post(f"{ADMIN}/forms/test_form/1/publish", headers=admin)
    assert published.status_code == 200
    assert published.json["status"] == "published" and published.json["published_at"]
    assert client.get("/api/v1/forms/test_form/1").json["pages"][0]["controls"][0][
        "key"] == "reference"

    used = client.get(f"{ADMIN}/form-blocks/test_vehicle/1/where-used", headers=admin).json
    assert used["items"] == [{"kind": "form", "key": "test_form", "version": 1,
                              "status": "published", "direct": True}]


def test_a_published_version_cannot_be_edited(
    client: FlaskClient, db: Session, token_for
) -> None:
    publish_samples(db)
    admin = token_for("admin")
    for response in (
        client.put(f"{ADMIN}/forms/test_form/1", json={"definition": sample_form()},
                   headers=admin),
        client.delete(f"{ADMIN}/forms/test_form/1", headers=admin),
        client.post(f"{ADMIN}/forms/test_form/1/edits", json={"op": "remove", "place": "road"},
                    headers=admin),
    ):
        assert response.status_code == 409
        assert response.json["code"] == "forms.published_is_immutable"


def test_publishing_a_broken_draft_lists_every_problem_and_publishes_nothing(
    client: FlaskClient, db: Session, token_for
) -> None:
    publish_samples(db)
    admin = token_for("admin")
    assert client.post(f"{ADMIN}/forms/test_form/drafts", headers=admin).status_code == 201
    broken = sample_form(version=2)
    broken["pages"][0]["controls"][0]["show_if"] = {"==": [{"var": "rooad"}, 1]}
    broken["pages"][0]["controls"].append({"type": "slider", "key": "s"})
    saved = client.put(f"{ADMIN}/forms/test_form/2", json={"definition": broken}, headers=admin)
    assert {p["code"] for p in saved.json["problems"]} == {"forms.unknown_field",
                                                           "forms.unknown_control"}
    response = client.post(f"{ADMIN}/forms/test_form/2/publish", headers=admin)
    assert response.status_code == 422
    assert response.content_type == "application/problem+json"
    assert response.json["code"] == "forms.invalid_definition"
    assert {(e["field"], e["code"]) for e in response.json["errors"]} == {
        ("/pages/0/controls/0/show_if", "forms.unknown_field"),
        ("/pages/0/controls/7/type", "forms.unknown_control")}
    assert client.get("/api/v1/forms/test_form/2").status_code == 404


def test_a_definition_can_be_checked_without_storing_it(client: FlaskClient, token_for) -> None:
    response = client.post(f"{ADMIN}/forms/validate", headers=token_for("admin"),
                           json={"definition": {"key": "x", "version": 1}})
    assert response.status_code == 200
    assert response.json["valid"] is False
    assert {e["code"] for e in response.json["errors"]} == {"forms.missing_property"}


def test_versions_are_listed_by_key(client: FlaskClient, db: Session, token_for) -> None:
    publish_samples(db)
    listed = client.get(f"{ADMIN}/forms?key=test_form", headers=token_for("admin")).json
    assert listed["total"] == 1
    assert listed["items"][0]["title"]["en"] == "Test form"
