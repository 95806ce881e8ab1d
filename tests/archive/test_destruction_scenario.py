"""Must show 3 of the archive: when the retention period of two closed files ends (the
clock moved), the worker prepares a destruction list with the file not held; the
archivist approves (twice: refused), the unit's head approves, and the worker destroys
the content, leaving the tombstone and a sealed certificate that names the file; the
audit log keeps the trail and the held file stays whole. A crash before the certificate
ends with one on redelivery."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice import audit, documents
from eoffice.archive.models import DisposalList, PackageFile
from eoffice.archive.runtime import ArchiveRuntime
from eoffice.archive.services import holds, packages
from eoffice.shared.clock import frozen_at
from tests.archive.disposal_files import (
    WORD,
    DueFile,
    destroy_series,
    due_file,
    principal,
    record_of,
)
from tests.conftest import run_worker, sign_in
from tests.pdfs import pdf_text

Headers = Callable[[str], dict[str, str]]
API = "/api/v1/archive/disposal-lists"


@pytest.fixture
def archive(app: Flask, fresh_archive: ArchiveRuntime) -> Iterator[ArchiveRuntime]:
    with app.app_context():
        yield fresh_archive


@pytest.fixture
def two_files(db: Session, archive: ArchiveRuntime) -> tuple[DueFile, DueFile]:
    procedure = destroy_series(db, years=2)
    gone = due_file(db, procedure=procedure, subject="Skip on Carrer Major")
    kept = due_file(db, procedure=procedure, subject="Scaffolding on Plaça Nova")
    holds.place_hold(db, kept.number, "Court case 123/2028", principal(db, "archivist"))
    db.flush()
    return gone, kept


def _documents_dir(record: Any) -> list[str]:
    folder = packages.package_dir(record) / "data" / "documents"
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def _readable(db: Session, document_id: str) -> bytes:
    _version, chunks = documents.open_content(db, document_id)
    return b"".join(chunks)


def _approve(client: FlaskClient, list_id: int, headers: dict[str, str]) -> Any:
    return client.post(f"{API}/{list_id}/approve", headers=headers)


def test_a_held_file_is_excluded_and_two_roles_destroy_the_other_leaving_a_tombstone(
        app: Flask, db: Session, client: FlaskClient, token_for: Headers,
        two_files: tuple[DueFile, DueFile]) -> None:
    gone, kept = two_files
    assert _documents_dir(record_of(db, gone))  # the package holds the resolution
    moment = datetime(2029, 3, 2, 9, tzinfo=UTC)  # past the two years
    with frozen_at(moment):
        run_worker(app)  # the daily job prepares the lists

        listed = db.scalars(select(DisposalList)).all()
        assert [(x.unit_code, x.status) for x in listed] == [("URB", "prepared")]
        list_id = listed[0].id
        detail = client.get(f"{API}/{list_id}", headers=token_for("archivist")).get_json()
        assert listed[0].number == "E/2029/0001" == detail["number"]
        assert [i["file_number"] for i in detail["items"]] == [gone.number]
        assert record_of(db, kept).status == "archived"

        # only who may approve sees it: a clerk, the head of another unit get 404
        assert client.get(f"{API}/{list_id}", headers=token_for("clerk")).status_code == 404
        assert _approve(client, list_id, token_for("head2")).status_code == 404

        first = _approve(client, list_id, token_for("archivist"))
        assert first.status_code == 200 and first.get_json()["given_as"] == "archivist"
        again = _approve(client, list_id, token_for("archivist"))
        assert again.status_code == 409
        assert again.get_json()["code"] == "archive.already_approved"
        run_worker(app)
        assert record_of(db, gone).status == "listed"  # one approval destroys nothing
        assert _readable(db, gone.document_id)

        second = _approve(client, list_id, token_for("head"))
        assert second.status_code == 200 and second.get_json()["given_as"] == "head"
        assert second.get_json()["list"]["status"] == "approved"
        run_worker(app)  # the worker executes the list
        run_worker(app)  # and re-indexes the destroyed file (its tombstone only)

    _content_is_gone_and_the_tombstone_remains(db, client, token_for, gone, list_id)
    _the_certificate_is_sealed_and_names_the_file(db, list_id, gone, kept)
    _the_audit_log_keeps_the_trail(db, gone)
    _the_held_file_is_whole(db, kept)
    sign_in(client, "archivist")
    listing = client.get(f"/backoffice/archive/disposal/{list_id}").get_data(as_text=True)
    assert 'data-testid="certificate-link"' in listing and gone.number in listing
    page = client.get(f"/backoffice/archive/records/{gone.number}").get_data(as_text=True)
    assert 'data-testid="tombstone"' in page and "Skip on Carrer Major" in page
    assert 'data-testid="certificate"' in page
    _search_keeps_only_the_tombstone(client, token_for, gone, kept)


def _search_keeps_only_the_tombstone(client: FlaskClient, token_for: Headers,
                                     gone: DueFile, kept: DueFile) -> None:
    def found(query: str) -> set[str]:
        answer = client.get("/api/v1/archive/search", query_string={"q": query},
                            headers=token_for("archivist"))
        assert answer.status_code == 200, answer.get_json()
        return {hit["file_number"] for hit in answer.get_json()["items"]}

    assert found(WORD) == {kept.number}  # the destroyed resolution's text is gone
    assert gone.number in found("Carrer Major")  # its description remains


def _content_is_gone_and_the_tombstone_remains(db: Session, client: FlaskClient,
                                               token_for: Headers, gone: DueFile,
                                               list_id: int) -> None:
    record = record_of(db, gone)
    assert record.status == "destroyed" and record.disposal_list_id == list_id
    with pytest.raises(documents.ContentDestroyed):
        _readable(db, gone.document_id)
    assert _documents_dir(record) == []
    assert packages.validate_bag(packages.package_dir(record)) == []  # the tombstone bag
    rows = db.scalars(select(PackageFile).where(PackageFile.record_id == record.id)).all()
    assert {r.role for r in rows if r.destroyed_at is None} >= {"index", "metadata"}
    assert all(r.destroyed_at is not None for r in rows if r.role == "document")
    answer = client.get(f"/api/v1/documents/{gone.document_id}/content",
                        headers=token_for("archivist"))
    assert answer.status_code in (404, 410)  # never the content


def _the_certificate_is_sealed_and_names_the_file(db: Session, list_id: int, gone: DueFile,
                                                  kept: DueFile) -> None:
    db.expire_all()
    executed = db.get(DisposalList, list_id)
    assert executed is not None and executed.status == "executed"
    assert executed.certificate_document_id is not None
    certificate = _readable(db, executed.certificate_document_id)
    seal = documents.validate_pdf(certificate).signatures[0]
    assert seal.valid and seal.intact and seal.trusted
    text = " ".join(pdf_text(certificate).split())
    assert gone.number in text and "E/2029/0001" in text
    assert "archivist" in text and "head" in text
    assert kept.number not in text  # held before preparation: never on the list


def _the_audit_log_keeps_the_trail(db: Session, gone: DueFile) -> None:
    trail = [e.action for e in reversed(audit.events_about(
        db, "disposal_list", ["E/2029/0001"]))]
    assert trail == ["archive.disposal_list_prepared", "archive.disposal_list_approved",
                     "archive.disposal_list_approved", "archive.disposal_list_executed"]
    destroyed = audit.events_about(db, "archive_record", [gone.number],
                                   ["archive.record_destroyed"])
    assert len(destroyed) == 1 and destroyed[0].data["list"] == "E/2029/0001"


def _the_held_file_is_whole(db: Session, kept: DueFile) -> None:
    held = record_of(db, kept)
    assert held.status == "archived" and held.destroyed_at is None
    assert _readable(db, kept.document_id)
    assert _documents_dir(held) and packages.check_package(held) == []


def test_a_crash_before_the_certificate_ends_with_one_on_redelivery(
        app: Flask, db: Session, client: FlaskClient, token_for: Headers,
        two_files: tuple[DueFile, DueFile], monkeypatch: pytest.MonkeyPatch) -> None:
    gone, _kept = two_files
    real = documents.prepare_document
    failures: list[str] = []

    def fails_once(**kwargs: Any) -> Any:
        if not failures:
            failures.append(kwargs["title"])
            raise documents.TimestampUnavailable()
        return real(**kwargs)

    moment = datetime(2029, 3, 3, 9, tzinfo=UTC)
    with frozen_at(moment):
        run_worker(app)
        list_id = db.scalars(select(DisposalList.id)).one()
        assert _approve(client, list_id, token_for("archivist")).status_code == 200
        assert _approve(client, list_id, token_for("head")).status_code == 200
        monkeypatch.setattr(documents, "prepare_document", fails_once)
        run_worker(app)  # destroys, then sealing the certificate fails

    db.expire_all()
    assert failures and record_of(db, gone).status == "destroyed"
    halfway = db.get(DisposalList, list_id)
    assert halfway is not None
    assert halfway.status == "approved" and halfway.certificate_document_id is None

    with frozen_at(moment + timedelta(hours=2)):  # past the outbox's backoff
        run_worker(app)

    db.expire_all()
    done = db.get(DisposalList, list_id)
    assert done is not None and done.status == "executed"
    assert done.certificate_document_id is not None
    assert gone.number in pdf_text(_readable(db, done.certificate_document_id))
    assert len(audit.events_about(db, "archive_record", [gone.number],
                                  ["archive.record_destroyed"])) == 1
