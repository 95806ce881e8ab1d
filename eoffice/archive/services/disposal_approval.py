"""Approving a destruction list: an archivist (``archive.manage``) and the head of the
list's unit, two different people. The second approval makes the list "approved" and
hands it to the worker through the outbox (``archive.disposal_approved``)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from eoffice import audit
from eoffice.archive.domain import ListStatus
from eoffice.archive.errors import (
    AlreadyApproved,
    DisposalListClosed,
    NotAllowedInArchive,
    SameApprover,
)
from eoffice.archive.models import DisposalList
from eoffice.archive.services.access import is_archivist
from eoffice.archive.services.disposal_lists import get_list_for
from eoffice.archive.topics import DISPOSAL_APPROVED_TOPIC
from eoffice.identity import Principal
from eoffice.shared import outbox
from eoffice.shared.clock import utcnow

ARCHIVIST, HEAD = "archivist", "head"


def approval_slot(principal: Principal, listed: DisposalList) -> str:
    """Which approval ``principal`` gives now: the first empty one she may give."""
    may = {ARCHIVIST: is_archivist(principal),
           HEAD: principal.has_role("head", unit=listed.unit_code)}
    if not any(may.values()):
        raise NotAllowedInArchive()
    given = {ARCHIVIST: listed.archivist_approved_by, HEAD: listed.head_approved_by}
    for role in (ARCHIVIST, HEAD):
        if may[role] and given[role] is None:
            other = given[HEAD if role == ARCHIVIST else ARCHIVIST]
            if other == principal.login:
                raise SameApprover()
            return role
    raise AlreadyApproved()


def may_approve(principal: Principal, listed: DisposalList) -> bool:
    """Whether ``principal`` may give an approval to ``listed`` now (for the buttons)."""
    if listed.status != ListStatus.PREPARED.value:
        return False
    try:
        approval_slot(principal, listed)
    except (NotAllowedInArchive, SameApprover, AlreadyApproved):
        return False
    return True


def approve_list(session: Session, list_id: int, *, principal: Principal) -> str:
    """Give ``principal``'s approval to a prepared list; which one she gave
    ("archivist" or "head"). SameApprover when she gave the other one, AlreadyApproved
    when hers is given, 403 when she may give neither."""
    listed = get_list_for(session, list_id, principal, for_update=True)
    if listed.status in (ListStatus.APPROVED.value, ListStatus.EXECUTED.value):
        approval_slot(principal, listed)  # 403 for who may not approve, else 409 below
        raise AlreadyApproved()
    if listed.status != ListStatus.PREPARED.value:
        raise DisposalListClosed()
    role, now = approval_slot(principal, listed), utcnow()
    if role == ARCHIVIST:
        listed.archivist_approved_by, listed.archivist_approved_at = principal.login, now
    else:
        listed.head_approved_by, listed.head_approved_at = principal.login, now
    audit.record_event(session, "archive.disposal_list_approved", actor=principal.login,
                       object_type="disposal_list", object_id=listed.number,
                       unit_code=listed.unit_code, data={"as": role})
    if listed.archivist_approved_by and listed.head_approved_by:
        listed.status = ListStatus.APPROVED.value
        outbox.enqueue(session, DISPOSAL_APPROVED_TOPIC, {"list_id": listed.id},
                       dedup_key=f"{DISPOSAL_APPROVED_TOPIC}:{listed.id}")
    return role
