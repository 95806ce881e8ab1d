"""The applicant's requirements through the API and the portal: she reads and answers
hers once; another citizen is told it does not exist; files too large, of a type not
accepted or unreadable, an empty answer and an answer after the last day are refused
and change nothing."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from eoffice import files
from eoffice.shared.clock import frozen_at
from tests.conftest import csrf_from, sign_in
from tests.pdfs import tiny_pdf
from tests.scenarios.requirement_case import (
    LAST_DAY,
    TEXT,
    Headers,
    file_of,
    required_application,
)

ON_TIME = datetime(2027, 2, 15, 10, 0, tzinfo=UTC)
TOO_LATE = datetime(2027, 2, 19, 10, 0, tzinfo=UTC)


def _answer(client: FlaskClient, path: str, headers: dict[str, str], *,
            text: str = "", documents: Sequence[tuple[bytes, str]] = ()) -> Any:
    return client.post(f"{path}/answer", headers=headers, content_type="multipart/form-data",
                       data={"text": text, "documents": [(io.BytesIO(content), name)
                                                         for content, name in documents]})


def test_the_applicant_reads_and_answers_her_requirement_once(
    client: FlaskClient, db: Session, token_for: Headers,
) -> None:
    case = required_application(client, db, token_for)
    base = f"/api/v1/submissions/{case.submission_id}/requirements"
    with frozen_at(ON_TIME):
        ana = token_for("ana")
        listed = client.get(base, headers=ana)
        assert listed.status_code == 200
        [shown] = listed.get_json()
        assert (shown["text"], shown["state"], shown["due_on"]) == (
            TEXT, "pending", LAST_DAY.isoformat())
        plan = tiny_pdf("signed plan")
        answered = _answer(client, f"{base}/{case.requirement.id}", ana,
                           text="Here it is.", documents=[(plan, "plan.pdf")])
        assert answered.status_code == 200, answered.get_json()
        body = answered.get_json()
        assert body["state"] == "answered" and body["answer_text"] == "Here it is."
        assert [d["file_name"] for d in body["documents"]] == ["plan.pdf"]
        again = _answer(client, f"{base}/{case.requirement.id}", ana, text="Once more.")
    assert again.status_code == 409
    assert again.get_json()["code"] == "files.requirement_already_answered"
    assert file_of(db, case.file_id).phase == "in_process"


def test_another_citizen_cannot_see_or_answer_the_requirement(
    client: FlaskClient, db: Session, token_for: Headers,
) -> None:
    case = required_application(client, db, token_for)
    base = f"/api/v1/submissions/{case.submission_id}/requirements"
    with frozen_at(ON_TIME):
        bernat = token_for("bernat")
        assert client.get(base, headers=bernat).status_code == 404
        refused = _answer(client, f"{base}/{case.requirement.id}", bernat, text="Mine!")
        assert refused.status_code == 404
        sign_in(client, "bernat")
        page = client.get(f"/applications/{case.submission_id}/requirements/"
                          f"{case.requirement.id}")
        assert page.status_code == 404
        assert TEXT not in page.get_data(as_text=True)
    assert files.list_requirements(db, case.file_id)[0].state == "pending"


def test_refused_answers_change_nothing(
    client: FlaskClient, db: Session, token_for: Headers,
) -> None:
    case = required_application(client, db, token_for)
    path = f"/api/v1/submissions/{case.submission_id}/requirements/{case.requirement.id}"
    documents_before = len(files.list_documents(db, file_of(db, case.file_id)))
    cases = [
        ([(b"%PDF-1.7\n" + b"0" * (10 * 1024 * 1024), "huge.pdf")], 413,
         "submissions.file_too_large"),
        ([(b"just some text, not a PDF", "plan.pdf")], 422,
         "submissions.file_type_not_accepted"),
        ([(b"%PDF-1.7\n% broken beyond repair", "broken.pdf")], 422,
         "submissions.unreadable_file"),
        ([], 422, "files.empty_answer"),
    ]
    with frozen_at(ON_TIME):
        ana = token_for("ana")
        for documents, status, code in cases:
            refused = _answer(client, path, ana, documents=documents)
            assert (refused.status_code, refused.get_json()["code"]) == (status, code)
        sign_in(client, "ana")
        page_url = f"/applications/{case.submission_id}/requirements/{case.requirement.id}"
        page = client.get(f"{page_url}?lang=es").get_data(as_text=True)  # she reads Spanish
        shown = client.post(f"{page_url}/answer", content_type="multipart/form-data", data={
            "csrf_token": csrf_from(page), "text": "See attached.",
            "documents": [(io.BytesIO(b"not a PDF at all"), "plan.pdf")]})
        assert shown.status_code == 422
        html = shown.get_data(as_text=True)
        assert "Este tipo de archivo no se admite" in html and "See attached." in html
    with frozen_at(TOO_LATE):  # after the last day, even before the watch job runs
        late = _answer(client, path, token_for("ana"), text="Sorry, late.")
    assert (late.status_code, late.get_json()["code"]) == (409, "files.requirement_expired")
    assert files.list_requirements(db, case.file_id)[0].state == "pending"
    file = file_of(db, case.file_id)
    assert file.phase == "awaiting_applicant"
    assert len(files.list_documents(db, file)) == documents_before
