"""Executing an approved destruction list (the worker, consumer of
``archive.disposal_approved``), then its destruction certificate.

Each listed file is handled in its own transaction: a file held now is excluded ("legal
hold") and goes back to "archived"; any other loses its package payload and the content
of its documents, keeping the sealed index, the metadata and the manifests (the
tombstone), and is re-indexed as such. Then the certificate, a sealed PDF naming every
file destroyed (with its package SHA-256) and excluded and both approvals, is sealed
outside any transaction and recorded with the list. Delivery is at least once: what is
done is not done again, and a crash before the certificate ends with one on redelivery."""

from __future__ import annotations

import logging
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice import audit, documents, identity
from eoffice.archive.domain import ItemState, ListStatus, RecordStatus
from eoffice.archive.models import DisposalItem, DisposalList, PackageFile, Record
from eoffice.archive.services.disposal_lists import (
    DUE_ACTIONS,
    HOLD_REASON,
    NOT_DUE_REASON,
    list_items,
    prepare_lists,
)
from eoffice.archive.topics import DISPOSAL_JOB, INDEX_TOPIC
from eoffice.shared import outbox
from eoffice.shared.clock import utcnow
from eoffice.shared.db import Database, current_database
from eoffice.shared.localtime import city_timezone, local_today
from eoffice.shared.outbox import Delivery

log = logging.getLogger(__name__)

ACTOR = "system"
_last_run: dict[str, date] = {}
WORDING: dict[str, dict[str, str]] = {
    "title": {"es": "Certificado de eliminación", "ca": "Certificat d'eliminació",
              "en": "Destruction certificate"},
    "list": {"es": "Relación de eliminación", "ca": "Relació d'eliminació",
             "en": "Destruction list"},
    "archivist": {"es": "Aprobada por el archivero", "ca": "Aprovada per l'arxiver",
                  "en": "Approved by the archivist"},
    "head": {"es": "Aprobada por la jefatura de la unidad",
             "ca": "Aprovada per la direcció de la unitat",
             "en": "Approved by the head of the unit"},
    "executed": {"es": "Ejecutada", "ca": "Executada", "en": "Executed"},
    "destroyed": {"es": "Expedientes eliminados", "ca": "Expedients eliminats",
                  "en": "Files destroyed"},
    "excluded": {"es": "Expedientes excluidos", "ca": "Expedients exclosos",
                 "en": "Files excluded"},
    "none": {"es": "Ninguno.", "ca": "Cap.", "en": "None."},
    "hold": {"es": "retención legal", "ca": "retenció legal", "en": "legal hold"},
    "not_due": {"es": "ya no vence", "ca": "ja no venç", "en": "no longer due"},
    "statement": {"es": "Se certifica que se ha eliminado el contenido de los expedientes "
                        "relacionados, conforme al calendario de conservación; se conservan "
                        "sus metadatos, su índice sellado y este certificado.",
                  "ca": "Es certifica que s'ha eliminat el contingut dels expedients "
                        "relacionats, d'acord amb el calendari de conservació; se'n "
                        "conserven les metadades, l'índex segellat i aquest certificat.",
                  "en": "It is certified that the content of the files listed was destroyed "
                        "under the retention schedule; their metadata, sealed index and "
                        "this certificate are kept."},
}


def _word(key: str, language: str) -> str:
    return WORDING[key].get(language, WORDING[key]["es"])


def _local(moment: datetime | None) -> str:
    return moment.astimezone(city_timezone()).strftime("%Y-%m-%d %H:%M:%S %Z") if moment \
        else "-"


def _held_now(session: Session, record_id: str) -> bool:
    from eoffice.archive.services import holds  # noqa: PLC0415 - helper D's module

    return holds.active_hold(session, record_id) is not None


def _destroy_record(session: Session, listed: DisposalList, item: DisposalItem,
                    record: Record) -> None:
    from eoffice.archive.services import packages  # noqa: PLC0415 - helper T's module

    reason = f"{_word('list', 'en')} {listed.number}"
    before = record.package_sha256
    packages.remove_payload(session, record, actor=ACTOR)
    document_ids = sorted({document_id for document_id in session.scalars(
        select(PackageFile.document_id).where(PackageFile.record_id == record.id,
                                              PackageFile.role == "document"))
        if document_id is not None})
    for document_id in document_ids:
        documents.destroy_content(session, document_id, actor=ACTOR, reason=reason)
    record.status, record.destroyed_at = RecordStatus.DESTROYED.value, utcnow()
    record.disposal_list_id = listed.id
    item.state = ItemState.DESTROYED.value
    outbox.enqueue(session, INDEX_TOPIC, {"record_id": record.id})
    audit.record_event(session, "archive.record_destroyed", actor=ACTOR,
                       object_type="archive_record", object_id=record.file_number,
                       unit_code=record.unit_code,
                       data={"list": listed.number, "package_sha256": before,
                             "tombstone_sha256": record.package_sha256,
                             "documents": document_ids})


