"""Helpers of the folder tests: a citizen with something of every kind — a draft, a
registered application with a delivered file (its file, application PDF and receipt), a
second file holding a resolution notified to her and accessed, a paid and a pending
payment — and the ZIP of her data opened."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice import documents, files, identity, notifications, payments
from eoffice.registry.models import RegistryEntry
from eoffice.submissions.models import Submission, SubmissionAttachment
from tests.api.submissions.test_attachments import upload
from tests.api.submissions.test_submit_api import validated
from tests.integration.payments.factories import pending_payment
from tests.pdfs import tiny_pdf

Headers = Callable[[str], dict[str, str]]
PEOPLE = {"ana": ("12345678Z", "Ana García Puig"), "bernat": ("87654321X", "Bernat")}
NRC = {"ana": "NRC0123456789012345601", "bernat": "NRC0123456789012345602"}


@dataclass
class Holdings:
    """What one citizen has, by identifiers and content digests."""

    login: str
    submission_ids: set[str] = field(default_factory=set)
    file_numbers: set[str] = field(default_factory=set)
    notification_ids: set[str] = field(default_factory=set)
    payment_references: set[str] = field(default_factory=set)
    document_ids: set[str] = field(default_factory=set)
    document_hashes: set[str] = field(default_factory=set)

    def add_document(self, db: Session, document_id: str) -> None:
        self.document_ids.add(document_id)
        self.document_hashes.add(documents.get_document(db, document_id).sha256)


def principal_of(db: Session, login: str) -> identity.Principal:
    return identity.load_principal(db, identity.get_account(db, login),
                                   authenticated_by="session")


def resolution_file(db: Session, login: str) -> tuple[str, str]:
    """A file of the urban planning unit where ``login`` is the interested party,
    holding a resolution: (its number, the resolution's document id)."""
    id_number, name = PEOPLE[login]
    resolution = documents.register_document(
        db, chunks=[tiny_pdf(f"resolution for {login}")], media_type="application/pdf",
        title=f"Resolution for {login}", language="es", unit_code="URB", actor="clerk")
    opened = files.open_file(db, files.NewFile(
        unit_code="URB", subject=f"Terrace licence of {login}",
        parties=[{"name": name, "id_type": "nif", "id_number": id_number,
                  "role": "interested"}],
        procedure="general-application", case="standard",
        documents=[files.DocumentRef(resolution.id, files.DocumentRole.PROCESSING)]),
        actor="clerk")
    return opened.number, resolution.id


def citizen_with_everything(client: FlaskClient, db: Session, token_for: Headers,
                            login: str) -> Holdings:
    """Give ``login`` one thing of every kind; what she holds."""
    held = Holdings(login)
    headers = token_for(login)
    draft = client.post("/api/v1/submissions", headers=headers,
                        json={"procedure": "general-application", "case": "standard"})
    held.submission_ids.add(draft.get_json()["id"])
    path = validated(client, headers)
    assert upload(client, path, headers, "supporting_document",
                  tiny_pdf(f"photo sent by {login}")).status_code == 201
    sent = client.post(f"{path}/submit", json={}, headers=headers)
    assert sent.status_code == 200, sent.get_json()
    body = sent.get_json()
    held.submission_ids.add(body["id"])
    held.file_numbers.add(body["file"]["number"])
    row = db.get_one(Submission, body["id"])
    assert row.application_document_id
    held.add_document(db, row.application_document_id)
    for attachment in db.scalars(select(SubmissionAttachment)
                                 .where(SubmissionAttachment.submission_id == row.id)):
        held.add_document(db, attachment.document_id)
    entry = db.scalar(select(RegistryEntry).where(RegistryEntry.submission_id == row.id))
    assert entry is not None and entry.receipt_document_id
    held.add_document(db, entry.receipt_document_id)

    number, resolution = resolution_file(db, login)
    held.file_numbers.add(number)
    made = notifications.notify(db, notifications.NewNotification(
        file_number=number, document_id=resolution, addressee_id_number=PEOPLE[login][0],
        addressee_name=PEOPLE[login][1], subject=f"Resolution for {login}",
        sending_unit="URB", procedure="general-application"), actor="clerk")
    notifications.access_notification(db, made.id, principal_of(db, login))
    held.notification_ids.add(made.id)
    held.add_document(db, resolution)

    paid = pending_payment(db, login, amount="30.00")
    payments.record_bank_receipt(db, paid.reference, nrc=NRC[login], amount=Decimal("30.00"),
                                 actor="clerk")
    held.payment_references |= {paid.reference, pending_payment(db, login).reference}
    db.flush()
    return held


@dataclass
class OpenedExport:
    index: dict[str, Any]
    raw_index: str
    members: dict[str, bytes]

    def hashes(self) -> set[str]:
        return {hashlib.sha256(body).hexdigest() for name, body in self.members.items()
                if name != "index.json"}


def open_export(body: bytes) -> OpenedExport:
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    raw = members["index.json"].decode("utf-8")
    return OpenedExport(json.loads(raw), raw, members)
