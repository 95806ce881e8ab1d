"""A person's live web sessions as she sees them, and their ending (ADR 0054): one of
hers, all but the one she is using, or, by an administrator or the command line, every
session of an account. Each ending is audited as ``identity.web_session_ended``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Select, select, update
from sqlalchemy.orm import Session

from eoffice import audit
from eoffice.identity.browsers import browser_label
from eoffice.identity.errors import UnknownWebSession
from eoffice.identity.models import Account, WebSession
from eoffice.identity.services.web_sessions import SessionLimits, token_digest
from eoffice.shared.clock import utcnow


@dataclass(frozen=True)
class WebSessionView:
    """One live session as its owner sees it. ``id`` is the row's, never the token.

    ``last_active_about`` is when the session was last extended (``expires_at`` minus the
    idle limit; activity within the minute after is not written), or None when the
    absolute limit caps the session and the last activity cannot be told.
    """

    id: int
    started_at: datetime
    last_active_about: datetime | None
    active_until: datetime
    address: str
    user_agent: str | None
    browser: str | None
    current: bool


@dataclass(frozen=True)
class EndedSessions:
    """The sessions an ending closed (row ids) and whether this browser's was one."""

    ids: list[int]
    this_browser: bool = False

    @property
    def count(self) -> int:
        return len(self.ids)


@dataclass(frozen=True)
class OwnSession:
    """A live session of the caller's account, and whether it is this browser's."""

    id: int
    this_browser: bool


def _live(account_id: int) -> Select[WebSession]:
    return select(WebSession).where(
        WebSession.account_id == account_id, WebSession.ended_at.is_(None),
        WebSession.expires_at > utcnow())


def _last_active(row: WebSession, limits: SessionLimits) -> datetime | None:
    if row.expires_at >= row.created_at + limits.absolute:
        return None  # capped: the idle limit no longer moves, activity is not written
    return max(row.created_at, row.expires_at - limits.idle)


def list_live_web_sessions(
    session: Session, account_id: int, *, limits: SessionLimits, current_token: str | None,
) -> list[WebSessionView]:
    """The account's sessions that still sign a browser in: the one of ``current_token``
    (this browser) first, then the newest first."""
    current = token_digest(current_token) if current_token else None
    now = utcnow()
    views = [
        WebSessionView(
            id=row.id, started_at=row.created_at,
            last_active_about=now if row.token_sha256 == current else _last_active(row, limits),
            active_until=row.expires_at, address=row.client, user_agent=row.user_agent,
            browser=browser_label(row.user_agent), current=row.token_sha256 == current,
        )
        for row in session.scalars(_live(account_id))
    ]
    return sorted(views, key=lambda view: (not view.current, -view.started_at.timestamp(),
                                           -view.id))


def _end(session: Session, ids: list[int]) -> int:
    """End those of ``ids`` still open; how many that was."""
    if not ids:
        return 0
    done = session.execute(update(WebSession)
                           .where(WebSession.id.in_(ids), WebSession.ended_at.is_(None))
                           .values(ended_at=utcnow()))
    return int(getattr(done, "rowcount", 0))


def _record(session: Session, account: Account, ended: EndedSessions, *, how: str,
            actor: str, via: str, client: str) -> None:
    audit.record_event(
        session, "identity.web_session_ended", actor=actor, object_type="account",
        object_id=account.login,
        data={"how": how, "sessions": ended.ids, "via": via, "client": client},
    )


def get_own_web_session(
    session: Session, account_id: int, session_id: int, *, current_token: str | None,
) -> OwnSession:
    """The live session ``session_id`` of the account; :class:`UnknownWebSession` (404)
    when it is someone else's, ended, expired or unknown."""
    row = session.scalar(_live(account_id).where(WebSession.id == session_id))
    if row is None:
        raise UnknownWebSession()
    return OwnSession(row.id, this_browser=current_token is not None
                      and row.token_sha256 == token_digest(current_token))


def end_own_web_session(
    session: Session, account_id: int, own: OwnSession, *, actor: str, via: str, client: str,
) -> EndedSessions:
    """End ``own`` (found by :func:`get_own_web_session`, which answers 404 for a session
    not the account's); :class:`UnknownWebSession` when it ended meanwhile."""
    if not _end(session, [own.id]):
        raise UnknownWebSession()  # ended by another request in the meantime
    ended = EndedSessions([own.id], this_browser=own.this_browser)
    _record(session, session.get_one(Account, account_id), ended, how="one", actor=actor,
            via=via, client=client)
    return ended


def end_other_web_sessions(
    session: Session, account_id: int, *, current_token: str | None, actor: str, via: str,
    client: str,
) -> EndedSessions:
    """End every live session of the account but this browser's (all of them for a
    caller without one); audited when there was any."""
    query = _live(account_id)
    if current_token is not None:
        query = query.where(WebSession.token_sha256 != token_digest(current_token))
    ended = EndedSessions(sorted(session.scalars(query.with_only_columns(WebSession.id))))
    _end(session, ended.ids)
    if ended.ids:
        _record(session, session.get_one(Account, account_id), ended, how="all_others",
                actor=actor, via=via, client=client)
    return ended


def end_account_web_sessions(
    session: Session, account: Account, *, actor: str, via: str, client: str,
) -> EndedSessions:
    """End every live session of ``account`` (an administrator's or the command line's
    doing: always audited, even when there was none). API tokens are not touched."""
    ended = EndedSessions(sorted(session.scalars(
        _live(account.id).with_only_columns(WebSession.id))))
    _end(session, ended.ids)
    _record(session, account, ended, how="all", actor=actor, via=via, client=client)
    return ended
