"""Passwords are checked exactly as typed: long passphrases work, nothing is cut off,
and the form lets password managers fill it in (ASVS V6.2.6 to V6.2.9)."""

from __future__ import annotations

from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice.identity import passwords
from eoffice.identity.models import Account
from tests.conftest import sign_in


def _set_password(db: Session, login: str, password: str) -> None:
    account = db.scalars(select(Account).filter_by(login=login)).one()
    account.password_hash = passwords.hash_password(password)
    db.flush()


def test_a_long_passphrase_with_any_characters_signs_in(
        client: FlaskClient, db: Session) -> None:
    passphrase = "correct horse battery staple, ñandú i l'àvia — 2026 ☂ " * 2  # 110 chars
    _set_password(db, "ana", passphrase)
    assert sign_in(client, "ana", passphrase).status_code == 302


def test_a_password_is_never_cut_to_fit(client: FlaskClient, db: Session) -> None:
    password = "p" * 1000
    _set_password(db, "ana", password)
    assert sign_in(client, "ana", password + "extra").status_code == 401
    assert sign_in(client, "ana", password).status_code == 302


def test_the_password_field_is_masked_and_open_to_password_managers(
        client: FlaskClient) -> None:
    page = client.get("/sign-in").get_data(as_text=True)
    assert 'type="password"' in page
    assert 'autocomplete="current-password"' in page
    assert "onpaste" not in page
