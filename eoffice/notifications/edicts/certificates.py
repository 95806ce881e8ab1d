"""The worker job of the edict board: records each edict's move from scheduled to on
display to ended when the clock says so, and issues the certificate of publication of
every edict whose period ended (or that was withdrawn after it went on display): a PDF/A
sealed by the office accrediting from when until when it was on display, with its
number, title and the fingerprint of its whole text, joined to the edict's file.

The certificate is sealed outside any transaction (the timestamp authority may be slow)
and recorded afterwards with the edict's row locked; a second worker that sealed the same
certificate meanwhile records nothing."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from eoffice import audit, documents, files, identity
from eoffice.notifications.edict_models import Edict
from eoffice.notifications.edicts.domain import EdictState, state_at
from eoffice.shared.clock import utcnow
from eoffice.shared.db import Database
from eoffice.shared.localtime import city_timezone

log = logging.getLogger(__name__)

EDICT_JOB = "notifications.edict_board"
TRANSITION_BATCH = 200
CERTIFICATE_BATCH = 5
#: Fixed wording of the certificate in the office's three languages (as the documents
#: context does: a document is issued in its language, whatever the request's).
WORDING: dict[str, dict[str, str]] = {
    "title": {"es": "Certificado de publicación del edicto",
              "ca": "Certificat de publicació de l'edicte",
              "en": "Certificate of publication of edict"},
    "number": {"es": "Número", "ca": "Número", "en": "Number"},
    "heading": {"es": "Título", "ca": "Títol", "en": "Title"},
    "kind": {"es": "Clase", "ca": "Classe", "en": "Kind"},
    "file": {"es": "Expediente", "ca": "Expedient", "en": "File"},
    "from": {"es": "Expuesto desde", "ca": "Exposat des de", "en": "On display from"},
    "until": {"es": "Expuesto hasta", "ca": "Exposat fins a", "en": "On display until"},
    "sha": {"es": "Huella del texto (SHA-256)", "ca": "Empremta del text (SHA-256)",
            "en": "Fingerprint of the text (SHA-256)"},
    "withdrawn": {"es": "Retirado", "ca": "Retirat", "en": "Withdrawn"},
    "ended": {"es": "Se certifica que el %(kind)s %(number)s «%(title)s» ha estado expuesto "
                    "en el tablón de edictos electrónico desde el %(from)s hasta el %(until)s "
                    "(artículos 44 y 45 de la Ley 39/2015).",
              "ca": "Es certifica que l'%(kind)s %(number)s «%(title)s» ha estat exposat al "
                    "tauler d'edictes electrònic des del %(from)s fins al %(until)s (articles "
                    "44 i 45 de la Llei 39/2015).",
              "en": "It is certified that %(kind)s %(number)s “%(title)s” was on display on "
                    "the electronic edict board from %(from)s until %(until)s (articles 44 "
                    "and 45 of Law 39/2015)."},
    "withdrawal": {"es": "Fue retirado el %(until)s. Motivo: %(reason)s",
                   "ca": "Va ser retirat el %(until)s. Motiu: %(reason)s",
                   "en": "It was withdrawn on %(until)s. Reason: %(reason)s"},
    "edict": {"es": "edicto", "ca": "edicte", "en": "edict"},
    "announcement": {"es": "anuncio", "ca": "anunci", "en": "announcement"},
}


def _word(key: str, language: str) -> str:
    texts = WORDING[key]
    return texts.get(language, texts["es"])


def _local(moment: datetime) -> str:
    return moment.astimezone(city_timezone()).strftime("%Y-%m-%d %H:%M:%S %Z")


def displayed_until(edict: Edict) -> datetime:
    """The end of the time the edict was on display: its withdrawal or its period's end."""
    if edict.withdrawn_at is not None and edict.withdrawn_at < edict.publish_until:
        return edict.withdrawn_at
    return edict.publish_until


