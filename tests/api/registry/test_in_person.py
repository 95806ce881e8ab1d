"""A registry clerk registers a paper application with a scanned document: the scan
becomes a certified copy sealed by the office, listed with its fingerprint in the entry,
and the receipt is sealed; a bad scan registers nothing."""

from __future__ import annotations

import io
import re

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from eoffice import documents, registry
from eoffice.registry.models import RegistryEntry
from tests.conftest import csrf_from, sign_in
from tests.pdfs import encrypted_pdf, tiny_pdf

FORM = "/backoffice/registry/new"


def paper(token: str, scan: bytes) -> dict[str, object]:
    return {"csrf_token": token, "register": "RGE", "name": "Bernat Soler Ferrer",
            "id_type": "nif", "id_number": "87654321X", "subject": "Request for a bench",
            "unit": "URB", "scans": (io.BytesIO(scan), "escaneig.pdf")}


def test_a_scanned_paper_application_is_registered_with_a_sealed_certified_copy(
    app: Flask, client: FlaskClient, db: Session,
) -> None:
    sign_in(client, "registrar")
    token = csrf_from(client.get(f"{FORM}?lang=en").get_data(as_text=True))
    done = client.post(FORM, data=paper(token, tiny_pdf("paper")),
                       content_type="multipart/form-data")
    assert done.status_code == 303, done.get_data(as_text=True)[:500]
    page = client.get(done.location + "?lang=en").get_data(as_text=True)
    assert "In person" in page and "Bernat Soler Ferrer (87654321X)" in page
    code = re.search(r'data-testid="certified-copies">\s*<li><a [^>]*>([^<]+)<', page)
    assert code, page
    entry = db.get(RegistryEntry, done.location.rsplit("/", 1)[-1])
    assert entry is not None and entry.channel == "in_person" and entry.receipt_document_id

    copy = documents.find_by_verification_code(db, code.group(1))
    assert copy is not None and copy.elaboration_state == "EE03"  # copy of a paper document
    assert entry.documents[0]["sha256"] == copy.current.sha256
    with app.app_context():
        _version, chunks = documents.open_content(db, copy.id)
        report = documents.validate_pdf(b"".join(chunks))
    seal = report.signatures[0]
    assert seal.valid and seal.trusted and seal.intact and "TEST" in (seal.signer or "")


def test_an_encrypted_scan_registers_nothing_and_a_clerk_without_the_role_cannot(
    app: Flask, client: FlaskClient, db: Session,
) -> None:
    before = db.scalar(select(func.count()).select_from(RegistryEntry))
    sign_in(client, "registrar")
    token = csrf_from(client.get(FORM).get_data(as_text=True))
    refused = client.post(f"{FORM}?lang=en", data=paper(token, encrypted_pdf()),
                          content_type="multipart/form-data")
    assert refused.status_code == 422
    assert db.scalar(select(func.count()).select_from(RegistryEntry)) == before
    clerk = app.test_client()
    sign_in(clerk, "clerk")
    assert clerk.get(FORM).status_code == 403
    assert registry.REGISTERED_TOPIC  # the hand-off topic stays public
