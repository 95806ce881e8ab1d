"""Drafts to sign: a resolution (or another document the office drafts, such as a report)
rendered from its template as an unsigned PDF/A document, recorded as version 1 before a
circuit is started on it."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from eoffice import audit, identity
from eoffice.documents.codes import format_code, new_verification_code
from eoffice.documents.domain import (
    ENI_DOCUMENT_TYPE,
    DocumentType,
    ElaborationState,
    Origin,
    eni_identifier,
)
from eoffice.documents.errors import NotPdfA
from eoffice.documents.models import Document, DocumentVersion
from eoffice.documents.pdfa.check import check_pdfa
from eoffice.documents.rendering.render import Letterhead, html_to_pdfa, render_html
from eoffice.documents.runtime import DocumentsRuntime, current_runtime
from eoffice.shared.clock import utcnow

PDF = "application/pdf"


@dataclass(frozen=True)
class DraftResolution:
    """What the official writes: a title, the text and the unit that resolves."""

    title: str
    text: str
    unit_code: str
    language: str = "es"
    file_number: str | None = None
    doc_type: DocumentType = DocumentType.RESOLUTION  # the template (resolution, report)
    template: str | None = None  # another template than the type's (``bodies_certificate``)
    data: dict[str, Any] | None = None  # more for the template than the paragraphs


@dataclass(frozen=True)
class PreparedDraft:
    """A draft rendered and stored, not yet recorded (see :func:`prepare_draft`)."""

    draft: DraftResolution
    identifier: str
    code: str
    rendered_at: datetime
    sha256: str
    size: int


def prepare_draft(draft: DraftResolution, *, unit_name: str,
                  runtime: DocumentsRuntime | None = None) -> PreparedDraft:
    """Render ``draft`` unsigned (PDF/A-3b) and store its bytes; no database, so a caller
    can render outside its unit of work and record with :func:`record_prepared_draft`."""
    runtime = runtime or current_runtime()
    now, code = utcnow(), new_verification_code()
    identifier = eni_identifier(draft.unit_code, now)
    paragraphs = [part.strip() for part in draft.text.split("\n\n") if part.strip()]
    data = {**(draft.data or {}), "paragraphs": paragraphs,
            "file_number": draft.file_number or ""}
    html = render_html(
        doc_type=draft.doc_type, language=draft.language, title=draft.title,
        data=data, code=code, identifier=identifier, issued_at=now,
        letterhead=Letterhead(city=runtime.city, unit_name=unit_name,
                              verify_url=runtime.verify_url, test_pki=runtime.test_pki,
                              sealed=False, signer_name=None),
        template_name=draft.template)
    pdf = html_to_pdfa(html)
    if not check_pdfa(pdf).conforms:
        raise NotPdfA("the draft is not PDF/A")
    blob = runtime.store.put_bytes(pdf)
    return PreparedDraft(draft, identifier, code, now, blob.sha256, blob.size)


def record_prepared_draft(session: Session, prepared: PreparedDraft, *, actor: str) -> str:
    """Record a prepared draft as a new document with its first version (audited
    ``documents.draft_recorded``); returns its id."""
    draft, now = prepared.draft, prepared.rendered_at
    document = Document(
        id=str(uuid.uuid4()), identifier=prepared.identifier, doc_type=draft.doc_type.value,
        eni_type=ENI_DOCUMENT_TYPE[draft.doc_type], title=draft.title,
        language=draft.language, unit_code=draft.unit_code,
        origin=Origin.ADMINISTRATION.value, elaboration_state=ElaborationState.ORIGINAL.value,
        captured_at=now, verification_code=prepared.code, current_version=1,
        created_by=actor)
    session.add(document)
    session.flush()
    session.add(DocumentVersion(
        document_id=document.id, number=1, sha256=prepared.sha256, size=prepared.size,
        media_type=PDF, pdfa_conforms=True, attachments=[], created_at=now, created_by=actor))
    session.flush()
    audit.record_event(session, "documents.draft_recorded", actor=actor,
                       object_type="document", object_id=document.id,
                       unit_code=draft.unit_code,
                       data={"sha256": prepared.sha256, "code": format_code(prepared.code)})
    return document.id


def record_draft_resolution(session: Session, draft: DraftResolution, *, actor: str,
                            runtime: DocumentsRuntime | None = None) -> str:
    """Render ``draft`` unsigned (PDF/A-3b), store it and record it as a new document;
    returns its id. Rendering needs no remote service, but it runs in the caller's
    transaction: callers holding busy locks prepare first (:func:`prepare_draft`)."""
    unit = identity.describe_unit(session, draft.unit_code, locale=draft.language)
    return record_prepared_draft(
        session, prepare_draft(draft, unit_name=unit.name, runtime=runtime), actor=actor)
