"""The registration receipt shows, in the citizen's language, the number and time, the
parties, the procedure and the SHA-256 of every document delivered, and it is sealed."""

from __future__ import annotations

from flask import Flask
from sqlalchemy.orm import Session

from eoffice import documents, registry
from eoffice.registry import Channel, DeliveredDocument, NewEntry, Party

PLAN = DeliveredDocument("terrace_plan: plano.pdf", "ab" * 32, 1200, "application/pdf")


def page_text(pdf: bytes) -> str:
    import pypdfium2  # noqa: PLC0415 - only this test reads PDF text

    document = pypdfium2.PdfDocument(pdf)
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()


def test_the_receipt_lists_the_number_parties_and_document_fingerprints(
    app: Flask, db: Session,
) -> None:
    entry = registry.register_entry(db, NewEntry(
        register="RGE", channel=Channel.ONLINE, subject="Terrassa: anual",
        destination_unit="URB", parties=[
            Party("Ana García Puig", "nif", "12345678Z"),
            Party("Bernat Soler Ferrer", "nif", "87654321X", role="representative")],
        documents=[PLAN], procedure="terrace-public-road", case="annual", language="ca"),
        actor="ana")
    db.flush()
    with app.app_context():
        receipt = registry.issue_receipt(entry.id, language="ca")
        assert receipt is not None
        _version, chunks = documents.open_content(db, receipt.id)
        pdf = b"".join(chunks)
        report = documents.validate_pdf(pdf)
    text = page_text(pdf)
    assert entry.number in text and "Número de registre" in text
    assert "Ana García Puig" in text and "representant" in text
    assert "ab" * 32 in text.replace("\n", "").replace(" ", "")
    assert "terrace-public-road" in text
    assert report.signatures and report.signatures[0].intact
