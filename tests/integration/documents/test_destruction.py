"""Destroying a document's content (disposition): the bytes go, the metadata and
signatures stay, reading answers 410, and content another document still holds stays."""

from __future__ import annotations

import uuid

import pytest
from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from eoffice import audit, documents
from eoffice.documents.runtime import DocumentsRuntime
from tests.unit.documents import samples


def _kept(db: Session, runtime: DocumentsRuntime, content: bytes) -> documents.IssuedDocument:
    return documents.register_document(
        db, chunks=[content], media_type="application/pdf", title="Plan of the works",
        language="es", unit_code="URB", actor="ana", store=runtime.store)


def _unique_pdf() -> bytes:
    return samples.plain_pdf(text=uuid.uuid4().hex.encode())


def test_destroyed_content_cannot_be_read_but_its_metadata_remain(
        db: Session, runtime: DocumentsRuntime) -> None:
    kept = _kept(db, runtime, _unique_pdf())
    second = documents.add_version(db, kept.id, chunks=[_unique_pdf()],
                                   media_type="application/pdf", actor="clerk",
                                   store=runtime.store)

    destroyed = documents.destroy_content(db, kept.id, actor="system",
                                          reason="Destruction list E/2030/0001",
                                          store=runtime.store)

    assert destroyed == 2
    assert not runtime.store.exists(kept.sha256)
    assert not runtime.store.exists(second.sha256)
    for version in (1, 2):
        with pytest.raises(documents.ContentDestroyed) as refused:
            documents.open_content(db, kept.id, version=version, store=runtime.store)
        assert refused.value.code == "documents.content_destroyed"
        assert refused.value.status == 410
    view = documents.get_document(db, kept.id)
    assert view.title == "Plan of the works"
    assert [v.sha256 for v in view.versions] == [kept.sha256, second.sha256]
    assert all(v.destroyed_at is not None for v in view.versions)
    events = audit.events_about(db, "document", [kept.id], ["documents.content_destroyed"])
    assert len(events) == 1
    assert events[0].data["reason"] == "Destruction list E/2030/0001"


def test_destroying_again_changes_nothing(db: Session, runtime: DocumentsRuntime) -> None:
    kept = _kept(db, runtime, _unique_pdf())
    documents.destroy_content(db, kept.id, actor="system", reason="list",
                              store=runtime.store)

    again = documents.destroy_content(db, kept.id, actor="system", reason="list",
                                      store=runtime.store)

    assert again == 0
    assert len(audit.events_about(db, "document", [kept.id],
                                  ["documents.content_destroyed"])) == 1


def test_content_another_document_still_holds_stays_in_the_store(
        db: Session, runtime: DocumentsRuntime) -> None:
    content = _unique_pdf()
    destroyed, other = _kept(db, runtime, content), _kept(db, runtime, content)

    documents.destroy_content(db, destroyed.id, actor="system", reason="list",
                              store=runtime.store)

    assert runtime.store.exists(content_sha := destroyed.sha256)
    _version, chunks = documents.open_content(db, other.id, store=runtime.store)
    assert b"".join(chunks) == content and other.sha256 == content_sha


def test_destroying_an_unknown_document_is_refused(db: Session,
                                                   runtime: DocumentsRuntime) -> None:
    with pytest.raises(documents.UnknownDocument):
        documents.destroy_content(db, str(uuid.uuid4()), actor="system", reason="list",
                                  store=runtime.store)


def test_verifying_a_destroyed_document_by_its_code_says_it_is_gone(
        db: Session, client: FlaskClient, runtime: DocumentsRuntime) -> None:
    kept = _kept(db, runtime, _unique_pdf())
    documents.destroy_content(db, kept.id, actor="system", reason="list",
                              store=runtime.store)

    for path in (f"/api/v1/verify/{kept.verification_code}",
                 f"/api/v1/verify/{kept.verification_code}/content"):
        answer = client.get(path)
        assert answer.status_code == 410
        assert answer.get_json()["code"] == "documents.content_destroyed"
