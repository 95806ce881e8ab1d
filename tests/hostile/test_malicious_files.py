"""The malicious-file corpus (tests/hostile/corpus.py) through every route where a file
comes in as an attachment: the citizen's API and page for an application's documents,
her answer to a requirement (API and page), the registry clerk's scans of a paper
application, and the public signature validation and PDF/A check.

For every sample and route: no server error, a problem+json with a stable code (or the
page's form error), nothing kept when refused (no document row, no blob, no attachment),
and the request ends within seconds (a bomb cannot hold a worker). Accepted samples
(a PDF named .jpg, a hostile or very long file name) are kept under a safe name."""

from __future__ import annotations

import io
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from werkzeug.datastructures import FileStorage

from eoffice import files
from eoffice.documents.models import Document
from eoffice.documents.runtime import EXTENSION as DOCUMENTS_RUNTIME
from eoffice.shared.clock import frozen_at
from eoffice.submissions.models import SubmissionAttachment
from tests.conftest import csrf_from, sign_in
from tests.hostile.corpus import Sample, samples
from tests.scenarios.requirement_case import required_application

Headers = Callable[[str], dict[str, str]]
SECONDS = 30  # a hang for a user, not a slow machine: a loaded 2-core CI runner
PROBLEM = "application/problem+json"
ON_TIME = datetime(2027, 2, 15, 10, 0, tzinfo=UTC)  # within the requirement's term


@pytest.fixture(scope="module")
def corpus(app: Flask) -> list[Sample]:
    return list(samples(app.config["MAX_CONTENT_LENGTH"]))


def _part(sample: Sample) -> FileStorage:
    return FileStorage(io.BytesIO(sample.content), filename=sample.file_name,
                       content_type=sample.content_type)


@pytest.fixture
def kept(app: Flask, db: Session) -> Callable[[], tuple[int, int, int]]:
    """What the application keeps: document rows, attachment rows and blobs on disk."""
    root = Path(app.extensions[DOCUMENTS_RUNTIME].store.root)

    def count() -> tuple[int, int, int]:
        blobs = sum(1 for path in root.rglob("*") if path.is_file()
                    and "incoming" not in path.parts)
        return (db.scalar(select(func.count()).select_from(Document)) or 0,
                db.scalar(select(func.count()).select_from(SubmissionAttachment)) or 0,
                blobs)
    return count


def _timed_post(client: FlaskClient, url: str, data: dict[str, Any],
                headers: dict[str, str] | None = None) -> tuple[Any, float]:
    """The response to a multipart POST and the seconds it took."""
    started = time.monotonic()
    response = client.post(url, headers=headers, content_type="multipart/form-data",
                           data=data)
    return response, time.monotonic() - started


def _assert_clear_problem(response: Any, sample: Sample) -> None:
    assert 400 <= response.status_code < 500, (sample, response.status_code,
                                               response.get_data(as_text=True)[:300])
    assert response.mimetype == PROBLEM, (sample, response.mimetype)
    body = response.get_json()
    assert "." in body["code"] and body["title"], (sample, body)


def _draft(client: FlaskClient, headers: dict[str, str]) -> str:
    made = client.post("/api/v1/submissions", headers=headers,
                       json={"procedure": "general-application", "case": "standard"})
    assert made.status_code == 201, made.get_json()
    return str(made.get_json()["id"])


def test_no_sample_gets_a_server_error_from_the_attachments_api(
    client: FlaskClient, db: Session, token_for: Headers, corpus: list[Sample],
    kept: Callable[[], tuple[int, int, int]],
) -> None:
    ana = token_for("ana")
    submission = _draft(client, ana)
    for sample in corpus:
        before = kept()
        response, took = _timed_post(
            client, f"/api/v1/submissions/{submission}/attachments", headers=ana,
            data={"document_type": "supporting_document", "file": _part(sample)})
        assert took < SECONDS, (sample, took)
        if sample.accepted:
            assert response.status_code == 201, (sample, response.get_json())
            shown = client.get(f"/api/v1/submissions/{submission}", headers=ana).get_json()
            [delivered] = shown["attachments"]
            assert "/" not in delivered["file_name"] and len(delivered["file_name"]) <= 200
            assert delivered["media_type"] == "application/pdf"
        else:
            _assert_clear_problem(response, sample)
            assert kept() == before, sample


