"""Operators that produce the file's documents and have them signed: ``render_document``
drafts a document of the file from a template (a resolution, a report, or a proposal of
agreement to a collegiate body, drawn up as a report: the "informe-propuesta"; through
the documents context's drafting, issued by the file's unit or the unit given) and adds
it to the file; ``send_to_signature`` puts a document in the
signature tray of the competent official, after which the model waits for the message
``signature_done`` (delivered by :mod:`eoffice.processing.services.signatures` when the
circuit is signed or rejected)."""

from __future__ import annotations

from typing import Any

from eoffice import documents, files, identity
from eoffice.processing.operators import Operator, RunContext

DOCUMENT_LANGUAGE = "es"
TEMPLATES = {"resolution": (documents.DocumentType.RESOLUTION, "Resolución"),
             "report": (documents.DocumentType.REPORT, "Informe"),
             "proposal": (documents.DocumentType.REPORT, "Propuesta de acuerdo")}
"""The templates a process may draft from: their document type, and the title their
documents take (in the language of the office's documents) when the model gives none."""
DEFAULT_SIGNER_ROLE = "head"
MAX_TITLE = 200


def _text_of(values: dict[str, Any]) -> str:
    """The body of the document: the ``text`` written, else the ``decision``."""
    return str(values.get("text") or values.get("decision") or "").strip()


def _render_document(context: RunContext, params: dict[str, Any]) -> dict[str, Any]:
    file_id = context.file_id("render_document")
    template = str(params["template"])
    if template not in TEMPLATES:
        raise ValueError(f"there is no template {template!r} to draft from (known: "
                         f"{', '.join(sorted(TEMPLATES))})")
    doc_type, default_title = TEMPLATES[template]
    values = params.get("values") or {}
    if not isinstance(values, dict):
        raise ValueError("values must be a dictionary")
    number = files.numbers_of(context.session, [file_id]).get(file_id)
    unit_code = str(params.get("unit") or context.unit_code or "")
    if number is None or not unit_code:
        raise files.UnknownFile()
    title = str(params.get("title") or f"{default_title} {number}")[:MAX_TITLE]
    document_id = documents.record_draft_resolution(context.session, documents.DraftResolution(
        title=title, text=_text_of(values), unit_code=unit_code, language=DOCUMENT_LANGUAGE,
        file_number=number, doc_type=doc_type), actor=context.actor)
    added = files.add_document_to(context.session, file_id, files.DocumentRef(
        document_id, files.DocumentRole.PROCESSING), actor=context.actor)
    return {"document": document_id, "title": title, "position": added.position}


def competent_official(context: RunContext, *, role: str, unit_code: str) -> str:
    """The login holding ``role`` in ``unit_code`` or, failing that, in the nearest unit
    above it (the first by login when a unit has several)."""
    code: str | None = unit_code
    while code is not None:
        holders = sorted(member.login for member in identity.list_unit_staff(
            context.session, code, locale=DOCUMENT_LANGUAGE) if member.role_key == role)
        if holders:
            return holders[0]
        code = identity.describe_unit(context.session, code,
                                      locale=DOCUMENT_LANGUAGE).parent_code
    raise ValueError(f"nobody holds the role {role!r} in {unit_code} or a unit above it")


def _send_to_signature(context: RunContext, params: dict[str, Any]) -> dict[str, Any]:
    context.file_id("send_to_signature")
    unit_code = str(params.get("signer_unit") or context.unit_code or "")
    role = str(params.get("signer_role") or DEFAULT_SIGNER_ROLE)
    signer = competent_official(context, role=role, unit_code=unit_code)
    circuit = documents.start_circuit(context.session, document_id=str(params["document"]),
                                      signers=[signer], actor=context.actor)
    return {"circuit": circuit.id, "signer": signer}


OPERATORS = (
    Operator(name="render_document", summary="Draft a document of the file from a template "
             "(resolution, report, proposal) with the values given (text, decision), "
             "issued by the file's unit or the unit given, and add it to the file.",
             run=_render_document, required=("template",),
             optional=("title", "values", "unit"),
             outputs=("document", "title", "position")),
    Operator(name="send_to_signature", summary="Send a document to the signature tray of "
             "the competent official (the role, default head, in the file's unit or the "
             "nearest unit above); the model then waits for the message 'signature_done'.",
             run=_send_to_signature, required=("document",),
             optional=("signer_role", "signer_unit"), outputs=("circuit", "signer")),
)
