"""Who reads an application's documents through `GET /api/v1/documents/{id}`: the
applicant always (her own uploads, even in a draft); the unit's staff only once it is
sent; another citizen or another unit's clerk never (404, existence not revealed)."""

from __future__ import annotations

from collections.abc import Callable

from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from eoffice.submissions.models import Submission, SubmissionAttachment
from tests.api.submissions.test_attachments import upload
from tests.api.submissions.test_submit_api import validated
from tests.pdfs import tiny_pdf

Headers = Callable[[str], dict[str, str]]


def _status(client: FlaskClient, document_id: str, headers: dict[str, str]) -> tuple[int, int]:
    meta = client.get(f"/api/v1/documents/{document_id}", headers=headers).status_code
    content = client.get(f"/api/v1/documents/{document_id}/content",
                         headers=headers).status_code
    return meta, content


def test_a_drafts_upload_is_the_applicants_until_she_sends_it(
    client: FlaskClient, db: Session, token_for: Headers,
) -> None:
    ana, bernat = token_for("ana"), token_for("bernat")
    clerk, clerk2 = token_for("clerk"), token_for("clerk2")
    path = validated(client, ana)
    uploaded = upload(client, path, ana, "supporting_document", tiny_pdf("photo of lamp"))
    assert uploaded.status_code == 201
    document_id = db.get_one(SubmissionAttachment, uploaded.get_json()["id"]).document_id

    assert _status(client, document_id, ana) == (200, 200)
    for other in (bernat, clerk, clerk2):  # the unit's clerk too: it is a draft
        assert _status(client, document_id, other) == (404, 404)

    sent = client.post(f"{path}/submit", json={}, headers=ana)
    assert sent.status_code == 200, sent.get_json()
    application = db.get_one(Submission, sent.get_json()["id"]).application_document_id
    assert application is not None
    assert _status(client, application, ana) == _status(client, application, clerk) == (200, 200)
    assert _status(client, application, bernat) == (404, 404)
    assert _status(client, document_id, ana) == (200, 200)
    assert _status(client, document_id, clerk) == (200, 200)  # sent to her unit
    assert _status(client, document_id, clerk2) == (404, 404)
    assert _status(client, document_id, bernat) == (404, 404)
