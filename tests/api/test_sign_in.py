"""Signing in and out with a password, as a person in the browser would (no JS needed)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice.app import create_app
from eoffice.audit.models import AuditEvent
from eoffice.identity.models import Account
from eoffice.shared.clock import frozen_at
from tests.conftest import csrf_from, make_settings, sign_in


def _last_event(db: Session) -> AuditEvent:
    event = db.scalar(select(AuditEvent).order_by(AuditEvent.seq.desc()).limit(1))
    assert event is not None
    return event


def test_citizen_signs_in_and_lands_in_their_area(client: FlaskClient, db: Session) -> None:
    response = sign_in(client, "ana")
    assert response.status_code == 302
    assert response.headers["Location"] == "/citizen"
    assert client.get("/api/v1/me").json["login"] == "ana"
    assert _last_event(db).action == "identity.signed_in"


def test_clerk_lands_in_the_back_office(client: FlaskClient) -> None:
    assert sign_in(client, "clerk").headers["Location"] == "/backoffice"
    page = client.get("/backoffice").get_data(as_text=True)
    assert "URB" in page


def test_wrong_password_is_refused_audited_and_does_not_sign_in(
    client: FlaskClient, db: Session
) -> None:
    response = sign_in(client, "ana", "not-her-password")
    assert response.status_code == 401
    assert "The user name or the password is not correct." in response.get_data(as_text=True)
    assert client.get("/api/v1/me").status_code == 401
    event = _last_event(db)
    assert (event.action, event.data["reason"]) == ("identity.sign_in_failed", "wrong_password")


def test_unknown_user_gets_the_same_message_as_a_wrong_password(client: FlaskClient) -> None:
    response = sign_in(client, "nobody", "whatever")
    assert response.status_code == 401
    assert "The user name or the password is not correct." in response.get_data(as_text=True)


def test_five_failures_lock_the_account_even_for_the_right_password(
    client: FlaskClient, db: Session
) -> None:
    for _ in range(5):
        sign_in(client, "bernat", "wrong")
    response = sign_in(client, "bernat", "bernat")
    assert response.status_code == 401
    assert "locked" in response.get_data(as_text=True)
    assert client.get("/api/v1/me").status_code == 401
    account = db.scalar(select(Account).filter_by(login="bernat"))
    assert account is not None and account.locked_until is not None


def test_sign_out_needs_the_csrf_token_and_then_ends_the_session(client: FlaskClient) -> None:
    sign_in(client, "ana")
    forged = client.post("/sign-out")
    assert forged.status_code == 400
    assert client.get("/api/v1/me").status_code == 200
    token = csrf_from(client.get("/citizen").get_data(as_text=True))
    assert client.post("/sign-out", data={"csrf_token": token}).status_code == 302
    assert client.get("/api/v1/me").status_code == 401


def test_sign_in_does_not_redirect_to_another_site(client: FlaskClient) -> None:
    page = client.get("/sign-in").get_data(as_text=True)
    response = client.post(
        "/sign-in",
        data={"login": "ana", "password": "ana", "next": "//evil.example/x",
              "csrf_token": csrf_from(page)},
    )
    assert response.headers["Location"] == "/citizen"


def test_pages_of_the_citizen_area_send_anonymous_visitors_to_sign_in(
    client: FlaskClient,
) -> None:
    response = client.get("/citizen")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/sign-in?next=/citizen")


def test_citizen_cannot_open_the_back_office_or_admin(client: FlaskClient) -> None:
    sign_in(client, "ana")
    assert client.get("/backoffice").status_code == 403
    assert client.get("/admin").status_code == 403


def test_clerk_of_another_unit_gets_403_page_for_a_units_staff(client: FlaskClient) -> None:
    sign_in(client, "clerk2")
    assert client.get("/backoffice/units/HAC").status_code == 200
    response = client.get("/backoffice/units/URB")
    assert response.status_code == 403
    assert "Clara" not in response.get_data(as_text=True)


def test_repeated_sign_in_attempts_are_rate_limited(
    tmp_path: Path, database_url: str, db: Session
) -> None:
    app = create_app(make_settings(tmp_path, database_url, sign_in_rate_limit="3 per minute"))
    app.extensions["eoffice.database"] = client_database = app.extensions["eoffice.database"]
    client_database.bind_to(db.connection())
    client = app.test_client()
    statuses = [sign_in(client, "nobody", "x").status_code for _ in range(4)]
    assert statuses == [401, 401, 401, 429]


def test_after_the_lock_runs_out_the_right_password_signs_in_and_one_slip_does_not_relock(
    client: FlaskClient, db: Session
) -> None:
    for _ in range(5):
        sign_in(client, "bernat", "wrong")
    later = datetime.now(UTC) + timedelta(minutes=16)
    with frozen_at(later):
        assert sign_in(client, "bernat", "wrong").status_code == 401
        account = db.scalar(select(Account).filter_by(login="bernat"))
        assert account is not None
        db.refresh(account)
        assert (account.failed_sign_ins, account.locked_until) == (1, None)
        assert sign_in(client, "bernat", "bernat").status_code == 302


def test_a_cookie_copied_before_sign_out_no_longer_signs_in(client: FlaskClient) -> None:
    sign_in(client, "ana")
    stolen = client.get_cookie("eoffice_session")
    assert stolen is not None
    token = csrf_from(client.get("/citizen").get_data(as_text=True))
    client.post("/sign-out", data={"csrf_token": token})
    client.set_cookie("eoffice_session", stolen.value)
    assert client.get("/api/v1/me").status_code == 401


def test_a_disabled_account_is_signed_out_at_its_next_request(
    client: FlaskClient, db: Session
) -> None:
    sign_in(client, "ana")
    assert client.get("/api/v1/me").status_code == 200
    account = db.scalar(select(Account).filter_by(login="ana"))
    assert account is not None
    account.is_active = False
    db.flush()
    assert client.get("/api/v1/me").status_code == 401
