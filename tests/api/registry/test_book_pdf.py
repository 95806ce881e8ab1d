"""The register's book as a PDF/A sealed by the office: it lists the entries of the
period and no other, only the office's staff get it (as for the CSV book), and a book
too long for a PDF is refused with a stable code, never a crash."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from eoffice import documents, registry
from eoffice.registry import Channel, NewEntry, Party
from eoffice.registry import domain as registry_domain
from eoffice.shared.localtime import local_today
from tests.conftest import sign_in

Headers = Callable[[str], dict[str, str]]
BOOK = "/api/v1/registry/book?register=RGE"


def page_text(pdf: bytes) -> str:
    import pypdfium2  # noqa: PLC0415 - only these tests read PDF text

    document = pypdfium2.PdfDocument(pdf)
    try:
        text = " ".join(page.get_textpage().get_text_range() for page in document)
        return " ".join(text.split())  # table cells wrap their words
    finally:
        document.close()


def registered(db: Session, subject: str, *, at: datetime | None = None) -> str:
    entry = registry.register_entry(db, NewEntry(
        register="RGE", channel=Channel.IN_PERSON, subject=subject, destination_unit="URB",
        parties=[Party("Bernat Soler Ferrer", "nif", "87654321X")]), actor="registrar")
    if at is not None:
        entry.registered_at = at
    db.flush()
    return entry.number


def test_the_sealed_book_lists_the_entries_of_the_period_and_no_other(
    app: Flask, client: FlaskClient, db: Session, token_for: Headers,
) -> None:
    today = local_today().isoformat()
    inside = [registered(db, "Bench in the square"), registered(db, "Noise at night")]
    outside = registered(db, "Old request", at=datetime(2025, 3, 14, 10, 0, tzinfo=UTC))
    answer = client.get(f"{BOOK}&from={today}&to={today}&format=pdf&lang=ca",
                        headers=token_for("registrar"))
    assert answer.status_code == 200, answer.get_data(as_text=True)[:500]
    assert answer.mimetype == "application/pdf"
    pdf = answer.get_data()
    assert documents.check_pdfa(pdf).conforms
    with app.app_context():
        report = documents.validate_pdf(pdf)
    seal = report.signatures[0]
    assert seal.valid and seal.trusted and seal.intact
    text = page_text(pdf)
    assert all(number in text for number in inside)
    assert outside not in text
    assert "Llibre de registre" in text and "Bench in the square" in text
    assert "Bernat Soler Ferrer (87654321X)" in text and "Presencial" in text
    issued = documents.find_by_verification_code(db, answer.headers["X-Verification-Code"])
    assert issued is not None and issued.doc_type == "registry_book"


def test_only_the_office_gets_the_pdf_book_as_for_the_csv(
    client: FlaskClient, db: Session, token_for: Headers,
) -> None:
    registered(db, "Bench in the square")
    for login, status in (("clerk", 404), ("ana", 403)):
        csv = client.get(BOOK, headers=token_for(login))
        pdf = client.get(f"{BOOK}&format=pdf", headers=token_for(login))
        assert csv.status_code == pdf.status_code == status
        assert csv.get_json()["code"] == pdf.get_json()["code"]
    unknown = client.get("/api/v1/registry/book?register=NOPE&format=pdf",
                         headers=token_for("registrar"))
    assert unknown.status_code == 404
    assert unknown.get_json()["code"] == "registry.unknown_register"
    bad = client.get(f"{BOOK}&format=docx", headers=token_for("registrar"))
    assert bad.status_code == 422


def test_a_book_too_long_for_a_pdf_is_refused_with_a_stable_code(
    client: FlaskClient, db: Session, token_for: Headers, monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(registry_domain, "MAX_BOOK_PDF_ENTRIES", 1)
    registered(db, "One")
    registered(db, "Two")
    answer = client.get(f"{BOOK}&format=pdf", headers=token_for("registrar"))
    assert answer.status_code == 422
    assert answer.mimetype == "application/problem+json"
    body = answer.get_json()
    assert body["code"] == "registry.book_too_large" and body["max_entries"] == 1
    csv = client.get(BOOK, headers=token_for("registrar"))
    assert csv.status_code == 200 and "Two" in csv.get_data(as_text=True)


def test_the_registry_page_offers_the_sealed_book_next_to_the_csv(
    client: FlaskClient, db: Session,
) -> None:
    registered(db, "Bench in the square")
    sign_in(client, "registrar")
    page = client.get("/backoffice/registry?lang=en").get_data(as_text=True)
    assert 'data-testid="book-RGE"' in page and 'data-testid="book-pdf-RGE"' in page
    assert "format=pdf" in page
