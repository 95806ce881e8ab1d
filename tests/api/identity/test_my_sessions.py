"""A person sees her live web sessions at /account/sessions (and /api/v1/me/sessions) and
signs out one of them or all the others, having signed in within the last 15 minutes;
someone else's session, or one that has ended, is 404 and nothing ends; an administrator
ends all of someone's; each ending is audited (ADR 0054)."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice.audit.models import AuditEvent
from eoffice.identity.models import Account, WebSession
from tests.conftest import csrf_from, sign_in

PAGE = "/account/sessions"
FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
IPHONE = ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 "
          "(KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1")
EDGE = ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/124.0.0.0 Safari/537.36 Edg/124.0.2478.51")
ROW = re.compile(r'<tr class="govuk-table__row" data-testid="session-(\d+)".*?</tr>', re.S)


def _browser(client: FlaskClient, login: str, user_agent: str) -> FlaskClient:
    """A browser of its own (its own cookie and User-Agent), signed in as ``login``."""
    browser = client.application.test_client()
    browser.environ_base["HTTP_USER_AGENT"] = user_agent
    assert sign_in(browser, login).status_code == 302  # type: ignore[attr-defined]
    return browser


def _who(client: FlaskClient) -> str | None:
    answer = client.get("/api/v1/me")
    return str(answer.json["login"]) if answer.status_code == 200 and answer.json else None


def _sessions(client: FlaskClient, headers: dict[str, str] | None = None,
              ) -> list[dict[str, Any]]:
    answer = client.get("/api/v1/me/sessions", headers=headers or {})
    assert answer.status_code == 200, answer.json
    return list(answer.json["items"])


def _mine(client: FlaskClient) -> int:
    """The row id of the session this browser is signed in with."""
    return next(item["id"] for item in _sessions(client) if item["current"])


def _post(client: FlaskClient, path: str) -> Any:
    token = csrf_from(client.get(PAGE).get_data(as_text=True))
    return client.post(path, data={"csrf_token": token})


def _ended_events(db: Session) -> list[AuditEvent]:
    return list(db.scalars(select(AuditEvent).filter_by(action="identity.web_session_ended")
                           .order_by(AuditEvent.seq)))


def _rows(page: str) -> dict[int, str]:
    return {int(match.group(1)): match.group(0) for match in ROW.finditer(page)}


def test_the_page_lists_both_browsers_of_a_person_with_this_one_marked(
        client: FlaskClient) -> None:
    laptop = _browser(client, "ana", FIREFOX)
    phone = _browser(client, "ana", IPHONE)
    page = laptop.get(PAGE)
    assert page.status_code == 200
    rows = _rows(page.get_data(as_text=True))
    assert set(rows) == {_mine(laptop), _mine(phone)}
    assert 'data-testid="this-session"' in rows[_mine(laptop)]
    assert "Firefox 128 · Linux" in rows[_mine(laptop)]
    assert 'data-testid="this-session"' not in rows[_mine(phone)]
    assert "Safari 17 · iPhone" in rows[_mine(phone)]
    assert 'data-testid="end-session"' in rows[_mine(phone)]
    assert 'data-testid="end-session"' not in rows[_mine(laptop)]
    assert "about " in rows[_mine(phone)]  # last activity, derived from the idle limit


def test_ending_the_other_session_signs_it_out_and_leaves_this_one(
        client: FlaskClient, db: Session) -> None:
    laptop = _browser(client, "ana", FIREFOX)
    phone = _browser(client, "ana", IPHONE)
    other = _mine(phone)
    answer = _post(laptop, f"{PAGE}/{other}/end")
    assert answer.status_code == 302 and answer.headers["Location"].endswith(PAGE)
    assert _who(phone) is None  # its next request is anonymous
    assert _who(laptop) == "ana"
    assert other not in _rows(laptop.get(PAGE).get_data(as_text=True))
    event = _ended_events(db)[-1]
    assert (event.actor, event.object_type, event.object_id) == ("ana", "account", "ana")
    assert event.data == {"how": "one", "sessions": [other], "via": "web",
                          "client": "127.0.0.1"}


def test_signing_out_all_other_sessions_leaves_only_this_one(
        client: FlaskClient, db: Session) -> None:
    laptop = _browser(client, "clerk", FIREFOX)
    phone = _browser(client, "clerk", IPHONE)
    office = _browser(client, "clerk", EDGE)
    others = sorted([_mine(phone), _mine(office)])
    answer = _post(laptop, f"{PAGE}/end-others")
    assert answer.status_code == 302
    assert "2 other sessions are signed out." in laptop.get(PAGE).get_data(as_text=True)
    assert (_who(phone), _who(office), _who(laptop)) == (None, None, "clerk")
    page = laptop.get(PAGE).get_data(as_text=True)
    assert list(_rows(page)) == [_mine(laptop)]
    assert 'data-testid="no-other-sessions"' in page
    event = _ended_events(db)[-1]
    assert (event.actor, event.data["how"], event.data["sessions"]) == (
        "clerk", "all_others", others)


def test_someone_elses_session_is_404_and_nothing_ends(
        client: FlaskClient, db: Session, token_for: Callable[[str], dict[str, str]]) -> None:
    ana = _browser(client, "ana", FIREFOX)
    bernat = _browser(client, "bernat", EDGE)
    hers = _mine(ana)
    assert _post(bernat, f"{PAGE}/{hers}/end").status_code == 404
    answer = client.delete(f"/api/v1/me/sessions/{hers}", headers=token_for("bernat"))
    assert (answer.status_code, answer.json["code"]) == (404, "identity.unknown_web_session")
    assert _who(ana) == "ana"
    assert hers not in [item["id"] for item in _sessions(bernat)]
    assert db.get_one(WebSession, hers).ended_at is None
    assert _ended_events(db) == []


def test_a_session_that_has_ended_already_is_404(client: FlaskClient, db: Session) -> None:
    laptop = _browser(client, "ana", FIREFOX)
    phone = _browser(client, "ana", IPHONE)
    other = _mine(phone)
    assert _post(laptop, f"{PAGE}/{other}/end").status_code == 302
    assert _post(laptop, f"{PAGE}/{other}/end").status_code == 404
    assert laptop.delete(f"/api/v1/me/sessions/{other}",
                         headers={"X-CSRFToken": csrf_from(laptop.get(PAGE).get_data(
                             as_text=True))}).status_code == 404
    assert len(_ended_events(db)) == 1


def test_ending_this_browsers_own_session_signs_it_out(client: FlaskClient) -> None:
    laptop = _browser(client, "ana", FIREFOX)
    answer = _post(laptop, f"{PAGE}/{_mine(laptop)}/end")
    assert answer.status_code == 302 and answer.headers["Location"].endswith("/")
    assert _who(laptop) is None


def test_the_api_lists_my_sessions_by_row_id_and_ends_one(
        client: FlaskClient, db: Session, token_for: Callable[[str], dict[str, str]]) -> None:
    headers = token_for("clerk")
    phone = _browser(client, "clerk", IPHONE)
    items = _sessions(client, headers)
    assert len(items) == 1 and not items[0]["current"]  # a token is no browser session
    row = db.get_one(WebSession, items[0]["id"])
    assert items[0]["browser"] == "Safari 17 · iPhone" and items[0]["user_agent"] == IPHONE
    assert row.token_sha256 not in str(items) and items[0]["address"] == "127.0.0.1"
    assert items[0]["started_at"] and items[0]["active_until"]
    laptop = _browser(client, "clerk", FIREFOX)
    csrf = {"X-CSRFToken": csrf_from(laptop.get(PAGE).get_data(as_text=True))}
    assert laptop.delete(f"/api/v1/me/sessions/{row.id}", headers=csrf).status_code == 204
    assert _who(phone) is None and _who(laptop) == "clerk"
    assert [item["id"] for item in _sessions(client, headers)] == [_mine(laptop)]
    assert _ended_events(db)[-1].data["via"] == "api"


def test_an_api_token_cannot_end_a_browser_session_without_a_fresh_sign_in(
        client: FlaskClient, db: Session, token_for: Callable[[str], dict[str, str]]) -> None:
    phone = _browser(client, "clerk", IPHONE)
    answer = client.delete(f"/api/v1/me/sessions/{_mine(phone)}", headers=token_for("clerk"))
    assert (answer.status_code, answer.json["code"]) == (
        401, "identity.reauthentication_required")
    assert _who(phone) == "clerk"
    assert _ended_events(db) == []


def _signed_in_minutes_ago(db: Session, session_id: int, minutes: int) -> None:
    row = db.get_one(WebSession, session_id)
    row.created_at -= timedelta(minutes=minutes)
    db.flush()


def test_ending_other_sessions_asks_to_sign_in_again_after_15_minutes(
        client: FlaskClient, db: Session) -> None:
    laptop = _browser(client, "ana", FIREFOX)
    phone = _browser(client, "ana", IPHONE)
    _signed_in_minutes_ago(db, _mine(laptop), 20)
    for path in (f"{PAGE}/{_mine(phone)}/end", f"{PAGE}/end-others"):
        answer = _post(laptop, path)
        assert answer.status_code == 302
        assert answer.headers["Location"].startswith("/reauthenticate?next=")
        assert _who(phone) == "ana"
    assert _ended_events(db) == []
    confirm = laptop.get(answer.headers["Location"]).get_data(as_text=True)
    assert "Before you sign out your other sessions" in confirm
    laptop.post("/reauthenticate", data={"csrf_token": csrf_from(confirm),
                                         "password": "ana", "next": PAGE})
    assert _post(laptop, f"{PAGE}/end-others").status_code == 302
    assert (_who(phone), _who(laptop)) == (None, "ana")


def test_an_administrator_ends_every_session_of_a_person_and_her_tokens_stay(
        client: FlaskClient, db: Session, token_for: Callable[[str], dict[str, str]]) -> None:
    clerk_token = token_for("clerk")
    browsers = [_browser(client, "clerk", FIREFOX), _browser(client, "clerk", IPHONE)]
    ids = sorted(_mine(browser) for browser in browsers)
    answer = client.delete("/api/v1/admin/accounts/clerk/sessions", headers=token_for("admin"))
    assert answer.status_code == 204
    assert [_who(browser) for browser in browsers] == [None, None]
    assert client.get("/api/v1/me", headers=clerk_token).json["login"] == "clerk"
    event = _ended_events(db)[-1]
    assert (event.actor, event.object_id, event.data["how"], event.data["sessions"]) == (
        "admin", "clerk", "all", ids)


def test_a_clerk_cannot_end_someone_elses_sessions_and_nothing_ends(
        client: FlaskClient, db: Session, token_for: Callable[[str], dict[str, str]]) -> None:
    ana = _browser(client, "ana", FIREFOX)
    answer = client.delete("/api/v1/admin/accounts/ana/sessions", headers=token_for("clerk"))
    assert answer.status_code == 403
    assert _who(ana) == "ana"
    assert _ended_events(db) == []
    unknown = client.delete("/api/v1/admin/accounts/nobody/sessions",
                            headers=token_for("admin"))
    assert (unknown.status_code, unknown.json["code"]) == (404, "identity.unknown_account")


def test_the_user_agent_is_recorded_at_sign_in_cut_to_200_characters(
        client: FlaskClient, db: Session) -> None:
    odd = "CityKiosk/3.1 (" + "x" * 300 + ")"
    kiosk = _browser(client, "ana", odd)
    row = db.get_one(WebSession, _mine(kiosk))
    assert row.user_agent == odd[:200]
    row_html = _rows(kiosk.get(PAGE).get_data(as_text=True))[row.id]
    shown = re.search(r"<span[^>]*>([^<]*)</span>", row_html)
    assert shown is not None and shown.group(1).startswith("CityKiosk/3.1 (xxx")
    assert len(shown.group(1)) == 60 and shown.group(1).endswith("…")  # cut to be readable
    assert f'title="{odd[:200]}"' in row_html  # the whole header, for who wants it
    account = db.scalars(select(Account).filter_by(login="ana")).one()
    assert db.scalar(select(WebSession.user_agent).filter_by(account_id=account.id)
                     .order_by(WebSession.id.desc())) == odd[:200]


def test_everyone_signed_in_with_a_cookie_finds_the_link_in_the_header(
        client: FlaskClient) -> None:
    for login, page in (("ana", "/citizen"), ("clerk", "/backoffice"), ("admin", "/admin")):
        browser = _browser(client, login, FIREFOX)
        html = browser.get(page).get_data(as_text=True)
        assert 'data-testid="sessions-link"' in html and f'href="{PAGE}"' in html, login


def test_an_api_token_cannot_use_the_page(
        client: FlaskClient, token_for: Callable[[str], dict[str, str]]) -> None:
    assert client.get(PAGE, headers=token_for("ana")).status_code == 403
