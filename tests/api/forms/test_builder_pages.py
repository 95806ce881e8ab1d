"""The form builder's pages, as an administrator uses them with plain form posts."""

from __future__ import annotations

import json
from typing import Any

from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from eoffice.forms.services.store import find_version
from tests.conftest import csrf_from, sign_in

EDITOR = "/admin/forms/form/parking_permit/1"


def texts(prefix: str, en: str, es: str | None = None, ca: str | None = None) -> dict[str, str]:
    return {f"{prefix}-es": es or f"{en} (es)", f"{prefix}-ca": ca or f"{en} (ca)",
            f"{prefix}-en": en}


class Admin:
    """An administrator signed in through the real form, posting like the browser."""

    def __init__(self, client: FlaskClient) -> None:
        sign_in(client, "admin")
        self.client = client
        self.token = csrf_from(self.page("/admin/forms"))

    def page(self, path: str, status: int = 200) -> str:
        response = self.client.get(path)
        assert response.status_code == status, path
        return response.get_data(as_text=True)

    def post(self, path: str, data: dict[str, str], status: int = 302) -> Any:
        response = self.client.post(path, data={"csrf_token": self.token, **data})
        assert response.status_code == status, response.get_data(as_text=True)[-3000:]
        return response


def definition(db: Session, key: str = "parking_permit", version: int = 1) -> dict[str, Any]:
    db.expire_all()
    row = find_version(db, "form", key, version)
    assert row is not None
    return row.definition


def start_parking_permit(admin: Admin) -> None:
    created = admin.post("/admin/forms/new/form", texts("title", "Parking permit"))
    assert created.location.endswith(EDITOR)  # the key is made from the English title
    admin.post(f"{EDITOR}/additions", {"what": "control", "control-type": "yes_no",
                                       "control-place": "/pages/0|end",
                                       **texts("control-label", "Do you have a vehicle?",
                                               ca="Teniu vehicle?")})
    admin.post(f"{EDITOR}/additions", {"what": "control", "control-type": "text",
                                       "control-key": "reason", "control-place": "/pages/0|end",
                                       **texts("control-label", "Why do you need it?")})


def test_an_admin_builds_a_form_with_a_block_and_a_condition_and_publishes_it(
    client: FlaskClient, db: Session,
) -> None:
    admin = Admin(client)
    start_parking_permit(admin)
    admin.post(f"{EDITOR}/control?place=/pages/0/controls/1", {
        **texts("label", "Why do you need it?"), "key": "reason",
        "show_if-mode": "simple", "show_if-field": "do_you_have_a_vehicle",
        "show_if-operator": "is_yes", "required-mode": "yes", "disable_if-mode": "never"})
    admin.post(f"{EDITOR}/additions", {"what": "block", "block-block": "vehicle:1",
                                       "block-place": "/pages/0|end"})

    controls = definition(db)["pages"][0]["controls"]
    assert [c.get("key") for c in controls] == ["do_you_have_a_vehicle", "reason", "vehicle"]
    assert controls[1]["show_if"] == {"==": [{"var": "do_you_have_a_vehicle"}, True]}
    assert controls[1]["required"] is True
    assert controls[2] == {"type": "block", "key": "vehicle", "block": "vehicle", "version": 1}

    editor = admin.page(f"{EDITOR}?check=1&preview=ca")
    assert "No problems found" in editor
    assert "Shown only when “Do you have a vehicle?” is yes" in editor
    assert "Teniu vehicle?" in editor  # the preview, in Valencian, by the real renderer
    assert "data-eo-show-if=" in editor and 'name="vehicle.plate"' in editor

    admin.post(f"{EDITOR}/publish", {})
    db.expire_all()
    row = find_version(db, "form", "parking_permit", 1)
    assert row is not None and row.is_published
    used = admin.page("/admin/forms/block/vehicle/1/where-used")
    assert "parking_permit" in used
    assert "Start a new version from this one" in admin.page(EDITOR)


def test_the_check_and_a_refused_publication_name_the_control(
    client: FlaskClient, db: Session,
) -> None:
    admin = Admin(client)
    admin.post("/admin/forms/new/form", texts("title", "Parking permit"))
    admin.post(f"{EDITOR}/additions", {"what": "control", "control-type": "radio",
                                       "control-place": "/pages/0|end",
                                       "control-label-en": "Kind of permit"})
    checked = admin.page(f"{EDITOR}?check=1")
    assert "“Kind of permit” (kind_of_permit), question, Valencià" in checked
    assert "“Kind of permit” (kind_of_permit), options" in checked

    refused = admin.post(f"{EDITOR}/publish", {}, status=422)
    assert "govuk-error-summary" in refused.get_data(as_text=True)
    assert "Give the options, or a source of options." in refused.get_data(as_text=True)
    assert not find_version(db, "form", "parking_permit", 1).is_published  # type: ignore[union-attr]