def _exclude(session: Session, listed: DisposalList, item: DisposalItem, record: Record,
             reason: str) -> None:
    item.state, item.excluded_reason = ItemState.EXCLUDED.value, reason
    record.status, record.disposal_list_id = RecordStatus.ARCHIVED.value, None
    audit.record_event(session, "archive.disposal_item_excluded", actor=ACTOR,
                       object_type="disposal_list", object_id=listed.number,
                       unit_code=listed.unit_code,
                       data={"file_number": record.file_number, "reason": reason})


def _still_due(record: Record) -> bool:
    """Whether the record is still one to destroy today (its retention may have been
    corrected, or its series changed, since it was listed)."""
    return (record.status == RecordStatus.LISTED.value
            and record.action in DUE_ACTIONS
            and record.retention_until is not None
            and record.retention_until <= local_today())


def _execute_item(database: Database, list_id: int, item_id: int) -> None:
    with database.unit_of_work() as session:
        listed = session.get(DisposalList, list_id, with_for_update=True)
        item = session.get(DisposalItem, item_id, with_for_update=True)
        if listed is None or item is None or item.state != ItemState.LISTED.value:
            return
        # The record is locked before its holds are read: a hold placed meanwhile
        # (place_hold locks the record too) is either committed and seen, or waits.
        record = session.get(Record, item.record_id, with_for_update=True,
                             populate_existing=True)
        if record is None:
            return
        if _held_now(session, record.id):
            _exclude(session, listed, item, record, HOLD_REASON)
        elif not _still_due(record):
            _exclude(session, listed, item, record, NOT_DUE_REASON)
        else:
            _destroy_record(session, listed, item, record)


def _destroyed_packages(session: Session, numbers: list[str]) -> dict[str, str]:
    """The SHA-256 each package had before its payload was removed (from the audit
    trail; the record now holds the tombstone's)."""
    found: dict[str, str] = {}
    for event in audit.events_about(session, "archive_record", numbers,
                                    ["archive.record_destroyed"]):
        found.setdefault(event.object_id, str(event.data.get("package_sha256", "")))
    return found


