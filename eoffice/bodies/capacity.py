"""In which capacity someone may resolve for a competent body on a given day: as the
holder of the body itself, or as the holder of a delegate body under a delegation in
force that covers the procedure. When neither, the reason in words ("your delegation
Decreto 2026/15 ended on 3 December 2026"). ``resolving_signer`` names who should sign."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice.bodies.competences import competent_body_row
from eoffice.bodies.delegations import delegation_in_force, delegations_of
from eoffice.bodies.directory import holder_on
from eoffice.bodies.domain import BodyKind, MemberRole
from eoffice.bodies.models import Body, BodyMember, Delegation
from eoffice.bodies.periods import long_date
from eoffice.shared.i18n import _, current_language
from eoffice.shared.localtime import local_date, local_today


@dataclass(frozen=True)
class Capacity:
    """Who resolves: the acting body, and the delegation it acts under (None: its own)."""

    acting_body: Body
    delegation: Delegation | None


def capacity_of(session: Session, body: Body, procedure_code: str | None, login: str,
                on: date) -> Capacity | None:
    """The capacity in which ``login`` resolves for ``body`` on day ``on``, or None."""
    if holder_on(session, body, on) == login:
        return Capacity(body, None)
    delegation = delegation_in_force(session, body, procedure_code, on)
    if delegation is not None:
        delegate = session.get(Body, delegation.delegate_body_id)
        if delegate is not None and holder_on(session, delegate, on) == login:
            return Capacity(delegate, delegation)
    return None


def resolving_signer(session: Session, procedure_code: str,
                     on: date | None = None) -> str | None:
    """The login who should sign a decree of ``procedure_code`` on day ``on`` (today):
    the delegate body's holder under a delegation in force, else the competent body's
    holder; None when the competent body is collegiate or none is set."""
    day = on or local_today()
    body = competent_body_row(session, procedure_code)
    if body is None or body.kind != BodyKind.SINGLE:
        return None
    delegation = delegation_in_force(session, body, procedure_code, day)
    if delegation is not None:
        delegate = session.get(Body, delegation.delegate_body_id)
        holder = holder_on(session, delegate, day) if delegate is not None else None
        if holder is not None:
            return holder
    return holder_on(session, body, day)


def _held_by(session: Session, body_id: int, login: str) -> list[BodyMember]:
    return list(session.scalars(select(BodyMember).where(
        BodyMember.body_id == body_id, BodyMember.login == login,
        BodyMember.role == MemberRole.HOLDER).order_by(BodyMember.valid_from.desc())))


def _delegation_reason(row: Delegation, on: date, language: str) -> str | None:
    if row.revoked_at is not None:
        text = _("Your delegation %(reference)s was revoked on %(day)s.",
                 reference=row.reference, day=long_date(local_date(row.revoked_at), language))
    elif row.valid_to is not None and row.valid_to < on:
        text = _("Your delegation %(reference)s ended on %(day)s.", reference=row.reference,
                 day=long_date(row.valid_to, language))
    elif row.valid_from > on:
        text = _("Your delegation %(reference)s starts on %(day)s.",
                 reference=row.reference, day=long_date(row.valid_from, language))
    else:
        return None
    return str(text)


def refusal_reason(session: Session, body: Body, procedure_code: str | None, login: str,
                   on: date) -> str:
    """Why ``login`` may not resolve for ``body`` on day ``on``, in the reader's words."""
    language = current_language()
    name = body.name.get(language) or body.name.get("es") or body.key
    for row in delegations_of(session, body, procedure_code):
        if _held_by(session, row.delegate_body_id, login):
            reason = _delegation_reason(row, on, language)
            if reason is not None:
                return reason
            delegate = session.get(Body, row.delegate_body_id)
            label = (delegate.name.get(language) or delegate.key) if delegate else "?"
            return str(_("You do not hold %(body)s today, the body the delegation "
                         "%(reference)s is made to.", body=label, reference=row.reference))
    held = _held_by(session, body.id, login)
    if held and held[0].valid_to is not None and held[0].valid_to < on:
        return str(_("You held %(body)s until %(day)s.", body=name,
                     day=long_date(held[0].valid_to, language)))
    if held and held[0].valid_from > on:
        return str(_("You hold %(body)s from %(day)s.", body=name,
                     day=long_date(held[0].valid_from, language)))
    return str(_("You do not hold %(body)s, the competent body, and no delegation in force "
                 "today lets you sign for it.", body=name))
