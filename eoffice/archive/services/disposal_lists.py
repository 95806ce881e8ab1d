"""Destruction lists: prepared when retention periods end (the daily worker job, or an
archivist's "prepare now"), one per unit, numbered E/<year>/<seq> without gaps; reviewed
(items excluded with a reason, or the whole list cancelled) and approved by two
different people: an archivist and the head of the list's unit. The second approval
hands the list to the worker (:mod:`eoffice.archive.services.disposal_execution`).

Series whose action is "sample" keep a deterministic share of their files (by the hash
of the file number): those stay archived, their action becomes "keep", audited."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from eoffice import audit
from eoffice.archive.domain import DispositionAction, ItemState, ListStatus, RecordStatus
from eoffice.archive.errors import (
    DisposalListClosed,
    NotAllowedInArchive,
    ReasonRequired,
    UnknownDisposalList,
    UnknownRecord,
)
from eoffice.archive.models import DisposalItem, DisposalList, Record, Series
from eoffice.archive.services.access import is_archivist
from eoffice.identity import Principal
from eoffice.shared.clock import utcnow

__all__ = ["cancel_list", "exclude_item", "get_list", "get_list_for", "is_reviewer",
           "list_items", "prepare_lists", "visible_lists"]

OPEN = (ListStatus.PREPARED.value, ListStatus.APPROVED.value)
DUE_ACTIONS = (DispositionAction.DESTROY.value, DispositionAction.SAMPLE.value)
REASON_CHARS = 300
#: The reason the worker gives when a hold placed after approval stops a destruction.
HOLD_REASON = "legal hold"
#: The reason the worker gives when a file's retention was corrected after listing.
NOT_DUE_REASON = "no longer due"


def clean_reason(reason: str | None) -> str:
    """The reason as kept (trimmed, at most 300 characters); ReasonRequired when empty."""
    text = (reason or "").strip()
    if not text:
        raise ReasonRequired()
    return text[:REASON_CHARS]


def kept_by_sample(file_number: str, percent: int | None) -> bool:
    """Whether a file of a sampled series is one of the ``percent`` in a hundred kept:
    the same answer every time for the same file number."""
    if not percent or percent <= 0:
        return False
    bucket = int(hashlib.sha256(file_number.encode()).hexdigest()[:8], 16) % 100
    return bucket < percent


def _held(session: Session, ids: list[str]) -> set[str]:
    from eoffice.archive.services import holds  # noqa: PLC0415 - helper D's module

    return holds.held_record_ids(session, ids) if ids else set()


def _taken_off_by_review(session: Session, records: list[Record]) -> set[str]:
    """Records still on an open list, or that a reviewer took off a list (excluded, or
    on a cancelled list) with no correction of their dates since: a review decision
    counts until the next ``archive.metadata_changed`` of the file or
    ``archive.series_changed`` of its series that recomputed records (by audit sequence).
    The worker's exclusions (a hold, no longer due) do not count."""
    if not records:
        return set()
    rows = session.execute(
        select(DisposalItem.record_id, DisposalItem.state, DisposalItem.excluded_reason,
               DisposalList.status, DisposalList.number)
        .join(DisposalList, DisposalList.id == DisposalItem.list_id)
        .where(DisposalItem.record_id.in_([r.id for r in records]))).all()
    still_on = {row.record_id for row in rows
                if row.status in OPEN and row.state == ItemState.LISTED.value}
    decided: dict[str, set[str]] = defaultdict(set)  # record id -> lists that decided
    for row in rows:
        if (row.status == ListStatus.CANCELLED.value and row.state == ItemState.LISTED.value) \
                or (row.state == ItemState.EXCLUDED.value
                    and row.excluded_reason not in (HOLD_REASON, NOT_DUE_REASON)):
            decided[row.record_id].add(row.number)
    if not decided:
        return still_on
    by_id = {r.id: r for r in records if r.id in decided}
    decisions = _last_decisions(session, by_id, decided)
    changes = _last_changes(session, list(by_id.values()))
    # a decision whose event is missing (seq 0) still counts until some change
    return still_on | {rid for rid, seq in decisions.items() if seq >= changes[rid]}


