"""Use cases of the edict board: publish an edict or announcement for a display period,
withdraw it, correct it (a new edict chained to the original), and read what the public
sees. Services take the session first and never commit; who may act is checked by the
pages and the API (``files.process`` in the publishing unit)."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice import audit, documents, files, identity
from eoffice.notifications.edict_models import Edict, EdictCounter
from eoffice.notifications.edicts.domain import (
    BODY_MAX,
    PERSONAL_DATA_MAX,
    REASON_MAX,
    TITLE_MAX,
    EdictKind,
    EdictState,
    clean_texts,
    format_number,
    period_problems,
    shows_personal_data,
    state_at,
    text_fingerprint,
    text_problems,
)
from eoffice.notifications.edicts.errors import (
    EdictAlreadyCorrected,
    EdictEnded,
    EdictWithdrawn,
    InvalidEdict,
    UnknownEdict,
)
from eoffice.shared.clock import utcnow
from eoffice.shared.counters import take_next
from eoffice.shared.errors import FieldError
from eoffice.shared.i18n import _
from eoffice.shared.localtime import local_date


@dataclass(frozen=True)
class NewEdict:
    """What is published: texts in en/es/ca, the unit, the period, optionally the file
    and a document of it."""

    titles: Mapping[str, str]
    bodies: Mapping[str, str]
    personal_data: Mapping[str, str] | None
    unit_code: str
    publish_from: datetime
    publish_until: datetime
    file_number: str | None = None
    document_id: str | None = None
    kind: EdictKind | str = EdictKind.EDICT


@dataclass(frozen=True)
class EdictView:
    """An edict as shown; ``personal_data`` is None once its period ended or it was
    withdrawn; ``corrects`` and ``corrected_by`` are the numbers of the chained edicts."""

    id: str
    number: str
    kind: str
    state: str
    titles: dict[str, str]
    bodies: dict[str, str]
    personal_data: dict[str, str] | None
    unit_code: str
    file_number: str | None
    document_id: str | None
    publish_from: datetime
    publish_until: datetime
    certificate_document_id: str | None
    certificate_code: str | None
    corrects: str | None
    corrected_by: str | None
    withdrawn_at: datetime | None
    withdrawal_reason: str | None
    text_sha256: str
    created_at: datetime


def _number_of(session: Session, edict_id: str | None) -> str | None:
    if edict_id is None:
        return None
    return session.scalar(select(Edict.number).where(Edict.id == edict_id))


def view_of(session: Session, edict: Edict, *, now: datetime | None = None) -> EdictView:
    """The view of ``edict`` at ``now`` (default the clock)."""
    state = state_at(publish_from=edict.publish_from, publish_until=edict.publish_until,
                     withdrawn_at=edict.withdrawn_at, now=now or utcnow())
    return EdictView(
        id=edict.id, number=edict.number, kind=edict.kind, state=state.value,
        titles=dict(edict.titles), bodies=dict(edict.bodies),
        personal_data=(dict(edict.personal_data)
                       if edict.personal_data and shows_personal_data(
                           state, corrected=edict.corrected_by is not None) else None),
        unit_code=edict.unit_code, file_number=edict.file_number,
        document_id=edict.document_id, publish_from=edict.publish_from,
        publish_until=edict.publish_until,
        certificate_document_id=edict.certificate_document_id,
        certificate_code=edict.certificate_code,
        corrects=_number_of(session, edict.corrects),
        corrected_by=_number_of(session, edict.corrected_by),
        withdrawn_at=edict.withdrawn_at, withdrawal_reason=edict.withdrawal_reason,
        text_sha256=edict.text_sha256, created_at=edict.created_at)


def _reference_problems(session: Session, new: NewEdict) -> list[FieldError]:
    problems = []
    try:
        identity.describe_unit(session, new.unit_code, locale="en")
    except identity.UnknownUnit:
        problems.append(FieldError("unit_code", _("There is no such unit."), "unknown"))
    if new.file_number and files.find_file_brief_by_number(session, new.file_number) is None:
        problems.append(FieldError("file_number", _("There is no such file."), "unknown"))
    if new.document_id:
        try:
            documents.get_document(session, new.document_id[:36])
        except documents.UnknownDocument:
            problems.append(FieldError("document_id", _("There is no such document."),
                                       "unknown"))
    return problems


def check_new_edict(session: Session, new: NewEdict, now: datetime) -> None:
    """Refuse (422 ``notifications.edict_invalid`` naming each field) an edict with a
    text missing in a language, too long, a bad period, kind, unit, file or document."""
    problems = text_problems("titles", new.titles, required=True, max_length=TITLE_MAX)
    problems += text_problems("bodies", new.bodies, required=True, max_length=BODY_MAX)
    problems += text_problems("personal_data", new.personal_data, required=False,
                              max_length=PERSONAL_DATA_MAX)
    problems += period_problems(new.publish_from, new.publish_until, now)
    if str(new.kind) not in {k.value for k in EdictKind}:
        problems.append(FieldError("kind", _("Choose edict or announcement."), "invalid"))
    problems += _reference_problems(session, new)
    if problems:
        raise InvalidEdict(errors=problems)


def _insert(session: Session, new: NewEdict, *, actor: str, now: datetime,
            corrects: str | None = None) -> Edict:
    titles = clean_texts(new.titles) or {}
    bodies = clean_texts(new.bodies) or {}
    personal = clean_texts(new.personal_data)
    year = local_date(now).year
    edict = Edict(
        id=str(uuid.uuid4()), number=format_number(year, take_next(session, EdictCounter,
                                                                   year=year)),
        year=year, kind=EdictKind(new.kind).value, titles=titles, bodies=bodies,
        personal_data=personal, text_sha256=text_fingerprint(titles, bodies, personal),
        unit_code=new.unit_code, file_number=new.file_number or None,
        document_id=new.document_id or None, publish_from=max(new.publish_from, now),
        publish_until=new.publish_until, corrects=corrects, created_at=now,
        created_by=actor,
        state=state_at(publish_from=max(new.publish_from, now),
                       publish_until=new.publish_until, withdrawn_at=None, now=now).value)
    session.add(edict)
    session.flush()
    audit.record_event(
        session, "notifications.edict_published", actor=actor, object_type="edict",
        object_id=edict.number, unit_code=edict.unit_code,
        data={"kind": edict.kind, "publish_from": edict.publish_from.isoformat(),
              "publish_until": edict.publish_until.isoformat(),
              "file_number": edict.file_number, "text_sha256": edict.text_sha256,
              "corrects": _number_of(session, corrects)})
    return edict


def publish_edict(session: Session, new: NewEdict, actor: str) -> EdictView:
    """Publish ``new`` on the board for its period (on display at once when it starts
    now). Bad input: 422 ``notifications.edict_invalid``, nothing written."""
    now = utcnow()
    check_new_edict(session, new, now)
    return view_of(session, _insert(session, new, actor=actor, now=now), now=now)


def get_edict(session: Session, number: str, *, for_update: bool = False) -> Edict:
    """The edict numbered ``number`` (any state), or UnknownEdict."""
    query = select(Edict).where(Edict.number == number.strip().upper()[:30])
    if for_update:
        query = query.with_for_update()
    edict = session.scalars(query).one_or_none()
    if edict is None:
        raise UnknownEdict()
    return edict


def withdraw_edict(session: Session, number: str, *, reason: str, actor: str) -> EdictView:
    """Withdraw an edict that is scheduled or on display, with the reason shown to the
    public. Refused once ended (409) or withdrawn (409); a reason is required (422)."""
    reason = (reason or "").strip()
    if not reason or len(reason) > REASON_MAX:
        raise InvalidEdict(errors=[FieldError(
            "reason", _("Give the reason (at most %(count)d characters).", count=REASON_MAX),
            "required" if not reason else "too_long")])
    now = utcnow()
    edict = get_edict(session, number, for_update=True)
    state = state_at(publish_from=edict.publish_from, publish_until=edict.publish_until,
                     withdrawn_at=edict.withdrawn_at, now=now)
    if state == EdictState.WITHDRAWN:
        raise EdictWithdrawn()
    if state == EdictState.ENDED:
        raise EdictEnded()
    edict.state = EdictState.WITHDRAWN.value
    edict.withdrawn_at, edict.withdrawn_by, edict.withdrawal_reason = now, actor, reason
    audit.record_event(session, "notifications.edict_withdrawn", actor=actor,
                       object_type="edict", object_id=edict.number,
                       unit_code=edict.unit_code, data={"reason": reason,
                                                        "was": state.value})
    return view_of(session, edict, now=now)


@dataclass(frozen=True)
class EdictCorrection:
    """The corrected texts; the period defaults to starting now for as long as the
    original's."""

    titles: Mapping[str, str]
    bodies: Mapping[str, str]
    personal_data: Mapping[str, str] | None
    publish_from: datetime | None = None
    publish_until: datetime | None = None


