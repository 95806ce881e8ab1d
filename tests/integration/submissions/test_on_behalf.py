"""Submitting on behalf: Bernat, named representative of a cultural association (or of
Ana), sends its application. Within a valid power the entry and the file record him with
the power's number and the audit log says "Bernat acting for the association"; outside
the power's scope, after its revocation or with no power he is refused (problem+json
with the representation's code, a clear message on the page) and nothing is signed or
registered."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from eoffice import audit, files, identity, representation
from eoffice.registry.models import RegistryEntry
from eoffice.submissions.models import Submission
from tests.conftest import csrf_from, sign_in
from tests.pdfs import tiny_pdf

Headers = Callable[[str], dict[str, str]]
ADDRESS = {"street": "Carrer de Sant Vicent", "number": "12", "postcode": "46002",
           "municipality": "València", "province": "València"}
BERNAT = {"kind": "natural", "national_id": "87654321X", "given_name": "Bernat",
          "family_names": "Soler Ferrer", "email": "bernat@example.com", "address": ADDRESS}
ASSOCIATION = {"kind": "legal", "national_id": "G12345674", "email": "falla@example.com",
               "legal_name": "Associació Cultural La Falla", "address": ADDRESS}
ANA = {"kind": "natural", "national_id": "12345678Z", "given_name": "Ana",
       "family_names": "García Puig", "email": "ana@example.com", "address": ADDRESS}


def answers(party: dict[str, Any]) -> dict[str, Any]:
    return {"association": party, "registry_number": "AC-123", "has_representative": True,
            "representative": {"party": BERNAT, "power_of_attorney": "REA-2026-1"},
            "project_title": "Festival", "project_description": "Música al barri",
            "start_date": "2026-06-01", "end_date": "2026-06-30", "total_budget": "9000",
            "requested_amount": "4500", "iban": "ES9121000418450200051332"}


def ready(client: FlaskClient, headers: dict[str, str], party: dict[str, Any]) -> str:
    """A validated cultural-subsidy draft of Bernat's for ``party``, documents attached."""
    draft = client.post("/api/v1/submissions", headers=headers,
                        json={"procedure": "cultural-subsidy", "case": "annual-programme"})
    assert draft.status_code == 201, draft.get_json()
    path = f"/api/v1/submissions/{draft.get_json()['id']}"
    patched = client.patch(path, json={"answers": answers(party)}, headers=headers)
    assert patched.get_json()["status"] == "validated", patched.get_json()
    for code in ("statutes", "project_report"):
        sent = client.post(f"{path}/attachments", headers=headers, data={
            "document_type": code, "file": (io.BytesIO(tiny_pdf(code)), f"{code}.pdf")})
        assert sent.status_code == 201, sent.get_json()
    return path


def entries(db: Session) -> int:
    return int(db.scalar(select(func.count()).select_from(RegistryEntry)) or 0)


def clerk(db: Session, login: str = "registrar") -> identity.Principal:
    return identity.load_principal(db, identity.get_account(db, login), authenticated_by="test")


def bernat_represents_the_association(db: Session) -> representation.PowerView:
    return representation.register_legal_representative(db, representation.NewPower(
        representative_id_number="87654321X", representative_name="Bernat Soler Ferrer",
        grantor_id_number="G12345674", grantor_id_type="cif",
        grantor_name="Associació Cultural La Falla"), principal=clerk(db))


def test_within_the_power_the_entry_file_and_audit_say_who_acted_for_whom(
    client: FlaskClient, db: Session, token_for: Headers,
) -> None:
    power = bernat_represents_the_association(db)
    bernat = token_for("bernat")
    path = ready(client, bernat, ASSOCIATION)
    browser = client.application.test_client()
    sign_in(browser, "bernat")
    check = browser.get(f"/applications/{path.rsplit('/', 1)[1]}/check?lang=en")
    assert ("You are presenting this application for Associació Cultural La Falla. "
            f"Your power of representation {power.number} covers it.") in " ".join(
        check.get_data(as_text=True).split())
    sent = client.post(f"{path}/submit", json={}, headers=bernat)
    assert sent.status_code == 200, sent.get_json()
    row = db.get(Submission, sent.get_json()["id"])
    assert row is not None and row.registry_entry_id is not None
    entry = db.get(RegistryEntry, row.registry_entry_id)
    assert entry is not None
    by_role = {p["role"]: p for p in entry.parties}
    assert by_role["interested"]["id_number"] == "G12345674"
    assert (by_role["representative"]["id_number"], by_role["representative"]["power"]) == (
        "87654321X", power.number)
    number = sent.get_json()["file"]["number"]
    recorded = {p["role"]: p for p in files.parties_of_file(db, number)}
    assert recorded["representative"]["power"] == power.number
    [signed] = audit.events_about(db, "submission", [row.id], ["submissions.signed"])
    assert signed.actor == "bernat"
    assert (signed.data["acting_for"], signed.data["acting_for_name"],
            signed.data["power"]) == ("G12345674", "Associació Cultural La Falla",
                                      power.number)
    assert signed.data["label"] == (
        "Bernat Soler Ferrer acting for Associació Cultural La Falla")
    # the association's file is the representative's to follow while the power holds
    files_seen = files.citizen_files_for(db, clerk(db, "bernat"))
    assert number in {view.number for view in files_seen}


