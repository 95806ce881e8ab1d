"""An official changes her own password at /account/password (and through the API): the
current one is checked like a sign-in, the new one passes the policy, her other web
sessions end and this one stays, her API tokens keep working (ADR 0053)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice import identity
from eoffice.audit.models import AuditEvent
from eoffice.identity.models import Account
from eoffice.identity.services.sign_in import sign_in_external
from eoffice.identity.services.web_sessions import SessionLimits, open_web_session
from tests.conftest import csrf_from, sign_in

PAGE = "/account/password"
NEW = "tortuga violeta sobre patinete 31"
PASSPHRASE_64 = "l'àvia Montserrat pinta núvols liles al terrat — ñandú ☂ 2031 sí"
COOKIE = "eoffice_session"


def _change(client: FlaskClient, current: str, new: str, again: str | None = None,
            ) -> tuple[int, str]:
    token = csrf_from(client.get(PAGE).get_data(as_text=True))
    answer = client.post(PAGE, data={
        "csrf_token": token, "current_password": current, "new_password": new,
        "new_password_again": new if again is None else again})
    return answer.status_code, answer.get_data(as_text=True)


def _signs_in(app_client: FlaskClient, login: str, password: str) -> bool:
    return sign_in(app_client, login, password).status_code == 302  # type: ignore[attr-defined]


def _who(client: FlaskClient) -> str | None:
    answer = client.get("/api/v1/me")
    return str(answer.json["login"]) if answer.status_code == 200 and answer.json else None


def _events(db: Session, action: str) -> list[AuditEvent]:
    return list(db.scalars(select(AuditEvent).filter_by(action=action)
                           .order_by(AuditEvent.seq)))


def test_an_official_changes_her_password_and_only_the_new_one_works(
        client: FlaskClient) -> None:
    sign_in(client, "clerk")
    status, _page = _change(client, "clerk", NEW)
    assert status == 302
    assert not _signs_in(client.application.test_client(), "clerk", "clerk")
    assert _signs_in(client.application.test_client(), "clerk", NEW)


def test_the_page_asks_for_the_current_password_and_the_new_one_twice(
        client: FlaskClient) -> None:
    sign_in(client, "clerk")
    page = client.get(PAGE).get_data(as_text=True)
    assert page.count('type="password"') == 3
    assert 'autocomplete="current-password"' in page
    assert page.count('autocomplete="new-password"') == 2
    assert "API tokens keep working" in page


def test_staff_find_the_change_password_link_in_the_header(client: FlaskClient) -> None:
    sign_in(client, "clerk")
    page = client.get("/backoffice").get_data(as_text=True)
    assert 'data-testid="change-password-link"' in page
    assert f'href="{PAGE}"' in page


def test_a_wrong_current_password_is_refused_counted_and_changes_nothing(
        client: FlaskClient, db: Session) -> None:
    sign_in(client, "clerk")
    status, page = _change(client, "not-my-password", NEW)
    assert status == 422
    assert "Your current password is not correct." in page
    failed = _events(db, "identity.sign_in_failed")[-1]
    assert (failed.object_id, failed.data["reason"]) == ("clerk", "wrong_password")
    assert db.scalars(select(Account).filter_by(login="clerk")).one().failed_sign_ins == 1
    assert _events(db, "identity.password_changed") == []
    assert _signs_in(client.application.test_client(), "clerk", "clerk")


def test_wrong_current_passwords_lock_the_account_like_failed_sign_ins(
        client: FlaskClient) -> None:
    sign_in(client, "clerk")
    for _ in range(5):
        _change(client, "guess", NEW)
    status, page = _change(client, "clerk", NEW)
    assert status == 401
    assert "This account is locked" in page
    assert not _signs_in(client.application.test_client(), "clerk", NEW)
    assert not _signs_in(client.application.test_client(), "clerk", "clerk")


@pytest.mark.parametrize(("new", "message"), [
    ("short pass", "too short: use at least 12 characters"),
    ("password1234", "too common"),
    ("qwertyuiop12", "too common"),
    ("clerk2026clerk!", "contains your name, your user name"),
    ("Ajuntament de Demo 2026", "contains your name, your user name"),
])
def test_a_weak_new_password_is_refused_with_the_reason(
        client: FlaskClient, db: Session, new: str, message: str) -> None:
    sign_in(client, "clerk")
    status, page = _change(client, "clerk", new)
    assert status == 422
    assert message in page
    assert 'data-testid="password-errors"' in page
    assert _events(db, "identity.password_changed") == []
    assert _signs_in(client.application.test_client(), "clerk", "clerk")


def test_the_new_password_typed_twice_must_match(client: FlaskClient) -> None:
    sign_in(client, "clerk")
    status, page = _change(client, "clerk", NEW, again=NEW + "!")
    assert status == 422
    assert "The two new passwords are not the same." in page
    assert _signs_in(client.application.test_client(), "clerk", "clerk")


def test_a_64_character_passphrase_with_spaces_and_accents_is_accepted(
        client: FlaskClient) -> None:
    assert len(PASSPHRASE_64) == 64
    sign_in(client, "clerk")
    status, _page = _change(client, "clerk", PASSPHRASE_64)
    assert status == 302
    assert _signs_in(client.application.test_client(), "clerk", PASSPHRASE_64)


def test_other_sessions_end_this_one_stays_with_a_new_id_and_tokens_keep_working(
        client: FlaskClient, token_for: Callable[[str], dict[str, str]]) -> None:
    headers = token_for("clerk")
    other = client.application.test_client()
    sign_in(other, "clerk")
    sign_in(client, "clerk")
    before = client.get_cookie(COOKIE)
    assert before is not None and _who(other) == "clerk"
    status, _page = _change(client, "clerk", NEW)
    assert status == 302
    assert _who(client) == "clerk"  # the browser that changed it stays signed in
    assert _who(other) is None  # another browser is signed out
    stale = client.application.test_client()
    stale.set_cookie(COOKIE, before.value)
    assert _who(stale) is None  # the session id of this browser was replaced
    assert client.application.test_client().get("/api/v1/me", headers=headers).json[
        "login"] == "clerk"


def test_the_change_is_audited(client: FlaskClient, db: Session) -> None:
    sign_in(client, "clerk")
    _change(client, "clerk", NEW)
    event = _events(db, "identity.password_changed")[-1]
    assert (event.actor, event.object_type, event.object_id) == ("clerk", "account", "clerk")
    assert event.data["via"] == "web"
    assert event.data["web_sessions"] == "ended"
    assert NEW not in str(event.data)


def test_a_change_without_the_csrf_token_is_refused(client: FlaskClient) -> None:
    sign_in(client, "clerk")
    answer = client.post(PAGE, data={"current_password": "clerk", "new_password": NEW,
                                      "new_password_again": NEW})
    assert answer.status_code == 400
    assert _signs_in(client.application.test_client(), "clerk", "clerk")


def test_an_anonymous_visitor_is_sent_to_sign_in(client: FlaskClient) -> None:
    answer = client.get(PAGE)
    assert answer.status_code == 302
    assert "/sign-in" in answer.headers["Location"]


def _through_the_provider(client: FlaskClient, db: Session, subject: str, name: str, *,
                          clerk_in: str | None = None) -> Account:
    """``client`` signed in with a cookie as someone the identity provider vouched for
    (no password here), a clerk of ``clerk_in`` if given."""
    outcome = sign_in_external(db, issuer="https://idp.city.example",
                               claims={"sub": subject, "given_name": name}, client="t")
    assert outcome.account is not None and outcome.account.password_hash is None
    if clerk_in is not None:
        identity.assign_role(db, outcome.account, "clerk", unit_code=clerk_in, actor="test")
    token = open_web_session(db, outcome.account, client="t",
                             limits=SessionLimits(absolute=timedelta(hours=1),
                                                 idle=timedelta(hours=1)))
    db.flush()
    with client.session_transaction() as cookie:
        cookie["sid"] = token
    return outcome.account


def test_a_citizen_signed_in_with_a_digital_identity_has_no_password_page(
        client: FlaskClient, db: Session) -> None:
    account = _through_the_provider(client, db, "citizen-7", "Olga")
    assert _who(client) == account.login
    answer = client.get(PAGE)
    assert answer.status_code == 404
    assert "signs in with a digital identity" in answer.get_data(as_text=True)


def test_an_official_signed_in_only_through_the_provider_is_offered_no_password_change(
        client: FlaskClient, db: Session) -> None:
    _through_the_provider(client, db, "official-9", "Pau", clerk_in="URB")
    page = client.get("/backoffice/").get_data(as_text=True)
    assert 'data-testid="sessions-link"' in page  # signed in, in the back office
    assert 'data-testid="change-password-link"' not in page  # no password to change


def test_the_api_changes_the_password_of_the_token_holder(
        client: FlaskClient, token_for: Callable[[str], dict[str, str]]) -> None:
    headers = token_for("clerk")
    answer = client.post("/api/v1/me/password", headers=headers,
                         json={"current_password": "clerk", "new_password": NEW})
    assert answer.status_code == 204
    assert _signs_in(client.application.test_client(), "clerk", NEW)
    assert client.get("/api/v1/me", headers=headers).status_code == 200


def test_the_api_refuses_a_weak_password_with_a_stable_code(
        client: FlaskClient, token_for: Callable[[str], dict[str, str]]) -> None:
    headers = token_for("clerk")
    answer = client.post("/api/v1/me/password", headers=headers,
                         json={"current_password": "clerk", "new_password": "password1234"})
    assert answer.status_code == 422
    assert answer.mimetype == "application/problem+json"
    assert answer.json["code"] == "identity.weak_password"
    assert answer.json["errors"][0]["field"] == "new_password"
    assert answer.json["errors"][0]["code"] == "password_too_common"
    wrong = client.post("/api/v1/me/password", headers=headers,
                        json={"current_password": "nope", "new_password": NEW})
    assert (wrong.status_code, wrong.json["code"]) == (422, "identity.wrong_current_password")
    assert _signs_in(client.application.test_client(), "clerk", "clerk")



def test_the_api_refuses_a_password_that_is_not_unicode_text(
        client: FlaskClient, token_for: Callable[[str], dict[str, str]]) -> None:
    headers = {**token_for("clerk"), "Content-Type": "application/json"}
    for body in ('{"current_password": "\\ud800", "new_password": "x"}',
                 '{"current_password": "clerk", "new_password": "Xq7#vL2!mZ9w \\ud800"}'):
        answer = client.post("/api/v1/me/password", headers=headers, data=body)
        assert (answer.status_code, answer.json["code"]) == (422, "request.validation_failed")
