"""One delivery of an entry by another administration, end to end: the Idempotency-Key
(the same key returns the first answer, a different body under it is refused), the
checks that refuse bad input before anything is kept, the transaction that keeps the
documents and numbers the entry, and the receipt sealed after the commit (the outbox
keeps it due if sealing fails here)."""

from __future__ import annotations

import json
import logging
from typing import Any

from flask import current_app
from sqlalchemy.exc import IntegrityError

from eoffice import documents
from eoffice.identity import Principal
from eoffice.registry.errors import AlreadyReceived
from eoffice.registry.models import RegistryEntry
from eoffice.registry.receipts import issue_receipt
from eoffice.registry.services import receiving
from eoffice.shared import idempotency
from eoffice.shared.db import reader, unit_of_work

log = logging.getLogger(__name__)
SCOPE = "registry.receive"


def _digest(raw: Any) -> str:
    return idempotency.request_digest(json.dumps(raw, sort_keys=True, separators=(",", ":"),
                                                 ensure_ascii=False))


def _receipt(entry_id: str) -> dict[str, str] | None:
    with reader() as db:
        entry = db.get(RegistryEntry, entry_id)
        if entry is None or not entry.receipt_document_id:
            return None
        found = documents.get_document(db, entry.receipt_document_id)
        return {"document_id": found.id, "verification_code": found.verification_code}


def _replayed(stored: idempotency.StoredResult) -> tuple[dict[str, Any], int]:
    """The first answer, with its receipt if it has been sealed since."""
    return {**stored.body, "receipt": _receipt(str(stored.body["id"]))}, stored.status


def _find(principal: Principal, key: str, digest: str) -> idempotency.StoredResult | None:
    with reader() as db:
        return idempotency.find_result(db, owner=principal.login, scope=SCOPE, key=key,
                                       request_sha256=digest)


def _body(entry: RegistryEntry, register: str,
          kept: list[documents.IssuedDocument], names: list[str]) -> dict[str, Any]:
    return {"id": entry.id, "number": entry.number, "register": register,
            "registered_at": entry.registered_at.isoformat(), "channel": entry.channel,
            "origin": {k: v for k, v in entry.origin.items() if k != "documents"},
            "documents": [{"id": d.id, "name": name, "sha256": d.sha256, "size": d.size,
                           "verification_code": d.verification_code}
                          for d, name in zip(kept, names, strict=True)],
            "receipt": None}


def _checked(principal: Principal, received: receiving.ReceivedEntry, key: str | None,
             digest: str) -> idempotency.StoredResult | None:
    """Refuse early what would be refused later; the first answer when the twin under
    the same key committed since we looked for it."""
    try:
        with reader() as db:
            receiving.check_delivery(db, received, principal)
    except AlreadyReceived:
        stored = _find(principal, key, digest) if key is not None else None
        if stored is None:
            raise
        return stored
    return None


def deliver(principal: Principal, args: dict[str, Any], *, raw: Any,
            key: str | None) -> tuple[dict[str, Any], int]:
    """Register the delivered entry once; ``(body, status)`` of the answer."""
    digest = _digest(raw)
    if key is not None:
        stored = _find(principal, idempotency.check_key(key), digest)
        if stored is not None:
            return _replayed(stored)
    received = receiving.read_delivery(args)
    twin = _checked(principal, received, key, digest)
    if twin is not None:
        return _replayed(twin)
    settings = current_app.config["EOFFICE_SETTINGS"]
    incoming = receiving.decode_documents(args["documents"],
                                          max_document_bytes=settings.max_pdf_bytes)
    try:
        with unit_of_work() as db:
            receiving.lock_register(db, received.register, principal)
            if key is not None:  # a twin request may have committed while we waited
                stored = idempotency.find_result(db, owner=principal.login, scope=SCOPE,
                                                 key=key, request_sha256=digest)
                if stored is not None:
                    return _replayed(stored)
            entry, kept = receiving.receive_entry(db, received, incoming,
                                                  principal=principal)
            body = _body(entry, received.register, kept, [d.name for d in incoming])
            entry_id = entry.id
            if key is not None:
                idempotency.store_result(db, owner=principal.login, scope=SCOPE, key=key,
                                         request_sha256=digest, status=201, body=body)
    except IntegrityError:  # the twin committed first under the same key: its answer
        stored = _find(principal, key, digest) if key is not None else None
        if stored is None:
            raise
        return _replayed(stored)
    try:
        issue_receipt(entry_id, language=received.language)
    except Exception:  # the outbox has the receipt due: the worker seals it later
        log.exception("receipt of entry %s left to the worker", entry_id)
    return {**body, "receipt": _receipt(entry_id)}, 201