def test_a_field_that_a_condition_uses_cannot_be_removed(
    client: FlaskClient, db: Session,
) -> None:
    admin = Admin(client)
    start_parking_permit(admin)
    admin.post(f"{EDITOR}/control?place=/pages/0/controls/1", {
        **texts("label", "Why do you need it?"), "key": "reason",
        "show_if-mode": "custom",
        "show_if-json": '{"==": [{"var": "do_you_have_a_vehicle"}, true]}'})
    refused = admin.post(f"{EDITOR}/remove", {"place": "/pages/0/controls/0"}, status=422)
    assert "There is no field “do_you_have_a_vehicle”" in refused.get_data(as_text=True)
    assert len(definition(db)["pages"][0]["controls"]) == 2


def test_an_invalid_condition_in_the_json_view_is_refused_naming_the_place(
    client: FlaskClient, db: Session,
) -> None:
    admin = Admin(client)
    start_parking_permit(admin)
    before = definition(db)
    changed = json.loads(json.dumps(before))
    changed["pages"][0]["controls"][1]["show_if"] = {"==": [{"var": "no_such_field"}, True]}
    changed["pages"][0]["controls"][0]["show_if"] = {"log": "hello"}

    refused = admin.post(f"{EDITOR}/json", {"definition": json.dumps(changed)}, status=422)
    html = refused.get_data(as_text=True)
    assert "“Why do you need it?” (reason), when it is shown" in html
    assert "/pages/0/controls/1/show_if" in html and "no_such_field" in html
    assert "/pages/0/controls/0/show_if" in html
    assert definition(db) == before

    broken = admin.post(f"{EDITOR}/json", {"definition": "{\"key\": "}, status=422)
    assert "Line 1, column" in broken.get_data(as_text=True)
    assert definition(db) == before


def test_only_people_who_manage_the_catalogue_may_build_forms(client: FlaskClient) -> None:
    anonymous = client.get("/admin/forms")
    assert anonymous.status_code == 302 and "/sign-in" in anonymous.location
    sign_in(client, "clerk")
    assert client.get("/admin/forms").status_code == 403
    assert client.get("/admin/forms/form/general_application/1").status_code == 403
    token = csrf_from(client.get("/").get_data(as_text=True))
    refused = client.post("/admin/forms/new/form",
                          data={"csrf_token": token, **texts("title", "Sneaky")})
    assert refused.status_code == 403


def test_an_admin_gives_a_choice_its_options_and_moves_it_up(
    client: FlaskClient, db: Session,
) -> None:
    admin = Admin(client)
    start_parking_permit(admin)
    added = admin.post(f"{EDITOR}/additions", {
        "what": "control", "control-type": "radio", "control-place": "/pages/0|0",
        **texts("control-label", "Kind of permit")})
    assert "/control?place=/pages/0/controls/0" in added.location  # its options come next
    admin.post(f"{EDITOR}/control?place=/pages/0/controls/0", {
        **texts("label", "Kind of permit"), "key": "kind", "required-mode": "yes",
        **texts("option-0-label", "Resident"), **texts("option-1-label", "Business"),
        "option-1-value": "company", "option-2-value": "", "option-2-label-en": ""})
    admin.post(f"{EDITOR}/move", {"place": "/pages/0/controls/2", "direction": "up"})

    controls = definition(db)["pages"][0]["controls"]
    assert [c["key"] for c in controls] == ["kind", "reason", "do_you_have_a_vehicle"]
    assert [o["value"] for o in controls[0]["options"]] == ["resident", "company"]
    assert controls[0]["options"][1]["label"]["ca"] == "Business (ca)"
    assert "Ready to publish." in admin.page(EDITOR)


def test_a_block_built_here_is_included_by_a_form_and_shows_where_it_is_used(
    client: FlaskClient, db: Session,
) -> None:
    admin = Admin(client)
    block = "/admin/forms/block/pet/1"
    assert admin.post("/admin/forms/new/block", texts("title", "Pet")).location.endswith(block)
    admin.post(f"{block}/additions", {"what": "control", "control-type": "text",
                                      "control-place": "|end", **texts("control-label", "Name")})
    admin.post(f"{block}/publish", {})
    start_parking_permit(admin)
    admin.post(f"{EDITOR}/additions", {"what": "block", "block-block": "pet:1",
                                       "block-key": "pet", "block-place": "/pages/0|end"})
    assert 'name="pet.name"' in admin.page(EDITOR)
    assert "parking_permit v1" in admin.page(block)



def test_a_definition_with_a_plain_text_title_or_a_bad_key_is_refused_and_the_builder_works(
    client: FlaskClient, db: Session, token_for: Any
) -> None:
    for definition, field in (({"key": "t1", "title": "abc"}, "/title"),
                              ({"key": "Not A Key", "title": {"es": "A"}}, "/key")):
        stored = client.post("/api/v1/admin/forms", headers=token_for("admin"),
                             json={"definition": definition})
        assert stored.status_code == 422
        assert [e["field"] for e in stored.json["errors"]] == [field]
    assert "t1" not in Admin(client).page("/admin/forms")