def test_outside_the_powers_scope_nothing_is_registered(
    client: FlaskClient, db: Session, token_for: Headers,
) -> None:
    representation.grant_power(db, representation.NewPower(
        representative_id_number="87654321X", representative_name="Bernat Soler Ferrer",
        scope="procedures", procedures=("general-application",)),
        principal=clerk(db, "ana"))
    bernat = token_for("bernat")
    path = ready(client, bernat, ANA)
    before = entries(db)
    refused = client.post(f"{path}/submit?lang=en", json={}, headers=bernat)
    assert refused.status_code == 403
    problem = refused.get_json()
    assert problem["code"] == "representation.outside_scope"
    assert "Ana García Puig (12345678Z)" in problem["detail"]
    assert entries(db) == before
    assert client.get(path, headers=bernat).get_json()["status"] == "validated"


def test_after_revocation_or_with_no_power_the_page_refuses_and_registers_nothing(
    app: Flask, client: FlaskClient, db: Session, token_for: Headers,
) -> None:
    power = bernat_represents_the_association(db)
    representation.revoke_power(db, power.id, reason="Board replaced", principal=clerk(db))
    bernat = token_for("bernat")
    path = ready(client, bernat, ASSOCIATION)
    submission_id = path.rsplit("/", 1)[1]
    before = entries(db)
    browser = app.test_client()
    sign_in(browser, "bernat")
    check = browser.get(f"/applications/{submission_id}/check?lang=en")
    assert check.status_code == 200
    page = check.get_data(as_text=True)
    assert "The power of representation was revoked." in page  # told before she signs
    sent = browser.post(f"/applications/{submission_id}/submit?lang=en", data={
        "csrf_token": csrf_from(page), "confirm_sha256": "-"}, follow_redirects=True)
    shown = sent.get_data(as_text=True)
    assert "You cannot submit this application for Associació Cultural La Falla" in shown
    assert "The power of representation was revoked." in shown
    assert entries(db) == before
    assert audit.events_about(db, "submission", [submission_id], ["submissions.signed"]) == []

    nobody = client.post(f"{ready(client, bernat, ANA)}/submit", json={}, headers=bernat)
    assert nobody.status_code == 403
    assert nobody.get_json()["code"] == "representation.no_power"
    assert entries(db) == before


def test_someone_presenting_without_a_registered_power_is_flagged_for_the_clerk(
    client: FlaskClient, db: Session, token_for: Headers,
) -> None:
    bernat = token_for("bernat")
    path = ready(client, bernat, ASSOCIATION)
    presenting = {**answers(ASSOCIATION), "has_representative": False}
    del presenting["representative"]
    assert client.patch(path, json={"answers": presenting},
                        headers=bernat).get_json()["status"] == "validated"
    sent = client.post(f"{path}/submit", json={}, headers=bernat)
    assert sent.status_code == 200, sent.get_json()
    row = db.get(Submission, sent.get_json()["id"])
    assert row is not None and row.parties is not None
    presenter = next(p for p in row.parties if p["role"] == "representative")
    assert presenter["id_number"] == "87654321X" and presenter["power_check"] == "pending"
    [signed] = audit.events_about(db, "submission", [row.id], ["submissions.signed"])
    assert (signed.data["acting_for"], signed.data["power"],
            signed.data["power_check"]) == ("G12345674", None, "pending")
    staff = client.application.test_client()
    sign_in(staff, "mayor")  # head of the city council, above every unit
    page = staff.get(f"/backoffice/files/{row.file_number}?lang=en")
    assert page.status_code == 200
    assert "Bernat Soler Ferrer (87654321X) \N{EN DASH} representative" in page.get_data(
        as_text=True)
    assert "power to be checked" in page.get_data(as_text=True)
