"""Incoming documents are kept with their ENI metadata, and a new version never changes
the earlier ones."""

from __future__ import annotations

from sqlalchemy.orm import Session

from eoffice import documents
from eoffice.documents.runtime import DocumentsRuntime
from tests.unit.documents import samples


def test_citizens_upload_is_kept_as_version_one_with_citizen_origin(
        db: Session, runtime: DocumentsRuntime) -> None:
    upload = samples.plain_pdf()

    kept = documents.register_document(
        db, chunks=[upload[:100], upload[100:]], media_type="application/pdf",
        title="Plan of the works", language="es", unit_code="URB",
        doc_type=documents.DocumentType.OTHER, actor="ana", store=runtime.store)

    view = documents.get_document(db, kept.id)
    assert view.origin == "citizen" and view.eni_type == "TD99"
    assert view.current.number == 1
    assert view.current.pdfa_conforms is False  # a plain PDF is not PDF/A
    assert runtime.store.read_bytes(kept.sha256) == upload


def test_new_version_leaves_the_earlier_one_readable_and_unchanged(
        db: Session, runtime: DocumentsRuntime) -> None:
    first, second = samples.plain_pdf(text=b"First"), samples.plain_pdf(text=b"Second")
    kept = documents.register_document(
        db, chunks=[first], media_type="application/pdf", title="Report", language="ca",
        unit_code="URB", actor="clerk", store=runtime.store)

    version = documents.add_version(db, kept.id, chunks=[second],
                                    media_type="application/pdf", actor="clerk",
                                    store=runtime.store)

    assert version.number == 2
    old, old_chunks = documents.open_content(db, kept.id, version=1, store=runtime.store)
    new, new_chunks = documents.open_content(db, kept.id, store=runtime.store)
    assert b"".join(old_chunks) == first and old.number == 1
    assert b"".join(new_chunks) == second and new.number == 2