def correct_edict(session: Session, number: str, correction: EdictCorrection, *,
                  actor: str) -> EdictView:
    """Publish the correction of edict ``number``: a new edict of the same unit, file and
    kind that ``corrects`` it; the original is marked ``corrected_by`` the new one and
    stays on the board with that link. Refused for a withdrawn edict or one already
    corrected (409); bad texts or period: 422, nothing written."""
    now = utcnow()
    original = get_edict(session, number, for_update=True)
    if original.withdrawn_at is not None:
        raise EdictWithdrawn()
    if original.corrected_by is not None:
        raise EdictAlreadyCorrected()
    start = correction.publish_from or now
    try:
        end = correction.publish_until or start + (original.publish_until
                                                   - original.publish_from)
    except OverflowError:  # a start near the end of time: the period check refuses it
        end = start
    new = NewEdict(titles=correction.titles, bodies=correction.bodies,
                   personal_data=correction.personal_data, unit_code=original.unit_code,
                   publish_from=start, publish_until=end,
                   file_number=original.file_number, document_id=original.document_id,
                   kind=original.kind)
    check_new_edict(session, new, now)
    corrected = _insert(session, new, actor=actor, now=now, corrects=original.id)
    original.corrected_by = corrected.id
    audit.record_event(session, "notifications.edict_corrected", actor=actor,
                       object_type="edict", object_id=original.number,
                       unit_code=original.unit_code,
                       data={"corrected_by": corrected.number})
    return view_of(session, corrected, now=now)


