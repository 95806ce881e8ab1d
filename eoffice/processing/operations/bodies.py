"""Operators through which the competent governing body resolves a file (bodies context):
``find_competent_body`` names the body competent for the file's procedure (none, a
single-person body and who signs its decree today, or a collegiate body);
``send_decree_to_signature`` registers a rendered decree in the book of resolutions and
sends it to the tray of whoever resolves the procedure today (the holder of the body,
or the delegate while a delegation is in force), after which the model waits for the
message ``signature_done``; ``propose_agreement`` proposes the agreement to the
collegiate body, after which the model waits for the message ``agreement_decided``
(delivered by :mod:`eoffice.processing.services.agreements`)."""

from __future__ import annotations

from typing import Any

from eoffice import bodies, documents, files
from eoffice.processing.operators import Operator, RunContext

NO_BODY = "none"
MAX_TITLE = 300


def file_of(context: RunContext, operator: str) -> files.ArchivalBrief:
    """The file the process runs for, with its procedure (UnknownFile if it is gone)."""
    file_id = context.file_id(operator)
    number = files.numbers_of(context.session, [file_id]).get(file_id)
    brief = files.find_archival_brief(context.session, number) if number else None
    if brief is None:
        raise files.UnknownFile()
    return brief


def _find_competent_body(context: RunContext, params: dict[str, Any]) -> dict[str, Any]:
    procedure = file_of(context, "find_competent_body").procedure_code
    body = bodies.competent_body(context.session, procedure) if procedure else None
    if body is None or procedure is None:
        return {"key": None, "kind": NO_BODY, "signer": None}
    signer = (bodies.resolving_signer(context.session, procedure)
              if body.kind == bodies.BodyKind.SINGLE else None)
    return {"key": body.key, "kind": str(body.kind), "signer": signer}


def _procedure(brief: files.ArchivalBrief, operator: str) -> str:
    if not brief.procedure_code:
        raise ValueError(f"{operator}: file {brief.number} has no procedure, so no "
                         "governing body is competent to resolve it")
    return brief.procedure_code


def _send_decree_to_signature(context: RunContext, params: dict[str, Any]
                              ) -> dict[str, Any]:
    brief = file_of(context, "send_decree_to_signature")
    procedure = _procedure(brief, "send_decree_to_signature")
    signer = bodies.resolving_signer(context.session, procedure)
    if signer is None:
        raise ValueError(f"no single-person body holder resolves {procedure!r} today")
    document_id = str(params["document"])
    resolution = bodies.register_resolution(
        context.session, document_id=document_id, procedure_code=procedure,
        title=str(params.get("title") or brief.subject)[:MAX_TITLE], actor=context.actor,
        file_id=brief.id, file_number=brief.number)
    circuit = documents.start_circuit(context.session, document_id=document_id,
                                      signers=[signer], actor=context.actor)
    bodies.bind_circuit(context.session, resolution.id, circuit.id)
    return {"circuit": circuit.id, "signer": signer, "resolution": resolution.id,
            "body": resolution.body_key}


def _propose_agreement(context: RunContext, params: dict[str, Any]) -> dict[str, Any]:
    brief = file_of(context, "propose_agreement")
    document = params.get("document")
    proposal = bodies.propose_agreement(
        context.session, procedure_code=_procedure(brief, "propose_agreement"),
        file_id=brief.id, file_number=brief.number,
        unit_code=context.unit_code or brief.responsible_unit,
        title=str(params.get("title") or brief.subject)[:MAX_TITLE],
        text=str(params.get("text") or ""), actor=context.actor,
        document_id=str(document) if document else None)
    return {"proposal": proposal.id, "body": proposal.body_key}


OPERATORS = (
    Operator(name="find_competent_body", summary="Find the governing body competent to "
             "resolve the file's procedure: kind 'none' (the head of the unit signs), "
             "'single' (a decree; signer: who signs it today, by delegation or as holder) "
             "or 'collegiate' (an agreement adopted in a session).",
             run=_find_competent_body, outputs=("key", "kind", "signer")),
    Operator(name="send_decree_to_signature", summary="Register a decree of the file in "
             "the book of resolutions of the competent single-person body and send it to "
             "the tray of whoever resolves the procedure today; the model then waits for "
             "the message 'signature_done' (signed, the book numbers it).",
             run=_send_decree_to_signature, required=("document",), optional=("title",),
             outputs=("circuit", "signer", "resolution", "body")),
    Operator(name="propose_agreement", summary="Propose an agreement on the file to the "
             "competent collegiate body (title: the file's subject unless given); the "
             "model then waits for the message 'agreement_decided'.",
             run=_propose_agreement, optional=("document", "title", "text"),
             outputs=("proposal", "body")),
)