def certificate_data(session: Session, listed: DisposalList,
                     language: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """What the certificate shows, and the JSON it embeds."""
    items = list_items(session, listed)
    destroyed = [r for i, r in items if i.state == ItemState.DESTROYED.value]
    sha = _destroyed_packages(session, [r.file_number for r in destroyed])
    excluded = [(i, r) for i, r in items if i.state == ItemState.EXCLUDED.value]
    fields = [[_word("list", language), listed.number],
              [_word("archivist", language),
               f"{listed.archivist_approved_by} ({_local(listed.archivist_approved_at)})"],
              [_word("head", language),
               f"{listed.head_approved_by} ({_local(listed.head_approved_at)})"],
              [_word("executed", language), _local(listed.executed_at)]]
    sections = [
        {"heading": _word("destroyed", language),
         "paragraphs": [f"{r.file_number} — {r.subject} — {r.series_code} — "
                        f"SHA-256 {sha.get(r.file_number, r.package_sha256)}"
                        for r in destroyed]
         or [_word("none", language)]},
        {"heading": _word("excluded", language),
         "paragraphs": [f"{r.file_number} — {r.subject} — {_reason(i, language)}"
                        for i, r in excluded] or [_word("none", language)]},
    ]
    embedded = {
        "list": listed.number, "unit": listed.unit_code,
        "approvals": {"archivist": [listed.archivist_approved_by,
                                    _iso(listed.archivist_approved_at)],
                      "head": [listed.head_approved_by, _iso(listed.head_approved_at)]},
        "executed_at": _iso(listed.executed_at),
        "destroyed": [{"file_number": r.file_number, "subject": r.subject,
                       "series": r.series_code,
                       "package_sha256": sha.get(r.file_number, r.package_sha256),
                       "tombstone_sha256": r.package_sha256}
                      for r in destroyed],
        "excluded": [{"file_number": r.file_number, "reason": i.excluded_reason}
                     for i, r in excluded]}
    return ({"fields": fields, "paragraphs": [_word("statement", language)],
             "sections": sections}, embedded)


def _reason(item: DisposalItem, language: str) -> str:
    if item.excluded_reason == HOLD_REASON:
        return _word("hold", language)
    if item.excluded_reason == NOT_DUE_REASON:
        return _word("not_due", language)
    return item.excluded_reason or ""


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def issue_certificate(database: Database, list_id: int, *, language: str) -> bool:
    """Seal and record the list's destruction certificate (the list becomes
    "executed"); False when it has one already."""
    with database.reader() as session:
        listed = session.get(DisposalList, list_id)
        if listed is None or listed.certificate_document_id is not None:
            return False
        data, embedded = certificate_data(session, listed, language)
        unit = identity.describe_unit(session, listed.unit_code, locale=language)
        title, unit_code = f"{_word('title', language)} {listed.number}", listed.unit_code
    prepared = documents.prepare_document(
        doc_type=documents.DocumentType.CERTIFICATE, title=title, data=data,
        language=language, unit_code=unit_code, unit_name=unit.name,
        attachments_json={"destruction.json": embedded})
    with database.unit_of_work() as session:
        listed = session.get(DisposalList, list_id, with_for_update=True)
        if listed is None or listed.certificate_document_id is not None:
            return False
        issued = documents.record_document(session, prepared, actor=ACTOR)
        listed.certificate_document_id = issued.id
        listed.status = ListStatus.EXECUTED.value
        audit.record_event(session, "archive.disposal_list_executed", actor=ACTOR,
                           object_type="disposal_list", object_id=listed.number,
                           unit_code=listed.unit_code,
                           data={"certificate": issued.id, "sha256": issued.sha256,
                                 "verification_code": issued.verification_code,
                                 "destroyed": [d["file_number"] for d in embedded["destroyed"]],
                                 "excluded": [d["file_number"] for d in embedded["excluded"]]})
    return True


def execute_list(database: Database, list_id: int, *, language: str) -> None:
    """Destroy what an approved list names, then issue its certificate (idempotent)."""
    with database.reader() as session:
        listed = session.get(DisposalList, list_id)
        if listed is None or listed.status != ListStatus.APPROVED.value:
            return
        pending = [item.id for item, _record in list_items(session, listed)
                   if item.state == ItemState.LISTED.value]
    for item_id in pending:
        _execute_item(database, list_id, item_id)
    with database.unit_of_work() as session:
        listed = session.get(DisposalList, list_id, with_for_update=True)
        if listed is not None and listed.executed_at is None:
            listed.executed_at = utcnow()
    issue_certificate(database, list_id, language=language)


def run_disposal_job(database: Database) -> int:
    """The worker job ``archive.prepare_disposal_lists``, at most once per local day in
    this process (a cheap indexed query on status and retention date): prepare the lists
    due, and execute again any approved list still without certificate (its message may
    have given up while sealing was down). How many lists it prepared."""
    today = local_today()
    if _last_run.get(DISPOSAL_JOB) == today:
        return 0
    with database.unit_of_work() as session:
        numbers = prepare_lists(session, today=today, actor=ACTOR)
    _last_run[DISPOSAL_JOB] = today
    if numbers:
        log.info("destruction lists prepared: %s", ", ".join(numbers))
    with database.reader() as session:
        stalled = list(session.scalars(select(DisposalList.id).where(
            DisposalList.status == ListStatus.APPROVED.value)))
    for list_id in stalled:  # one failing list does not hold back the others
        try:
            execute_list(database, list_id, language=_language())
        except Exception:
            log.exception("destruction list %s not executed; retried tomorrow", list_id)
    return len(numbers)


def _language() -> str:
    from flask import current_app, has_app_context  # noqa: PLC0415 - app only when running

    if has_app_context():
        return str(current_app.config["EOFFICE_SETTINGS"].default_locale)
    return "es"


def disposal_approved(delivery: Delivery) -> None:
    """The consumer of ``archive.disposal_approved`` (payload ``list_id``)."""
    execute_list(current_database(), int(delivery.payload["list_id"]), language=_language())
