"""Files delivered with an application: checked by content within the catalogue's limits,
PDFs opened and their signatures reported, nothing kept when a check fails; another
citizen sees nothing; a sent application's files never change."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from tests.conftest import csrf_from, sign_in
from tests.pdfs import encrypted_pdf, tiny_pdf

Headers = Callable[[str], dict[str, str]]


def terrace_draft(client: FlaskClient, headers: dict[str, str]) -> str:
    draft = client.post("/api/v1/submissions", headers=headers,
                        json={"procedure": "terrace-public-road", "case": "annual"})
    assert draft.status_code == 201, draft.get_json()
    return f"/api/v1/submissions/{draft.get_json()['id']}"


def upload(client: FlaskClient, path: str, headers: dict[str, str], code: str,
           content: bytes, name: str = "file.pdf") -> Any:
    return client.post(f"{path}/attachments", headers=headers,
                       data={"document_type": code, "file": (io.BytesIO(content), name)})


def test_a_pdf_is_kept_with_its_fingerprint_and_replaced_by_a_new_upload(
    client: FlaskClient, db: Session, token_for: Headers,
) -> None:
    ana = token_for("ana")
    path = terrace_draft(client, ana)
    first = upload(client, path, ana, "terrace_plan", tiny_pdf("first"))
    assert first.status_code == 201
    body = first.get_json()
    assert body["media_type"] == "application/pdf" and len(body["sha256"]) == 64
    assert body["checks"] == {"signatures": [], "all_signatures_valid": False,
                              "unsigned_fields": []}
    second = upload(client, path, ana, "terrace_plan", tiny_pdf("second")).get_json()
    shown = client.get(path, headers=ana).get_json()
    assert [a["sha256"] for a in shown["attachments"]] == [second["sha256"]]
    assert client.delete(f"{path}/attachments/terrace_plan", headers=ana).status_code == 204
    assert client.get(path, headers=ana).get_json()["attachments"] == []


def test_files_are_judged_by_content_and_limits_and_nothing_is_kept_when_refused(
    client: FlaskClient, db: Session, token_for: Headers,
) -> None:
    ana = token_for("ana")
    path = terrace_draft(client, ana)
    cases = [
        ("terrace_plan", b"just some text, not a PDF", "plan.pdf", 422,
         "submissions.file_type_not_accepted"),
        ("terrace_plan", b"\x89PNG\r\n\x1a\n" + b"0" * 64, "plan.pdf", 422,
         "submissions.file_type_not_accepted"),
        ("terrace_plan", encrypted_pdf(), "locked.pdf", 422, "submissions.unreadable_file"),
        ("terrace_plan", b"%PDF-1.7\n% broken beyond repair", "broken.pdf", 422,
         "submissions.unreadable_file"),
        ("liability_insurance", b"%PDF-1.7\n" + b"0" * 5_000_001, "huge.pdf", 413,
         "submissions.file_too_large"),
        ("no_such_document", tiny_pdf(), "x.pdf", 422, "submissions.unknown_document_type"),
    ]
    for code, content, name, status, error in cases:
        refused = upload(client, path, ana, code, content, name)
        assert refused.status_code == status, (name, refused.get_json())
        assert refused.get_json()["code"] == error
    assert client.get(path, headers=ana).get_json()["attachments"] == []


def test_another_citizen_cannot_deliver_or_remove_files(
    client: FlaskClient, db: Session, token_for: Headers,
) -> None:
    path = terrace_draft(client, token_for("ana"))
    bernat = token_for("bernat")
    assert upload(client, path, bernat, "terrace_plan", tiny_pdf()).status_code == 404
    assert client.delete(f"{path}/attachments/terrace_plan",
                         headers=bernat).status_code == 404


def test_the_checklist_page_takes_a_file_and_says_what_is_missing(
    client: FlaskClient, db: Session, token_for: Headers,
) -> None:
    path = terrace_draft(client, token_for("ana"))
    submission = path.rsplit("/", 1)[-1]
    sign_in(client, "ana")
    page = client.get(f"/applications/{submission}/documents?lang=en").get_data(as_text=True)
    assert 'data-testid="slot-terrace_plan"' in page and "Mandatory" in page
    sent = client.post(f"/applications/{submission}/documents", data={
        "csrf_token": csrf_from(page), "document_type": "terrace_plan",
        "file": (io.BytesIO(tiny_pdf()), "plan.pdf")}, content_type="multipart/form-data")
    assert sent.status_code == 303
    after = client.get(f"/applications/{submission}/documents?lang=en").get_data(as_text=True)
    assert "The file was received and checked." in after
    assert 'data-testid="delivered-terrace_plan"' in after
    assert 'data-testid="delivered-liability_insurance"' not in after
    wrong = client.post(f"/applications/{submission}/documents", data={
        "csrf_token": csrf_from(after), "document_type": "liability_insurance",
        "file": (io.BytesIO(b"plain text"), "insurance.pdf")}, content_type="multipart/form-data")
    assert wrong.status_code == 303
    told = client.get(f"/applications/{submission}/documents?lang=en").get_data(as_text=True)
    assert "This kind of file is not accepted for this document." in told
