"""The catalogue's admin pages through the browser's forms (no JavaScript): an
administrator creates, edits, schedules and publishes procedures; nobody else may."""

from __future__ import annotations

import io
import json
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy.orm import Session
from werkzeug.test import TestResponse

from eoffice import forms
from eoffice.shared.clock import frozen_at, utcnow
from tests.conftest import csrf_from, sign_in

PRODUCT_FORMS = Path(__file__).resolve().parents[3] / "forms"
CODE = "noise-permit"
BASE = "/admin/catalogue"


@pytest.fixture
def admin(client: FlaskClient, db: Session) -> FlaskClient:
    """The administrator, signed in; the product's forms are published."""
    forms.sync_product_forms(db, PRODUCT_FORMS)
    sign_in(client, "admin")
    return client


def html(response: TestResponse) -> str:
    return response.get_data(as_text=True)


def post(client: FlaskClient, path: str, data: dict[str, Any]) -> TestResponse:
    """Post ``data`` as the page's form would, with the CSRF token of the session."""
    token = csrf_from(html(client.get(f"{BASE}/procedures")))
    return client.post(path, data={**data, "csrf_token": token})


def texts(prefix: str, text: str) -> dict[str, str]:
    return {f"{prefix}-{lang}": f"{text} ({lang})" for lang in ("es", "ca", "en")}


def draft_fields(**changes: Any) -> dict[str, Any]:
    """A complete procedure with one case and one document, as the editor posts it."""
    case, document = "cases-0", "cases-0-required_documents-0"
    fields: dict[str, Any] = {
        **texts("title", "Noise permit"), **texts("summary", "Music after 22:00"),
        **texts("description", "What it allows"), **texts("who_may_apply", "Organisers"),
        "unit": "URB", "kind": "citizen_initiated", "channels": ["online", "in_person"],
        "resolution_term-value": "15", "resolution_term-unit": "business_days",
        "silence_effect": "refusal",
        "legal_references-0-title": "Ley 39/2015",
        "legal_references-0-url": "https://www.boe.es/eli/es/l/2015/10/01/39",
        f"{case}-code": "street-party", **texts(f"{case}-title", "Street party"),
        f"{case}-form": "general_application:1", f"{case}-has_fee": "yes",
        f"{case}-requires_procedure": "",
        f"{document}-code": "site_plan", **texts(f"{document}-title", "Site plan"),
        f"{document}-mandatory": "yes", f"{document}-accepted_media_types": "PDF, png",
        f"{document}-max_size_bytes": "2,5",
        "action": "save",
    }
    fields.update(changes)
    return {name: value for name, value in fields.items() if value is not None}


def create(client: FlaskClient, code: str = CODE) -> TestResponse:
    return post(client, f"{BASE}/procedures/new",
                {"code": code, "unit": "URB", **texts("title", "Noise permit")})


def at_local_minute(moment: Any) -> str:
    return str(moment.strftime("%Y-%m-%dT%H:%M"))  # the test app's time zone is UTC


def test_an_administrator_builds_a_draft_with_a_case_and_a_document_and_schedules_it(
    admin: FlaskClient,
) -> None:
    catalogue = html(admin.get("/admin"))
    assert f'href="{BASE}/procedures"' in catalogue
    assert admin.get(BASE).headers["Location"] == f"{BASE}/procedures"
    created = create(admin)
    assert created.status_code == 302
    edit = f"{BASE}/procedures/{CODE}/versions/1/edit"
    assert created.headers["Location"] == edit
    assert "Noise permit (ca)" in html(admin.get(edit))

    with_case = html(post(admin, edit, {**texts("title", "Noise permit"), "action": "add_case"}))
    assert 'id="cases-0-code"' in with_case
    assert 'value="general_application:1"' in with_case  # published forms to choose from
    with_document = html(post(admin, edit, {"cases-0-code": "street-party",
                                            "action": "add_document-0"}))
    assert 'value="street-party"' in with_document
    assert 'id="cases-0-required_documents-0-code"' in with_document

    saved = post(admin, edit, draft_fields())
    assert saved.status_code == 302
    assert saved.headers["Location"] == f"{BASE}/procedures/{CODE}"
    listed = html(admin.get(f"{BASE}/procedures?q=noise"))
    assert f'href="{BASE}/procedures/{CODE}"' in listed and 'data-state="draft"' in listed

    start = utcnow() + timedelta(days=2)
    published = post(admin, f"{BASE}/procedures/{CODE}/versions/1/publish",
                     {"published_from": at_local_minute(start), "published_until": ""})
    assert published.status_code == 302
    banners = html(admin.get(published.headers["Location"]))
    assert "will be published on" in banners
    assert "Published with warnings: Case 1, document 1, code: The form has no upload slot" \
        in banners  # general_application has no slot for the mandatory site plan
    public = admin.get("/api/v1/procedures?q=noise").get_json()
    assert CODE not in [item["code"] for item in public["items"]]
    assert CODE in html(admin.get(f"{BASE}/procedures?status=scheduled"))
    assert CODE not in html(admin.get(f"{BASE}/procedures?status=published"))
    with frozen_at(start + timedelta(minutes=1)):
        detail = admin.get(f"/api/v1/procedures/{CODE}?lang=en").get_json()
    case = detail["cases"][0]
    assert (case["code"], case["form"], case["has_fee"]) == (
        "street-party", {"key": "general_application", "version": 1}, True)
    assert case["required_documents"][0] | {"title": None} == {
        "code": "site_plan", "title": None, "mandatory": True,
        "accepted_media_types": ["application/pdf", "image/png"], "max_size_bytes": 2_500_000}


