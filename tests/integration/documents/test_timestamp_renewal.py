"""Renewal of the document timestamp of a signed PDF (PAdES B-LTA): a new version with one
more document timestamp, the signed revisions intact; unsigned content is left alone."""

from __future__ import annotations

from flask import Flask

from eoffice import audit, documents
from eoffice.documents.runtime import DocumentsRuntime
from tests.conftest import rolled_back
from tests.pdfs import tiny_pdf


def test_renewal_adds_a_document_timestamp_and_keeps_the_seal_intact(
        app: Flask, runtime: DocumentsRuntime) -> None:
    with app.app_context(), rolled_back(app) as db:
        issued = documents.issue_document(
            db, doc_type="certificate", title="Certificate", language="ca", unit_code="URB",
            data={"paragraphs": ["Certifies."]}, level=documents.SignatureLevel.B_LTA,
            runtime=runtime)
        db.flush()
        before = runtime.store.read_bytes(issued.sha256)

        number = documents.renew_timestamp(issued.id, actor="archivist", runtime=runtime)

        view = documents.get_document(db, issued.id)
        renewed = runtime.store.read_bytes(view.current.sha256)
        events = audit.events_about(db, "document", [issued.id])
    assert number == 2 and view.current.number == 2
    assert renewed.startswith(before)  # an incremental update: the signed bytes stay
    report = documents.validate_pdf(renewed, trust_roots=runtime.trust_roots)
    seal = next(s for s in report.signatures if s.kind == "signature")
    stamps = [s for s in report.signatures if s.kind == "document_timestamp"]
    assert seal.intact and seal.valid and seal.modifications == "lta_updates"
    assert seal.level == "B-LTA"
    assert len(stamps) == 2 and all(stamp.intact for stamp in stamps)
    assert "documents.timestamp_renewed" in {event.action for event in events}


def test_unsigned_pdf_is_not_renewed(app: Flask, runtime: DocumentsRuntime) -> None:
    with app.app_context(), rolled_back(app) as db:
        kept = documents.register_document(
            db, chunks=[tiny_pdf()], media_type="application/pdf", title="Plan",
            language="es", unit_code="URB", actor="clerk", store=runtime.store)
        db.flush()

        number = documents.renew_timestamp(kept.id, actor="archivist", runtime=runtime)

        assert number is None
        assert documents.get_document(db, kept.id).current.number == 1


def test_version_facts_tell_signed_documents_and_their_current_version(
        app: Flask, runtime: DocumentsRuntime) -> None:
    with app.app_context(), rolled_back(app) as db:
        sealed = documents.issue_document(
            db, doc_type="certificate", title="Certificate", language="ca", unit_code="URB",
            data={"paragraphs": ["Certifies."]}, level=documents.SignatureLevel.B_B,
            runtime=runtime)
        plain = documents.register_document(
            db, chunks=[b"plain text"], media_type="text/plain", title="Note",
            language="es", unit_code="URB", actor="clerk", store=runtime.store)
        db.flush()

        facts = documents.version_facts(db, [sealed.id, plain.id, "no-such-id"])

    assert set(facts) == {sealed.id, plain.id}
    assert facts[sealed.id].signed and facts[sealed.id].number == 1
    assert not facts[plain.id].signed and facts[plain.id].media_type == "text/plain"
