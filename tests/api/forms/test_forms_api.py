"""The public forms API: published definitions, XForms and validation of answers."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from flask.testing import FlaskClient
from lxml import etree
from sqlalchemy.orm import Session

from eoffice import forms
from eoffice.forms import api, option_sources
from eoffice.forms.services import versions
from tests.integration.forms.helpers import publish_definition, publish_samples
from tests.unit.forms.samples import PRODUCT_FORMS, T, sample_form


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


def test_remote_options_are_fetched_before_any_database_transaction_opens(
    client: FlaskClient, db: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(option_sources, "allowed_hosts", lambda: frozenset({"opendata.test"}))
    publish_definition(db, "form", {"key": "test_remote", "version": 1, "title": T("Remote"),
                                    "pages": [{"title": T("Page"), "controls": [
        {"type": "select", "key": "district", "label": T("District"),
         "source": {"kind": "endpoint", "url": "https://opendata.test/d", "cache_seconds": 60}},
    ]}]})
    open_readers: list[int] = []
    inside: list[bool] = []
    real_reader = api.reader

    @contextmanager
    def counted() -> Iterator[Session]:
        open_readers.append(1)
        try:
            with real_reader() as session:
                yield session
        finally:
            open_readers.pop()

    def fetch(url: str) -> Any:
        inside.append(bool(open_readers))
        return [{"value": "centre", "label": "Centre"}]

    monkeypatch.setattr(api, "reader", counted)
    monkeypatch.setattr(option_sources, "_fetch", fetch)
    option_sources.clear_cache()
    try:
        response = client.post("/api/v1/forms/test_remote/1/validate",
                               json={"answers": {"district": "elsewhere"}})
    finally:
        option_sources.clear_cache()
    assert [e["code"] for e in response.json["errors"]] == ["choice"]
    assert inside == [False]
