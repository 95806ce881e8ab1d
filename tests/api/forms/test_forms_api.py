"""The public forms API: published definitions, XForms and validation of answers."""

from __future__ import annotations

from flask.testing import FlaskClient
from lxml import etree
from sqlalchemy.orm import Session

from eoffice import forms
from eoffice.forms.services import versions
from tests.integration.forms.helpers import publish_samples
from tests.unit.forms.samples import PRODUCT_FORMS, sample_form


def test_a_published_form_is_served_as_its_definition(client: FlaskClient, db: Session) -> None:
    publish_samples(db)
    response = client.get("/api/v1/forms/test_form/1")
    assert response.status_code == 200
    assert response.json == sample_form()
    assert response.headers["ETag"]


def test_the_expanded_form_inlines_its_blocks(client: FlaskClient, db: Session) -> None:
    publish_samples(db)
    body = client.get("/api/v1/forms/test_form/1?expand=true").json
    vehicles = body["pages"][0]["controls"][4]
    assert [c["path"] for c in vehicles["controls"]] == ["vehicles.*.plate", "vehicles.*.make"]


def test_drafts_and_unknown_versions_are_not_found(client: FlaskClient, db: Session) -> None:
    publish_samples(db)
    versions.start_draft(db, "form", "test_form", actor="test")
    for url in ("/api/v1/forms/test_form/2", "/api/v1/forms/nope/1",
                "/api/v1/forms/test_form/2/xforms"):
        response = client.get(url)
        assert response.status_code == 404
        assert response.content_type == "application/problem+json"
        assert response.json["code"] == "forms.unknown_form"


def test_the_xforms_export_is_xml_in_the_xforms_namespace(
    client: FlaskClient, db: Session
) -> None:
    publish_samples(db)
    response = client.get("/api/v1/forms/test_form/1/xforms")
    assert response.status_code == 200
    assert response.content_type.startswith("application/xml")
    root = etree.fromstring(response.data)
    binds = root.findall(".//{http://www.w3.org/2002/xforms}bind")
    assert "/data/vehicles/plate" in {b.get("nodeset") for b in binds}


def test_answers_are_validated_with_errors_in_the_callers_language(
    client: FlaskClient, db: Session, token_for
) -> None:
    publish_samples(db)
    response = client.post("/api/v1/forms/test_form/1/validate?lang=es",
                           json={"answers": {"road": False, "vehicles": [{"make": "Seat"}]}},
                           headers=token_for("ana"))
    assert response.status_code == 200
    assert response.json["valid"] is False
    assert response.json["errors"] == [{"field": "vehicles.0.plate", "code": "required",
                                        "message": "Este campo es obligatorio."}]
    fixed = client.post("/api/v1/forms/test_form/1/validate",
                        json={"answers": {"road": False, "vehicles": [{"plate": "1234bcd"}]}},
                        headers=token_for("ana"))
    assert fixed.json == {"valid": True, "errors": [],
                          "answers": {"road": False, "vehicles": [{"plate": "1234BCD"}]}}


def test_anyone_may_validate_answers_without_signing_in(client: FlaskClient, db: Session) -> None:
    publish_samples(db)
    response = client.post("/api/v1/forms/test_form/1/validate", json={"answers": {}})
    assert response.status_code == 200


def test_a_body_without_answers_is_a_validation_problem(
    client: FlaskClient, db: Session, token_for
) -> None:
    publish_samples(db)
    response = client.post("/api/v1/forms/test_form/1/validate", json={"answer": {}},
                           headers=token_for("ana"))
    assert response.status_code == 422
    assert response.json["code"] == "request.validation_failed"


def test_a_huge_list_of_items_is_refused_as_too_many_without_checking_each_item(
    client: FlaskClient, db: Session
) -> None:
    forms.sync_product_forms(db, PRODUCT_FORMS)
    people = [{"full_name": "x" * 300, "national_id": "nope"}] * 50_000
    response = client.post("/api/v1/forms/municipal_roll_certificate/1/validate?lang=en",
                           json={"answers": {"certificate_kind": "collective",
                                             "people": people}})
    assert response.status_code == 200
    errors = response.json["errors"]
    assert {"field": "people", "code": "too_many_items",
            "message": "Add at most 10 items."} in errors
    assert not any(e["field"].startswith("people.") for e in errors)
