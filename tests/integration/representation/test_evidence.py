"""Each grant and revocation has a sealed PDF/A certificate naming the power, its parties
and the event's time; the grantor and the representative may read it, others may not;
the audit log records who acted for whom."""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask
from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice import documents, representation
from eoffice.audit.models import AuditEvent
from eoffice.identity import Principal
from eoffice.representation import NewPower
from eoffice.representation.evidence import issue_evidence, latest_event_id
from tests.conftest import run_worker
from tests.pdfs import pdf_text


def test_a_grant_and_its_revocation_each_have_a_sealed_pdfa_certificate(
        app: Flask, db: Session, principal_of: Callable[[str], Principal]) -> None:
    ana = principal_of("ana")
    power = representation.grant_power(db, NewPower(
        representative_id_number="87654321X", representative_name="Bernat Soler Ferrer",
        scope="procedures", procedures=("terrace-public-road",)), principal=ana)
    db.flush()
    with app.app_context():
        granted_id = issue_evidence(latest_event_id(db, power.id), language="es")
        assert granted_id is not None
        assert issue_evidence(latest_event_id(db, power.id)) == granted_id  # once only
        _version, chunks = documents.open_content(db, granted_id)
        pdf = b"".join(chunks)
        assert documents.check_pdfa(pdf).conforms
        signatures = documents.validate_pdf(pdf).signatures
        view = documents.get_document(db, granted_id)
        assert documents.may_read(db, ana, view)
        assert documents.may_read(db, principal_of("bernat"), view)
        assert not documents.may_read(db, principal_of("clerk3"), view)
    assert signatures and signatures[0].intact
    text = pdf_text(pdf)
    assert power.number in text and "Ana García Puig (12345678Z)" in text
    assert "terrace-public-road" in text
    representation.revoke_power(db, power.id, reason="Cambio de gestor", principal=ana)
    db.flush()
    with app.app_context():
        revoked_id = issue_evidence(latest_event_id(db, power.id), language="es")
    assert revoked_id and revoked_id != granted_id
    seen = representation.get_power(db, power.id, ana)
    assert seen.evidence_document_id == granted_id
    assert seen.revocation_document_id == revoked_id


def test_the_audit_log_shows_the_legal_representative_acting_for_the_company(
        db: Session, company: str, principal_of: Callable[[str], Principal]) -> None:
    power = representation.grant_power(db, NewPower(
        grantor_id_number=company, representative_id_number="12345678Z",
        representative_name="Ana García Puig"), principal=principal_of("bernat"))
    event = db.scalar(select(AuditEvent).where(
        AuditEvent.action == "representation.power_granted", AuditEvent.object_id == power.id))
    assert event is not None and event.actor == "bernat"
    assert event.data["acting_for"] == company
    assert event.data["acting_for_name"] == "Fusteria Ribes, S.L."
    assert event.data["label"] == "Bernat Soler Ferrer acting for Fusteria Ribes, S.L."


def test_the_worker_seals_the_evidence_the_request_left_behind(
        app: Flask, db: Session, company: str, principal_of: Callable[[str], Principal]) -> None:
    power = representation.grant_power(db, NewPower(
        grantor_id_number=company, representative_id_number="12345678Z",
        representative_name="Ana García Puig"), principal=principal_of("bernat"))
    db.flush()
    assert power.evidence_document_id is None  # nothing sealed inside the transaction
    run_worker(app)
    db.expire_all()
    sealed = representation.get_power(db, power.id, principal_of("ana"))
    assert sealed.evidence_document_id
    with app.app_context():
        _version, chunks = documents.open_content(db, sealed.evidence_document_id)
        text = pdf_text(b"".join(chunks))
    flat = " ".join(text.split())
    assert "Bernat Soler Ferrer" in flat and "Fusteria Ribes, S.L. (B12345674)" in flat
