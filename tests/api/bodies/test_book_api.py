"""The API of the book of resolutions: staff search the numbered resolutions (citizens
may not); the secretary's office exports a body's book of a period as CSV and as a PDF/A
sealed by the office; clerks may not export; bad input gets a problem, never a crash."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session
from werkzeug.test import TestResponse

from eoffice import bodies, documents
from eoffice.audit.models import AuditEvent
from eoffice.bodies import ResolutionView
from eoffice.shared.clock import frozen_at
from tests.pdfs import pdf_text

Headers = Callable[[str], dict[str, str]]
SIGNED_AT = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)


def body(answer: TestResponse) -> dict[str, Any]:
    found = answer.get_json()
    assert isinstance(found, dict)
    return found


def signed_decree(app: Flask, db: Session, title: str, *, file_number: str = "URB/2026/41",
                  at: datetime = SIGNED_AT) -> ResolutionView:
    """A decree of the mayor drafted in URB, signed and numbered at ``at``."""
    with app.app_context(), frozen_at(at):
        document_id = documents.record_draft_resolution(db, documents.DraftResolution(
            title=title, text="Se resuelve.", unit_code="URB"), actor="clerk")
        bodies.register_resolution(db, document_id=document_id,
                                   procedure_code="public-information-access", title=title,
                                   actor="clerk", file_number=file_number)
        circuit = documents.start_circuit(db, document_id=document_id, signers=["mayor"],
                                          actor="clerk")
        documents.record_tray_signature(db, documents.prepare_tray_signature(
            db, circuit.id, signer="mayor"))
        found = bodies.find_resolution_by_document(db, document_id)
    assert found is not None and found.number is not None
    return found


def test_staff_find_a_resolution_by_its_title_number_file_and_day(
        app: Flask, client: FlaskClient, db: Session, token_for: Headers) -> None:
    decree = signed_decree(app, db, "Acceso al expediente de la plaza Mayor")
    other = signed_decree(app, db, "Acceso a los planos del mercado", file_number="URB/2026/42")
    searches = ["q=plaza%20MAYOR&year=2026", f"body=mayor&number={decree.number}&year=2026",
                "file_number=URB/2026/41", "from=2026-11-20&to=2026-11-20&q=plaza"]
    for query in searches:
        answer = client.get(f"/api/v1/bodies/resolutions?{query}", headers=token_for("clerk"))
        assert answer.status_code == 200, body(answer)
        ids = [item["id"] for item in body(answer)["items"]]
        assert decree.id in ids and other.id not in ids, query
    item = body(client.get("/api/v1/bodies/resolutions?q=plaza",
                           headers=token_for("clerk")))["items"][0]
    assert item["book_number"] == f"2026/{decree.number}"
    assert (item["body"], item["acting_body"], item["by_delegation"], item["signed_by"]) == (
        "mayor", "mayor", False, "mayor")
    nothing = client.get("/api/v1/bodies/resolutions?q=plaza&from=2026-11-21",
                         headers=token_for("clerk"))
    assert body(nothing) == {"items": [], "total": 0}


def test_one_resolution_and_the_bodies_for_staff_only(
        app: Flask, client: FlaskClient, db: Session, token_for: Headers) -> None:
    decree = signed_decree(app, db, "Acceso al padrón histórico")
    one = client.get(f"/api/v1/bodies/resolutions/{decree.id}", headers=token_for("head2"))
    assert one.status_code == 200 and body(one)["state"] == "signed"
    unknown = client.get("/api/v1/bodies/resolutions/nope", headers=token_for("clerk"))
    assert body(unknown)["code"] == "bodies.unknown_resolution"
    listed = body(client.get("/api/v1/bodies", headers=token_for("clerk")))["items"]
    assert {"key": "mayor", "kind": "single", "name": {"es": "Alcaldía", "ca": "Alcaldia",
                                                        "en": "Mayor"},
            "unit_code": "AJT", "holder": "mayor"} in listed
    assert client.get("/api/v1/bodies/resolutions", headers=token_for("ana")).status_code == 403
    assert client.get("/api/v1/bodies/resolutions").status_code == 401


def test_bad_search_input_gets_a_problem(client: FlaskClient, token_for: Headers) -> None:
    for query in ("year=twenty", "number=0", "from=2026-13-01", "from=2026-05-01&to=2026-04-01"):
        answer = client.get(f"/api/v1/bodies/resolutions?{query}", headers=token_for("clerk"))
        assert answer.status_code == 422, query
        assert body(answer)["code"] == "request.validation_failed"


def test_the_secretary_exports_the_mayors_book_of_a_period_as_csv(
        app: Flask, client: FlaskClient, db: Session, token_for: Headers) -> None:
    inside = signed_decree(app, db, "=Acceso con fórmula")
    signed_decree(app, db, "Acceso de octubre",
                  at=datetime(2026, 10, 1, 10, 0, tzinfo=UTC))
    answer = client.get("/api/v1/bodies/book?body=mayor&from=2026-11-01&to=2026-11-30",
                        headers=token_for("secretary"))
    assert answer.status_code == 200 and answer.mimetype == "text/csv"
    lines = answer.get_data(as_text=True).splitlines()
    assert lines[0].startswith("body,year,number,signed_at,title,file_number")
    assert any(f"mayor,2026,{inside.number},2026-11-20T11:00:00+01:00,'=Acceso con fórmula"
               in line for line in lines)  # city time; a formula shown as text
    assert not any("Acceso de octubre" in line for line in lines)


def test_who_may_export_the_book_and_what_is_refused(
        client: FlaskClient, token_for: Headers) -> None:
    book = "/api/v1/bodies/book?body=mayor"
    assert client.get(book, headers=token_for("clerk")).status_code == 403
    assert client.get(book, headers=token_for("admin")).status_code == 200  # bodies.manage
    unknown = client.get("/api/v1/bodies/book?body=nope", headers=token_for("secretary"))
    assert (unknown.status_code, body(unknown)["code"]) == (404, "bodies.unknown_body")
    for query in ("body=mayor&format=xls", "", "body=mayor&from=1800-01-01"):
        bad = client.get(f"/api/v1/bodies/book?{query}", headers=token_for("secretary"))
        assert bad.status_code == 422, query


def test_the_book_as_a_pdf_sealed_by_the_office(
        app: Flask, client: FlaskClient, db: Session, token_for: Headers) -> None:
    decree = signed_decree(app, db, "Acceso a las actas de 1990")
    answer = client.get("/api/v1/bodies/book?body=mayor&from=2026-11-20&to=2026-11-20"
                        "&format=pdf&lang=es", headers=token_for("secretary"))
    assert answer.status_code == 200, answer.get_data(as_text=True)[:500]
    pdf = answer.get_data()
    assert documents.check_pdfa(pdf).conforms
    text = " ".join(pdf_text(pdf).split())
    assert "Libro de resoluciones" in text and "Alcaldía" in text
    assert f"2026/{decree.number}" in text and "Acceso a las actas de 1990" in text
    code = answer.headers["X-Verification-Code"]
    with app.app_context():
        found = documents.find_by_verification_code(db, code)
        assert found is not None and found.id == answer.headers["X-Document-Id"]
        assert documents.validate_pdf(pdf).signatures[0].intact


def test_the_same_book_asked_twice_is_sealed_once_and_a_new_decree_seals_a_new_one(
        app: Flask, client: FlaskClient, db: Session, token_for: Headers) -> None:
    signed_decree(app, db, "Acceso a las actas de 1991")
    url = ("/api/v1/bodies/book?body=mayor&from=2026-11-20&to=2026-11-20&format=pdf"
           "&lang=es")
    first = client.get(url, headers=token_for("secretary"))
    again = client.get(url, headers=token_for("secretary"))
    assert first.status_code == again.status_code == 200
    assert again.headers["X-Document-Id"] == first.headers["X-Document-Id"]
    assert again.get_data() == first.get_data()
    catalan = client.get(url.replace("lang=es", "lang=ca"), headers=token_for("secretary"))
    assert catalan.headers["X-Document-Id"] != first.headers["X-Document-Id"]
    exports = db.scalars(select(AuditEvent).where(
        AuditEvent.action == "bodies.book_exported",
        AuditEvent.object_id == first.headers["X-Document-Id"])).all()
    assert [event.actor for event in exports] == ["secretary", "secretary"]
    signed_decree(app, db, "Acceso a las actas de 1992")
    grown = client.get(url, headers=token_for("secretary"))
    assert grown.headers["X-Document-Id"] != first.headers["X-Document-Id"]
    assert "Acceso a las actas de 1992" in " ".join(pdf_text(grown.get_data()).split())