def publish_now(client: FlaskClient, code: str = CODE, number: int = 1) -> TestResponse:
    return post(client, f"{BASE}/procedures/{code}/versions/{number}/publish",
                {"published_from": "", "published_until": ""})


def test_a_published_version_cannot_be_edited_and_the_page_says_why(
    admin: FlaskClient,
) -> None:
    create(admin)
    edit = f"{BASE}/procedures/{CODE}/versions/1/edit"
    post(admin, edit, draft_fields())
    assert publish_now(admin).status_code == 302
    assert f"/procedures/{CODE}" in html(admin.get(f"{BASE}/procedures?status=published"))

    refused = post(admin, edit, draft_fields(**texts("title", "Changed")))
    assert refused.status_code == 409
    message = "A published version cannot be changed: create a new draft instead."
    assert message in html(refused) and "govuk-error-summary" in html(refused)
    assert message in html(post(admin, edit, {"action": "add_case"}))
    assert message in html(admin.get(edit))
    assert admin.get(f"/api/v1/procedures/{CODE}?lang=en").get_json()["title"] == (
        "Noise permit (en)")

    new_draft = post(admin, f"{BASE}/procedures/{CODE}/drafts", {})
    assert new_draft.headers["Location"] == f"{BASE}/procedures/{CODE}/versions/2/edit"
    assert "Noise permit (ca)" in html(admin.get(new_draft.headers["Location"]))


def test_a_publication_date_in_the_past_is_refused_with_the_message_on_the_page(
    admin: FlaskClient,
) -> None:
    create(admin)
    post(admin, f"{BASE}/procedures/{CODE}/versions/1/edit", draft_fields())
    refused = post(admin, f"{BASE}/procedures/{CODE}/versions/1/publish",
                   {"published_from": "2020-01-01T09:00", "published_until": ""})
    assert refused.status_code == 422
    page = html(refused)
    assert "govuk-error-summary" in page and 'href="#publish-from"' in page
    assert "Give a date and time from now on." in page
    assert 'value="2020-01-01T09:00"' in page  # what was typed stays
    assert 'data-testid="version-1"' in page and 'data-state="draft"' in page


def test_publishing_an_incomplete_draft_lists_what_is_missing_with_links_to_the_editor(
    admin: FlaskClient,
) -> None:
    create(admin)
    refused = publish_now(admin)
    assert refused.status_code == 422
    page = html(refused)
    edit = f"{BASE}/procedures/{CODE}/versions/1/edit"
    assert f'href="{edit}#summary-ca"' in page
    assert f'href="{edit}#resolution_term-value"' in page
    assert "Summary, Valencià: Give this text in every language." in page


def test_problems_are_shown_beside_their_fields_and_nothing_is_saved(
    admin: FlaskClient,
) -> None:
    create(admin)
    edit = f"{BASE}/procedures/{CODE}/versions/1/edit"
    refused = post(admin, edit, draft_fields(**{
        "cases-0-code": "Street Party", "cases-0-required_documents-0-max_size_bytes": "big",
        "legal_references-0-url": "not a link", "resolution_term-value": "soon"}))
    assert refused.status_code == 422
    page = html(refused)
    for anchor in ("cases-0-code", "cases-0-required_documents-0-max_size_bytes",
                   "legal_references-0-url", "resolution_term-value"):
        assert f'href="#{anchor}"' in page, anchor
        assert f'id="{anchor}-error"' in page, anchor
    assert 'value="Street Party"' in page and 'value="big"' in page
    assert "Summary (es)" not in html(admin.get(edit))  # nothing saved


