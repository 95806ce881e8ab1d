"""The archive's records pages: the clerk transfers a closed file with the form and
lands on its record page (package files with their SHA-256, the receipt, the ZIP); an
open file is refused in the page and nothing is archived; a clerk of another unit is
told the record does not exist; the transfers list shows what each one may see."""

from __future__ import annotations

from flask.testing import FlaskClient

from eoffice.archive.runtime import ArchiveRuntime
from tests.api.archive.closed import closed_file, open_file
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