def _last_decisions(session: Session, by_id: dict[str, Record],
                    decided: dict[str, set[str]]) -> dict[str, int]:
    """The audit sequence of the last review decision about each record."""
    numbers = sorted(set().union(*decided.values()))
    events = audit.events_about(session, "disposal_list", numbers,
                                ["archive.disposal_item_excluded",
                                 "archive.disposal_list_cancelled"], limit=100_000)
    last: dict[str, int] = {}
    for rid, lists in decided.items():
        number = by_id[rid].file_number
        seqs = [e.seq for e in events if e.object_id in lists and (
            e.action == "archive.disposal_list_cancelled"
            or e.data.get("file_number") == number)]
        last[rid] = max(seqs, default=0)
    return last


def _last_changes(session: Session, records: list[Record]) -> dict[str, int]:
    """The audit sequence of the last recomputation of each record's dates: a metadata
    correction of the file, or a rule change of its series that recomputed records."""
    last: dict[str, int] = {}
    for event in audit.events_about(session, "archive_record", [r.id for r in records],
                                    ["archive.metadata_changed"], limit=100_000):
        last[event.object_id] = max(last.get(event.object_id, 0), event.seq)
    series_seq: dict[str, int] = {}
    for event in audit.events_about(session, "archive_series",
                                    sorted({r.series_code for r in records}),
                                    ["archive.series_changed"], limit=100_000):
        if event.data.get("recomputed"):
            series_seq[event.object_id] = max(series_seq.get(event.object_id, 0), event.seq)
    return {r.id: max(last.get(r.id, 0), series_seq.get(r.series_code, 0)) for r in records}


def _sampled_out(session: Session, due: list[Record], *, actor: str) -> list[Record]:
    """Keep the sample of sampled series (action becomes keep, audited); the rest."""
    codes = {r.series_code for r in due if r.action == DispositionAction.SAMPLE.value}
    percents = dict(session.execute(select(Series.code, Series.sample_percent)
                                    .where(Series.code.in_(codes))).all())
    rest = []
    for record in due:
        if record.action == DispositionAction.SAMPLE.value and kept_by_sample(
                record.file_number, percents.get(record.series_code)):
            record.action = DispositionAction.KEEP.value
            audit.record_event(session, "archive.record_kept_as_sample", actor=actor,
                               object_type="archive_record", object_id=record.file_number,
                               unit_code=record.unit_code,
                               data={"series": record.series_code,
                                     "sample_percent": percents.get(record.series_code)})
        else:
            rest.append(record)
    return rest


def _next_number(session: Session, year: int) -> str:
    """E/<year>/<seq>: lists are never deleted, so counting them is gap-free; the unique
    number refuses a concurrent twin (its transaction rolls back and retries later)."""
    prefix = f"E/{year}/"
    taken = session.scalar(select(func.count()).select_from(DisposalList)
                           .where(DisposalList.number.like(f"{prefix}%"))) or 0
    return f"{prefix}{taken + 1:04d}"


def prepare_lists(session: Session, *, today: date, actor: str) -> list[str]:
    """One destruction list per unit with the archived files whose period ended by
    ``today`` (action destroy, or sample and not kept), not held, not on an open list
    and not taken off one by a reviewer; their records become "listed". The numbers."""
    due = list(session.scalars(
        select(Record).where(Record.status == RecordStatus.ARCHIVED.value,
                             Record.retention_until <= today,
                             Record.action.in_(DUE_ACTIONS))
        .order_by(Record.unit_code, Record.file_number).with_for_update()))
    skipped = _held(session, [r.id for r in due]) | _taken_off_by_review(session, due)
    by_unit: dict[str, list[Record]] = defaultdict(list)
    for record in _sampled_out(session, [r for r in due if r.id not in skipped], actor=actor):
        by_unit[record.unit_code].append(record)
    numbers = []
    for unit_code, records in sorted(by_unit.items()):
        numbers.append(_new_list(session, unit_code, records, today=today, actor=actor))
    return numbers


