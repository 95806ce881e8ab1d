"""Ending sessions from the command line (`eoffice accounts end-sessions LOGIN`) and what
"My sessions" can honestly say about a session's last activity (ADR 0054)."""

from __future__ import annotations

from datetime import timedelta

from click.testing import CliRunner
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice.audit.models import AuditEvent
from eoffice.cli import main
from eoffice.identity import get_account
from eoffice.identity.commands import end_sessions_command
from eoffice.identity.models import WebSession
from eoffice.identity.services.session_control import list_live_web_sessions
from eoffice.identity.services.web_sessions import (
    SessionLimits,
    open_web_session,
    token_digest,
)
from tests.conftest import sign_in

LIMITS = SessionLimits(absolute=timedelta(hours=8), idle=timedelta(minutes=30))


def _signed_in(app: Flask, login: str) -> FlaskClient:
    browser = app.test_client()
    assert sign_in(browser, login).status_code == 302  # type: ignore[attr-defined]
    return browser


def _who(browser: FlaskClient) -> str | None:
    answer = browser.get("/api/v1/me")
    return str(answer.json["login"]) if answer.status_code == 200 and answer.json else None


def test_the_command_ends_every_session_of_the_account_and_says_how_many(
        app: Flask, db: Session) -> None:
    browsers = [_signed_in(app, "clerk"), _signed_in(app, "clerk")]
    ana = _signed_in(app, "ana")
    with app.app_context():
        result = CliRunner().invoke(end_sessions_command, ["clerk"])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "2 web sessions of clerk ended"
    assert [_who(browser) for browser in browsers] == [None, None]
    assert _who(ana) == "ana"
    event = db.scalars(select(AuditEvent).filter_by(action="identity.web_session_ended")
                       .order_by(AuditEvent.seq.desc())).first()
    assert event is not None
    assert (event.actor, event.object_id, event.data["how"], event.data["via"]) == (
        "cli", "clerk", "all", "cli")
    with app.app_context():
        again = CliRunner().invoke(end_sessions_command, ["clerk"])
    assert again.output.strip() == "0 web sessions of clerk ended"


def test_the_command_refuses_an_unknown_login(app: Flask, db: Session) -> None:
    with app.app_context():
        result = CliRunner().invoke(end_sessions_command, ["nobody"])
    assert result.exit_code == 1
    assert "identity.unknown_account" in result.output


def test_the_command_is_eoffice_accounts_end_sessions() -> None:
    accounts = main.commands["accounts"]
    assert getattr(accounts, "commands", {}).get("end-sessions") is end_sessions_command


def test_last_activity_is_told_from_the_idle_limit_and_unknown_once_capped(
        db: Session) -> None:
    account = get_account(db, "bernat")
    token = open_web_session(db, account, limits=LIMITS, client="192.0.2.1",
                             user_agent="Mozilla/5.0 (Android 14) Firefox/126.0")
    row = db.scalars(select(WebSession).filter_by(token_sha256=token_digest(token))).one()
    [fresh] = list_live_web_sessions(db, account.id, limits=LIMITS, current_token=None)
    assert fresh.last_active_about == row.created_at  # opened, not used since
    assert fresh.browser == "Firefox 126 · Android" and fresh.address == "192.0.2.1"
    row.expires_at = row.created_at + timedelta(hours=2)  # extended after 1 h 30 min
    db.flush()
    [used] = list_live_web_sessions(db, account.id, limits=LIMITS, current_token=None)
    assert used.last_active_about == row.created_at + timedelta(minutes=90)
    row.expires_at = row.created_at + LIMITS.absolute
    db.flush()
    [capped] = list_live_web_sessions(db, account.id, limits=LIMITS, current_token=None)
    assert capped.last_active_about is None and capped.active_until == row.expires_at
    [mine] = list_live_web_sessions(db, account.id, limits=LIMITS, current_token=token)
    assert mine.current and mine.last_active_about is not None