def test_no_sample_gets_a_server_error_from_the_documents_page(
    client: FlaskClient, db: Session, token_for: Headers, corpus: list[Sample],
    kept: Callable[[], tuple[int, int, int]],
) -> None:
    submission = _draft(client, token_for("ana"))
    sign_in(client, "ana")
    page = client.get(f"/applications/{submission}/documents?lang=en").get_data(as_text=True)
    for sample in corpus:
        before = kept()
        response, took = _timed_post(
            client, f"/applications/{submission}/documents?lang=en",
            data={"csrf_token": csrf_from(page), "document_type": "supporting_document",
                  "file": _part(sample)})
        assert took < SECONDS, (sample, took)
        assert response.status_code < 500, (sample, response.status_code)
        page = client.get(f"/applications/{submission}/documents?lang=en").get_data(
            as_text=True)
        if sample.accepted:
            assert "The file was received and checked." in page, sample
        else:
            assert response.status_code in (303, 400, 413), (sample, response.status_code)
            if response.status_code == 303:  # the refusal is told in a banner, no success
                assert "govuk-notification-banner__heading" in page, sample
                assert "govuk-notification-banner--success" not in page, sample
            assert kept() == before, sample


def _refused(corpus: list[Sample]) -> Iterator[Sample]:
    return (sample for sample in corpus if not sample.accepted)


def test_no_sample_gets_a_server_error_from_a_requirement_answer(
    client: FlaskClient, db: Session, token_for: Headers, corpus: list[Sample],
    kept: Callable[[], tuple[int, int, int]],
) -> None:
    case = required_application(client, db, token_for)
    base = f"/api/v1/submissions/{case.submission_id}/requirements/{case.requirement.id}"
    page_url = (f"/applications/{case.submission_id}/requirements/{case.requirement.id}"
                "?lang=en")
    with frozen_at(ON_TIME):
        ana = token_for("ana")
        for sample in _refused(corpus):
            before = kept()
            response, took = _timed_post(
                client, f"{base}/answer", headers=ana,
                data={"text": "Here it is.", "documents": [_part(sample)]})
            assert took < SECONDS, (sample, took)
            _assert_clear_problem(response, sample)
            assert kept() == before, sample
        sign_in(client, "ana")
        for sample in _refused(corpus):
            form = client.get(page_url).get_data(as_text=True)
            before = kept()
            response, took = _timed_post(
                client, f"/applications/{case.submission_id}/requirements/"
                f"{case.requirement.id}/answer?lang=en",
                data={"csrf_token": csrf_from(form), "text": "Here it is.",
                      "documents": [_part(sample)]})
            assert took < SECONDS, (sample, took)
            assert 400 <= response.status_code < 500, (sample, response.status_code)
            assert kept() == before, sample
    assert files.list_requirements(db, case.file_id)[0].state == "pending"


def test_no_scan_gets_a_server_error_from_the_registry_desk(
    client: FlaskClient, db: Session, corpus: list[Sample],
    kept: Callable[[], tuple[int, int, int]],
) -> None:
    sign_in(client, "registrar")
    for sample in _refused(corpus):
        form = client.get("/backoffice/registry/new?lang=en").get_data(as_text=True)
        before = kept()
        response, took = _timed_post(client, "/backoffice/registry/new?lang=en", data={
            "csrf_token": csrf_from(form), "register": "RGE", "name": "Bernat Soler Ferrer",
            "id_type": "nif", "id_number": "87654321X", "subject": "A bench", "unit": "URB",
            "scans": _part(sample)})
        assert took < SECONDS, (sample, took)
        assert 400 <= response.status_code < 500, (sample, response.status_code)
        assert kept() == before, sample


@pytest.mark.parametrize("route", ["/api/v1/signatures/validate",
                                   "/api/v1/documents/pdfa-check"])
def test_no_sample_gets_a_server_error_from_the_pdf_checks(
    client: FlaskClient, db: Session, token_for: Headers, corpus: list[Sample], route: str,
) -> None:
    clerk = token_for("clerk")
    for sample in corpus:
        response, took = _timed_post(client, route, headers=clerk,
                                     data={"file": _part(sample)})
        assert took < SECONDS, (sample, took)
        assert response.status_code < 500, (sample, response.status_code,
                                             response.get_data(as_text=True)[:300])
        if response.status_code >= 400:
            _assert_clear_problem(response, sample)
