"""The registration receipt (justificante de registro): a PDF/A sealed by the registry
office with the entry's number and time, the parties, the procedure and the SHA-256 of
every document delivered, carrying a verification code.

Sealing asks the timestamp authority, so it never runs while the entry's transaction
holds the register's counter: the entry is committed first with an outbox message
(``RECEIPT_DUE_TOPIC``); the request then issues the receipt at once, and the worker
issues it later if the request could not (a crash delays the receipt, never loses it).
Issuing twice keeps the first receipt. Once sealed, ``RECEIPT_ISSUED_TOPIC`` tells the
files context to add it to the entry's file.
"""

from __future__ import annotations

import logging
from typing import Any

from eoffice import documents, identity
from eoffice.registry.domain import RECEIPT_DUE_TOPIC, RECEIPT_ISSUED_TOPIC
from eoffice.registry.models import Register, RegistryEntry
from eoffice.shared import outbox
from eoffice.shared.db import reader, unit_of_work
from eoffice.shared.localtime import city_timezone
from eoffice.shared.outbox import Delivery

log = logging.getLogger(__name__)
TITLES = {"es": "Justificante de registro", "ca": "Justificant de registre",
          "en": "Registration receipt"}


def receipt_data(entry: RegistryEntry, register: Register, language: str) -> dict[str, Any]:
    """What the receipt shows (and embeds as JSON)."""
    interested = [p for p in entry.parties if p.get("role") == "interested"]
    return {
        "registry_number": entry.number,
        "registered_at": entry.registered_at.astimezone(city_timezone()).isoformat(
            timespec="seconds"),
        "register": register.names.get(language) or register.code,
        "channel": entry.channel,
        "applicant": "; ".join(f"{p['name']} ({p['id_number']})" for p in interested),
        "parties": entry.parties,
        "subject": entry.subject,
        "procedure": entry.procedure_code, "case": entry.case_code,
        "destination_unit": entry.destination_unit,
        "documents": entry.documents,
    }


def issue_receipt(entry_id: str, *, language: str = "es") -> documents.DocumentView | None:
    """Seal the receipt of ``entry_id`` unless it has one; the receipt either way."""
    with reader() as db:
        entry = db.get(RegistryEntry, entry_id)
        if entry is None:
            return None
        if entry.receipt_document_id:
            return documents.get_document(db, entry.receipt_document_id)
        register = db.get(Register, entry.register_id)
        assert register is not None
        unit = identity.describe_unit(db, register.office_unit, locale=language)
        data = receipt_data(entry, register, language)
    prepared = documents.prepare_document(
        doc_type=documents.DocumentType.RECEIPT, title=f"{TITLES.get(language, TITLES['es'])} "
        f"{data['registry_number']}", data=data, language=language,
        unit_code=register.office_unit, unit_name=unit.name,
        attachments_json={"registry_entry": data})
    with unit_of_work() as db:
        entry = db.get(RegistryEntry, entry_id, with_for_update=True)
        assert entry is not None
        if not entry.receipt_document_id:  # a worker may have been quicker
            issued = documents.record_document(db, prepared, actor="registry")
            entry.receipt_document_id = issued.id
            outbox.enqueue(db, RECEIPT_ISSUED_TOPIC, {"entry": entry.id, "document": issued.id},
                           dedup_key=f"{RECEIPT_ISSUED_TOPIC}:{entry.id}")
        return documents.get_document(db, entry.receipt_document_id)


__all__ = ["RECEIPT_DUE_TOPIC", "issue_receipt", "receipt_data", "receipt_due"]


def receipt_due(delivery: Delivery) -> None:
    """Outbox consumer: the receipt of an entry the request could not seal at once."""
    issue_receipt(str(delivery.payload["entry"]),
                  language=str(delivery.payload.get("language", "es")))