def certificate_data(edict: Edict, language: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """What the certificate shows, and the JSON it embeds. Neither holds the personal
    data section (the certificate is public by its verification code); the fingerprint
    covers it, so the text kept in the database can be proved to be the one shown."""
    title = edict.titles.get(language) or edict.titles["es"]
    until = displayed_until(edict)
    values = {"kind": _word(edict.kind, language), "number": edict.number, "title": title,
              "from": _local(edict.publish_from), "until": _local(until),
              "reason": edict.withdrawal_reason or ""}
    fields = [[_word("number", language), edict.number], [_word("heading", language), title],
              [_word("kind", language), values["kind"]]]
    if edict.file_number:
        fields.append([_word("file", language), edict.file_number])
    fields += [[_word("from", language), values["from"]],
               [_word("until", language), values["until"]],
               [_word("sha", language), edict.text_sha256]]
    paragraphs = [_word("ended", language) % values]
    if edict.withdrawn_at is not None:
        fields.append([_word("withdrawn", language), values["until"]])
        paragraphs.append(_word("withdrawal", language) % values)
    embedded = {"number": edict.number, "kind": edict.kind, "titles": edict.titles,
                "bodies": edict.bodies, "unit": edict.unit_code,
                "file_number": edict.file_number,
                "publish_from": edict.publish_from.isoformat(),
                "displayed_until": until.isoformat(),
                "withdrawn": edict.withdrawn_at is not None,
                "text_sha256": edict.text_sha256}
    return {"fields": fields, "paragraphs": paragraphs}, embedded


def record_transitions(session: Session, now: datetime, *,
                       limit: int = TRANSITION_BATCH) -> int:
    """Record the edicts that went on display or ended by ``now``; how many moved."""
    due = session.scalars(
        select(Edict).where(or_(
            and_(Edict.state == EdictState.SCHEDULED.value, Edict.publish_from <= now),
            and_(Edict.state == EdictState.ON_DISPLAY.value, Edict.publish_until <= now)))
        .order_by(Edict.publish_from, Edict.number).limit(limit)
        .with_for_update(skip_locked=True)).all()
    for edict in due:
        moved = state_at(publish_from=edict.publish_from, publish_until=edict.publish_until,
                         withdrawn_at=edict.withdrawn_at, now=now)
        edict.state = moved.value
        audit.record_event(session, f"notifications.edict_{moved.value}", actor="system",
                           object_type="edict", object_id=edict.number,
                           unit_code=edict.unit_code, data={"at": now.isoformat()})
    return len(due)


def edicts_due_certificate(session: Session, *, limit: int = CERTIFICATE_BATCH) -> list[str]:
    """Ids of ended or withdrawn edicts (that were on display) still without certificate."""
    return list(session.scalars(
        select(Edict.id).where(
            Edict.state.in_([EdictState.ENDED.value, EdictState.WITHDRAWN.value]),
            Edict.certificate_document_id.is_(None),
            or_(Edict.withdrawn_at.is_(None), Edict.withdrawn_at > Edict.publish_from))
        .order_by(Edict.publish_until, Edict.number).limit(limit)))


def _join_file(session: Session, edict: Edict, document_id: str) -> None:
    brief = files.find_file_brief_by_number(session, edict.file_number or "")
    if brief is None:
        return
    try:
        files.add_document_to(session, brief.id, files.DocumentRef(document_id),
                              actor="system")
    except files.FileClosed:
        log.info("file %s is closed: certificate of %s kept with the edict only",
                 edict.file_number, edict.number)


def issue_certificate(database: Database, edict_id: str, *, language: str) -> bool:
    """Seal and record the certificate of publication of one edict; False when it has
    one already (another worker was faster)."""
    with database.reader() as db:
        edict = db.get(Edict, edict_id)
        if edict is None or edict.certificate_document_id is not None:
            return False
        unit = identity.describe_unit(db, edict.unit_code, locale=language)
        data, embedded = certificate_data(edict, language)
        title = f"{_word('title', language)} {edict.number}"
        unit_code = edict.unit_code
    prepared = documents.prepare_document(
        doc_type=documents.DocumentType.CERTIFICATE, title=title, data=data,
        language=language, unit_code=unit_code, unit_name=unit.name,
        attachments_json={"edict.json": embedded})
    with database.unit_of_work() as db:
        edict = db.get(Edict, edict_id, with_for_update=True)
        if edict is None or edict.certificate_document_id is not None:
            return False
        issued = documents.record_document(db, prepared, actor="system")
        edict.certificate_document_id = issued.id
        edict.certificate_code = issued.verification_code
        if edict.file_number:
            _join_file(db, edict, issued.id)
        audit.record_event(db, "notifications.edict_certified", actor="system",
                           object_type="edict", object_id=edict.number,
                           unit_code=edict.unit_code,
                           data={"document": issued.id, "sha256": issued.sha256,
                                 "verification_code": issued.verification_code})
    return True


def _certificate_language() -> str:
    from flask import current_app, has_app_context  # noqa: PLC0415 - app only when running

    if has_app_context():
        return str(current_app.config["EOFFICE_SETTINGS"].default_locale)
    return "es"


def run_edict_job(database: Database) -> int:
    """The worker job ``notifications.edict_board``: transitions in one transaction,
    then a few certificates, each sealed outside the transaction that records it."""
    with database.unit_of_work() as session:
        moved = record_transitions(session, utcnow())
    with database.reader() as session:
        due = edicts_due_certificate(session)
    language = _certificate_language()
    issued = 0
    for edict_id in due:  # one failing certificate does not hold back the others
        try:
            issued += issue_certificate(database, edict_id, language=language)
        except Exception:
            log.exception("certificate of edict %s failed; retried next round", edict_id)
    return moved + issued