def _was_displayed(edict: Edict) -> bool:
    return edict.withdrawn_at is None or edict.withdrawn_at > edict.publish_from


def list_public_edicts(session: Session, *, unit: str | None = None,
                       now: datetime | None = None) -> list[EdictView]:
    """Edicts on display now (newest first), of ``unit`` when given."""
    now = now or utcnow()
    query = (select(Edict).where(Edict.publish_from <= now, Edict.publish_until > now,
                                 Edict.withdrawn_at.is_(None))
             .order_by(Edict.publish_from.desc(), Edict.number.desc()))
    if unit:
        query = query.where(Edict.unit_code == unit[:50])
    return [view_of(session, edict, now=now) for edict in session.scalars(query)]


def get_public_edict(session: Session, number: str) -> EdictView:
    """An edict as the public sees it: on display, ended or withdrawn; one not yet on
    display (or withdrawn before it was) does not exist for the public (404)."""
    now = utcnow()
    edict = get_edict(session, number)
    if now < edict.publish_from or not _was_displayed(edict):
        raise UnknownEdict()
    return view_of(session, edict, now=now)


def list_unit_edicts(session: Session, units: frozenset[str] | None, *,
                     limit: int = 200) -> Sequence[EdictView]:
    """Edicts of ``units`` (None: every unit) in any state, newest first (back office)."""
    query = select(Edict).order_by(Edict.created_at.desc(), Edict.number.desc()).limit(limit)
    if units is not None:
        query = query.where(Edict.unit_code.in_(units))
    now = utcnow()
    return [view_of(session, edict, now=now) for edict in session.scalars(query)]
