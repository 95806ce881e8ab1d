"""Entries received from other administrations (in Spain, through SIR): the delivery is
checked whole before anything is written — register and unit known, parties' ids valid,
every document decoded, within its limits and matching its declared SHA-256 — and then
its documents are kept (origin: administration) and the entry takes the next number of
the register, in one transaction (ADR 0021)."""

from __future__ import annotations

import base64
import binascii
import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice import documents, identity
from eoffice.identity import IdType, Permission, Principal
from eoffice.registry.domain import (
    MAX_RECEIVED_CONTENT_BYTES,
    Channel,
    DeliveredDocument,
    ForeignOrigin,
    Party,
    RegisterKind,
)
from eoffice.registry.errors import (
    AlreadyReceived,
    DeliveryTooLarge,
    DocumentHashMismatch,
    DocumentTooLarge,
    InvalidEntry,
    MalformedDocument,
    UnknownRegister,
)
from eoffice.registry.models import Register, RegistryEntry
from eoffice.registry.services.entries import NewEntry, register_entry
from eoffice.shared.errors import FieldError
from eoffice.shared.i18n import _l


@dataclass(frozen=True)
class IncomingDocument:
    """A delivered document, decoded and checked against its declared SHA-256."""

    name: str
    media_type: str
    content: bytes
    sha256: str


@dataclass(frozen=True)
class ReceivedEntry:
    """What another administration delivers, parties' ids already validated."""

    register: str
    origin: ForeignOrigin
    subject: str
    parties: Sequence[Party]
    destination_unit: str
    procedure: str | None = None
    case: str | None = None
    language: str = "es"


def _party(index: int, item: Mapping[str, str]) -> Party:
    try:
        number = identity.normalise_national_id(IdType(item["id_type"]), item["id_number"])
    except (ValueError, identity.InvalidNationalId):
        raise InvalidEntry(errors=[FieldError(
            f"parties.{index}.id_number", str(_l("Enter a valid identity number.")),
            "invalid")]) from None
    return Party(item["name"].strip(), item["id_type"], number, item["role"])


def read_delivery(args: Mapping[str, Any]) -> ReceivedEntry:
    """The delivery as loaded by the schema (ReceivedEntryIn), with normalised ids."""
    origin = args["origin"]
    return ReceivedEntry(
        register=args["register"],
        origin=ForeignOrigin(origin["administration_code"],
                             origin["administration_name"].strip(),
                             origin["entry_number"].strip(), origin["registered_at"]),
        subject=args["subject"],
        parties=[_party(i, item) for i, item in enumerate(args["parties"])],
        destination_unit=args["destination_unit"], procedure=args["procedure"],
        case=args["case"], language=args["language"])


def _decode(index: int, text: str) -> bytes:
    try:
        content = base64.b64decode("".join(text.split()), validate=True)
    except (binascii.Error, ValueError):
        content = b""
    if not content:
        raise MalformedDocument(errors=[FieldError(
            f"documents.{index}.content_base64",
            str(_l("Send the content as standard base64, not empty.")), "malformed")])
    return content


def decode_documents(items: Sequence[Mapping[str, str]], *,
                     max_document_bytes: int) -> list[IncomingDocument]:
    """Decode and check every document; nothing is kept here."""
    decoded, total = [], 0
    for index, item in enumerate(items):
        field = f"documents.{index}.content_base64"
        text = item["content_base64"]
        if len(text) > 2 * max_document_bytes + 1024:  # surely too large: not decoded
            raise DocumentTooLarge(errors=[FieldError(field, str(_l("Too large.")), "too_large")],
                                   max_bytes=max_document_bytes)
        content = _decode(index, text)
        if len(content) > max_document_bytes:
            raise DocumentTooLarge(errors=[FieldError(field, str(_l("Too large.")), "too_large")],
                                   max_bytes=max_document_bytes)
        total += len(content)
        if total > MAX_RECEIVED_CONTENT_BYTES:
            raise DeliveryTooLarge(max_bytes=MAX_RECEIVED_CONTENT_BYTES)
        digest = hashlib.sha256(content).hexdigest()
        if digest != item["sha256"].lower():
            raise DocumentHashMismatch(errors=[FieldError(
                f"documents.{index}.sha256",
                str(_l("The content's SHA-256 is not the one declared.")), "mismatch")])
        decoded.append(IncomingDocument(item["name"].strip(), item["media_type"], content,
                                        digest))
    return decoded


def _receiving_register(session: Session, code: str, principal: Principal, *,
                        lock: bool = False) -> Register:
    """The entry register ``code`` if the principal may deliver to its office."""
    query = select(Register).where(Register.code == code)
    register = session.scalar(query.with_for_update() if lock else query)
    if (register is None or register.kind != RegisterKind.ENTRY
            or not principal.can(Permission.RECEIVE_ENTRIES, unit=register.office_unit)):
        raise UnknownRegister()
    return register


def lock_register(session: Session, code: str, principal: Principal) -> Register:
    """Lock the register's row until the transaction ends (PostgreSQL; SQLite's writers
    are serialised already): deliveries to one register, and what they check first
    (Idempotency-Key, the origin entry), run one after the other."""
    return _receiving_register(session, code, principal, lock=True)


def _refuse_twice(session: Session, register: Register, origin: ForeignOrigin) -> None:
    found = session.scalar(select(RegistryEntry.id).where(
        RegistryEntry.register_id == register.id,
        RegistryEntry.channel == Channel.OTHER_ADMINISTRATION.value,
        RegistryEntry.origin["administration_code"].as_string() == origin.administration_code,
        RegistryEntry.origin["entry_number"].as_string() == origin.entry_number).limit(1))
    if found is not None:
        raise AlreadyReceived()


def check_delivery(session: Session, received: ReceivedEntry, principal: Principal) -> None:
    """Refuse, before any document is decoded or kept, what would be refused later."""
    register = _receiving_register(session, received.register, principal)
    try:
        identity.describe_unit(session, received.destination_unit, locale="es")
    except identity.UnknownUnit:
        raise InvalidEntry(errors=[FieldError(
            "destination_unit", str(_l("There is no such unit.")), "unknown")]) from None
    _refuse_twice(session, register, received.origin)


def receive_entry(session: Session, received: ReceivedEntry,
                  incoming: Sequence[IncomingDocument], *,
                  principal: Principal) -> tuple[RegistryEntry, list[documents.IssuedDocument]]:
    """Keep the documents and register the entry with the next number, all or nothing.
    The register's row is locked first, so one origin entry is never registered twice."""
    register = lock_register(session, received.register, principal)
    _refuse_twice(session, register, received.origin)
    kept = [documents.register_document(
        session, chunks=[item.content], media_type=item.media_type, title=item.name,
        language=received.language, unit_code=register.office_unit,
        origin=documents.Origin.ADMINISTRATION, actor=principal.login)
        for item in incoming]
    entry = register_entry(session, NewEntry(
        register=register.code, channel=Channel.OTHER_ADMINISTRATION,
        subject=received.subject, destination_unit=received.destination_unit,
        parties=received.parties, procedure=received.procedure, case=received.case,
        documents=[DeliveredDocument(item.name, item.sha256, len(item.content),
                                     item.media_type) for item in incoming],
        origin={**received.origin.as_origin(),
                "documents": ",".join(document.id for document in kept)},
        language=received.language,
    ), actor=principal.login)
    return entry, kept