def test_empty_rows_are_dropped_and_rows_can_be_removed(admin: FlaskClient) -> None:
    create(admin)
    edit = f"{BASE}/procedures/{CODE}/versions/1/edit"
    fields = draft_fields(**{"legal_references-1-title": "", "legal_references-1-url": ""})
    without_reference = html(post(admin, edit, {**fields, "action": "remove_reference-0"}))
    assert 'id="legal_references-0-title"' in without_reference
    assert "Ley 39/2015" not in without_reference
    assert post(admin, edit, fields).status_code == 302
    page = html(admin.get(edit))
    assert 'id="legal_references-1-title"' not in page and "Ley 39/2015" in page


def test_a_clerk_gets_403_and_a_visitor_is_sent_to_sign_in(
    client: FlaskClient, db: Session,
) -> None:
    visitor = client.get(f"{BASE}/procedures")
    assert visitor.status_code == 302 and "/sign-in?next=" in visitor.headers["Location"]
    sign_in(client, "clerk")
    token = csrf_from(html(client.get("/backoffice")))
    assert client.get(f"{BASE}/procedures").status_code == 403
    assert client.get(f"{BASE}/taxonomies/export").status_code == 403
    refused = client.post(f"{BASE}/procedures/new", data={"code": CODE, "csrf_token": token})
    assert refused.status_code == 403
    assert client.get(f"/api/v1/procedures/{CODE}").status_code == 404


def test_taxonomies_are_listed_exported_and_imported_from_a_file(admin: FlaskClient) -> None:
    themes = {"key": "themes", "names": {"es": "Temas", "ca": "Temes", "en": "Themes"},
              "terms": [{"code": "noise", "names": {"es": "Ruido", "ca": "Soroll",
                                                    "en": "Noise"}}]}
    document = {"format": "eoffice.taxonomies/1", "taxonomies": [themes]}
    token = csrf_from(html(admin.get(f"{BASE}/taxonomies")))
    imported = admin.post(f"{BASE}/taxonomies/import", data={
        "csrf_token": token,
        "file": (io.BytesIO(json.dumps(document).encode()), "themes.json")})
    assert imported.status_code == 302
    page = html(admin.get(imported.headers["Location"]))
    assert "Soroll" in page and "created" in page
    exported = admin.get(f"{BASE}/taxonomies/export")
    assert exported.headers["Content-Disposition"].startswith("attachment")
    assert "noise" in [t["code"] for t in next(
        t for t in exported.get_json()["taxonomies"] if t["key"] == "themes")["terms"]]

    broken = admin.post(f"{BASE}/taxonomies/import", data={
        "csrf_token": token, "file": (io.BytesIO(b"{not json"), "broken.json")})
    assert broken.status_code == 422
    assert "The file is not valid JSON." in html(broken) and 'href="#file"' in html(broken)


def test_unpublishing_at_a_date_hides_the_procedure_from_then_on(
    admin: FlaskClient, app: Flask,
) -> None:
    create(admin)
    post(admin, f"{BASE}/procedures/{CODE}/versions/1/edit", draft_fields())
    publish_now(admin)
    end = utcnow() + timedelta(days=1)
    scheduled = post(admin, f"{BASE}/procedures/{CODE}/unpublish",
                     {"published_until": at_local_minute(end)})
    assert scheduled.status_code == 302
    assert "Citizens will stop seeing this procedure on" in html(
        admin.get(scheduled.headers["Location"]))
    assert admin.get(f"/api/v1/procedures/{CODE}").status_code == 200
    with frozen_at(end + timedelta(minutes=1)):  # a visitor, the day after
        assert app.test_client().get(f"/api/v1/procedures/{CODE}").status_code == 404

    now = post(admin, f"{BASE}/procedures/{CODE}/unpublish", {"published_until": ""})
    assert now.status_code == 302
    assert admin.get(f"/api/v1/procedures/{CODE}").status_code == 404
    assert CODE in html(admin.get(f"{BASE}/procedures?status=unpublished"))
    again = post(admin, f"{BASE}/procedures/{CODE}/unpublish", {"published_until": ""})
    assert again.status_code == 409
    assert "no published version that could be unpublished" in html(again)