def _new_list(session: Session, unit_code: str, records: list[Record], *, today: date,
              actor: str) -> str:
    listed = DisposalList(number=_next_number(session, today.year), unit_code=unit_code,
                          status=ListStatus.PREPARED.value, prepared_at=utcnow(),
                          prepared_by=actor)
    session.add(listed)
    session.flush()
    for record in records:
        session.add(DisposalItem(list_id=listed.id, record_id=record.id,
                                 state=ItemState.LISTED.value))
        record.status, record.disposal_list_id = RecordStatus.LISTED.value, listed.id
    audit.record_event(session, "archive.disposal_list_prepared", actor=actor,
                       object_type="disposal_list", object_id=listed.number,
                       unit_code=unit_code,
                       data={"files": [r.file_number for r in records],
                             "due_by": today.isoformat()})
    return listed.number


def is_reviewer(principal: Principal, listed: DisposalList) -> bool:
    """Archivists and the head of the list's unit review (see, exclude, cancel) it."""
    return is_archivist(principal) or principal.has_role("head", unit=listed.unit_code)


def get_list(session: Session, list_id: int, *, for_update: bool = False) -> DisposalList:
    listed = session.get(DisposalList, list_id, with_for_update=for_update)
    if listed is None:
        raise UnknownDisposalList()
    return listed


def get_list_for(session: Session, list_id: int, principal: Principal, *,
                 for_update: bool = False) -> DisposalList:
    """The list if ``principal`` reviews it; 404 otherwise (never telling it exists)."""
    listed = get_list(session, list_id, for_update=for_update)
    if not is_reviewer(principal, listed):
        raise UnknownDisposalList()
    return listed


def visible_lists(session: Session, principal: Principal, *,
                  status: str | None = None) -> list[DisposalList]:
    """The lists ``principal`` reviews (archivists all, heads their units'), newest first."""
    statement = select(DisposalList).order_by(DisposalList.id.desc())
    if status:
        statement = statement.where(DisposalList.status == status)
    return [item for item in session.scalars(statement) if is_reviewer(principal, item)]


def list_items(session: Session, listed: DisposalList) -> list[tuple[DisposalItem, Record]]:
    """The items of a list with their records, by file number."""
    return [(item, record) for item, record in session.execute(
        select(DisposalItem, Record).join(Record, Record.id == DisposalItem.record_id)
        .where(DisposalItem.list_id == listed.id).order_by(Record.file_number))]


def _require_reviewable(principal: Principal, listed: DisposalList) -> None:
    if not is_reviewer(principal, listed):
        raise NotAllowedInArchive()
    if listed.status != ListStatus.PREPARED.value:
        raise DisposalListClosed()


def exclude_item(session: Session, list_id: int, file_number: str, *,
                 principal: Principal, reason: str) -> None:
    """Take one file off a prepared list (it goes back to "archived"), with a reason."""
    text = clean_reason(reason)
    listed = get_list_for(session, list_id, principal, for_update=True)
    _require_reviewable(principal, listed)
    found = [(i, r) for i, r in list_items(session, listed) if r.file_number == file_number]
    if not found or found[0][0].state != ItemState.LISTED.value:
        raise UnknownRecord()
    item, record = found[0]
    item.state, item.excluded_reason = ItemState.EXCLUDED.value, text
    record.status, record.disposal_list_id = RecordStatus.ARCHIVED.value, None
    audit.record_event(session, "archive.disposal_item_excluded", actor=principal.login,
                       object_type="disposal_list", object_id=listed.number,
                       unit_code=listed.unit_code,
                       data={"file_number": file_number, "reason": text})


def cancel_list(session: Session, list_id: int, *, principal: Principal,
                reason: str) -> None:
    """Cancel a prepared list: every file on it goes back to "archived"."""
    text = clean_reason(reason)
    listed = get_list_for(session, list_id, principal, for_update=True)
    _require_reviewable(principal, listed)
    for item, record in list_items(session, listed):
        if item.state == ItemState.LISTED.value:
            record.status, record.disposal_list_id = RecordStatus.ARCHIVED.value, None
    listed.status = ListStatus.CANCELLED.value
    listed.cancelled_by, listed.cancelled_at = principal.login, utcnow()
    listed.cancel_reason = text
    audit.record_event(session, "archive.disposal_list_cancelled", actor=principal.login,
                       object_type="disposal_list", object_id=listed.number,
                       unit_code=listed.unit_code, data={"reason": text})
