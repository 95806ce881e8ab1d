"""The archive's records pages: the clerk transfers a closed file with the form and
lands on its record page (package files with their SHA-256, the receipt, the ZIP); an
open file is refused in the page and nothing is archived; a clerk of another unit is
told the record does not exist; the transfers list shows what each one may see. The
destruction certificate (it names every file of its list) is for archivists and the
head of the list's unit: for a clerk who sees the destroyed file it does not exist."""

from __future__ import annotations

from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice.archive.models import DisposalList, PackageFile, Record
from eoffice.archive.runtime import ArchiveRuntime
from eoffice.archive.services import packages
from eoffice.shared.clock import utcnow
from tests.api.archive.closed import closed_file, open_file, transfer
from tests.api.files.sent import Headers
from tests.conftest import csrf_from, sign_in

TRANSFERS = "/backoffice/archive/transfers"


def _post_transfer(client: FlaskClient, number: str) -> object:
    page = client.get(TRANSFERS).get_data(as_text=True)
    return client.post(TRANSFERS, data={"file_number": number,
                                        "csrf_token": csrf_from(page)})


def test_a_clerk_transfers_a_closed_file_and_sees_its_record(
        client: FlaskClient, token_for: Headers, fresh_archive: ArchiveRuntime) -> None:
    number = closed_file(client, token_for)
    sign_in(client, "clerk")
    assert "archive-transfers" in client.get("/backoffice/archive").get_data(as_text=True)
    sent = _post_transfer(client, number)
    assert sent.status_code == 302  # type: ignore[attr-defined]
    page = client.get(sent.location)  # type: ignore[attr-defined]
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and number in html
    assert 'data-testid="package-files"' in html and "data/index/file-index.pdf" in html
    assert 'data-testid="receipt"' in html and 'data-testid="package-zip"' in html

    receipt = client.get(f"/backoffice/archive/records/{number}/receipt")
    assert receipt.status_code == 200 and receipt.data.startswith(b"%PDF")
    receipt.close()
    listed = client.get(TRANSFERS).get_data(as_text=True)
    assert f"/records/{number}\"" in listed

    other = client.application.test_client()
    sign_in(other, "clerk3")
    assert other.get(f"/backoffice/archive/records/{number}").status_code == 404
    assert other.get(f"/backoffice/archive/records/{number}/receipt").status_code == 404
    assert f"/records/{number}\"" not in other.get(TRANSFERS).get_data(as_text=True)

    archivist = client.application.test_client()
    sign_in(archivist, "archivist")
    seen = archivist.get(f"/backoffice/archive/records/{number}")
    assert seen.status_code == 200
    assert 'data-testid="package-sha256"' in seen.get_data(as_text=True)
    package = archivist.get(f"/backoffice/archive/records/{number}/package")
    assert package.status_code == 200 and package.get_data()[:2] == b"PK"


def test_an_open_file_is_refused_in_the_page(
        client: FlaskClient, token_for: Headers, fresh_archive: ArchiveRuntime) -> None:
    number = open_file(client, token_for)
    sign_in(client, "clerk")
    refused = _post_transfer(client, number)
    assert refused.status_code == 409  # type: ignore[attr-defined]
    html = refused.get_data(as_text=True)  # type: ignore[attr-defined]
    assert 'data-testid="transfer-error"' in html and "Only closed files" in html
    assert 'data-testid="no-records"' in html
    bad = _post_transfer(client, "not a number")
    assert bad.status_code == 422  # type: ignore[attr-defined]


def test_after_destruction_the_page_shows_the_tombstone(
        client: FlaskClient, token_for: Headers, db: Session,
        fresh_archive: ArchiveRuntime) -> None:
    number = closed_file(client, token_for)
    transfer(client, token_for("clerk"), number)
    record = db.scalar(select(Record).where(Record.file_number == number))
    assert record is not None
    with client.application.app_context():
        packages.remove_payload(db, record, actor="system")
    record.status, record.destroyed_at = "destroyed", utcnow()
    db.flush()
    destroyed = db.scalars(select(PackageFile).where(PackageFile.record_id == record.id,
                                                     PackageFile.role == "document")).first()
    assert destroyed is not None

    sign_in(client, "archivist")
    html = client.get(f"/backoffice/archive/records/{number}").get_data(as_text=True)
    assert 'data-testid="tombstone"' in html and "Destroyed" in html
    assert 'data-testid="package-zip"' not in html
    assert f"<s>{destroyed.path}</s>" in html
    gone = client.get(f"/backoffice/archive/records/{number}/files/{destroyed.path}")
    assert gone.status_code == 404
    kept = client.get(f"/backoffice/archive/records/{number}/files/data/index/file-index.pdf")
    assert kept.status_code == 200


def test_the_destruction_certificate_is_for_archivists_and_the_unit_head_only(
        client: FlaskClient, token_for: Headers, db: Session,
        fresh_archive: ArchiveRuntime) -> None:
    number = closed_file(client, token_for)
    transfer(client, token_for("clerk"), number)
    record = db.scalar(select(Record).where(Record.file_number == number))
    assert record is not None and record.receipt_document_id
    now = utcnow()
    listed = DisposalList(  # its certificate: a sealed PDF (the receipt stands in for it)
        number=f"E/{now.year}/{record.id[:6]}", unit_code=record.unit_code,
        status="executed", prepared_at=now, prepared_by="archivist", executed_at=now,
        certificate_document_id=record.receipt_document_id)
    db.add(listed)
    db.flush()
    record.disposal_list_id, record.status, record.destroyed_at = listed.id, "destroyed", now
    db.flush()
    certificate = f"/backoffice/archive/records/{number}/certificate"
    detail = f"/api/v1/archive/records/{number}"

    sign_in(client, "clerk")
    page = client.get(f"/backoffice/archive/records/{number}")
    assert page.status_code == 200 and 'data-testid="tombstone"' in page.get_data(as_text=True)
    assert 'data-testid="certificate"' not in page.get_data(as_text=True)
    assert client.get(certificate).status_code == 404
    receipt = client.get(f"/backoffice/archive/records/{number}/receipt")
    assert receipt.status_code == 200 and receipt.data.startswith(b"%PDF")
    receipt.close()
    seen = client.get(detail, headers=token_for("clerk")).get_json()
    assert seen["destruction_certificate"] is None and seen["receipt"] is not None

    for login in ("archivist", "head"):
        other = client.application.test_client()
        sign_in(other, login)
        assert 'data-testid="certificate"' in other.get(
            f"/backoffice/archive/records/{number}").get_data(as_text=True)
        pdf = other.get(certificate)
        assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF"), login
        pdf.close()
        shown = other.get(detail, headers=token_for(login)).get_json()
        assert shown["destruction_certificate"]["document_id"] == record.receipt_document_id
