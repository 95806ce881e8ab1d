"""Signing in with a digital identity refuses every ID token it should not trust:
a wrong nonce, issuer or audience, an expired token, an unsigned (``alg: none``) one,
one signed with a key the provider does not publish (also when the token carries that
key in its header), and a callback replayed after use. Each refusal is the error page,
no session and no account. Re-authentication through the provider (before signing)
needs a fresh login (``auth_time``) of the same person.

The provider is a small OpenID provider on a loopback port, written here: it answers
discovery, JWKS and token requests like a real one, but hands out the ID token each
test asks for (pytest-iam's real provider only issues correct tokens; its positive
journeys are in ``test_oidc_sign_in.py``).
"""

from __future__ import annotations

import base64
import json
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from flask import Flask, jsonify, request
from flask.testing import FlaskClient
from joserfc import jwt
from joserfc.jwk import RSAKey
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from werkzeug.serving import make_server

from eoffice.audit.models import AuditEvent
from eoffice.identity.models import Account, WebSession
from tests.conftest import make_oidc_app
from tests.loopback import serving

CLIENT_ID = "eoffice"
REFUSED = "The identity provider did not confirm who you are."


@dataclass
class Provider:
    """The loopback provider: its address, its signing key and what it answers next."""

    url: str = ""
    key: RSAKey = field(default_factory=lambda: RSAKey.generate_key(2048, {"kid": "city"}))
    token_for: dict[str, Any] = field(default_factory=dict)  # code -> claims/header/key
    algorithms: tuple[str, ...] = ("RS256",)

    def id_token(self, code: str) -> str:
        plan = self.token_for[code]
        claims, header = plan["claims"], plan.get("header", {"alg": "RS256", "kid": "city"})
        if header.get("alg") == "none":
            return ".".join([_b64(header), _b64(claims), ""])
        return jwt.encode(header, claims, plan.get("key", self.key))


def _b64(part: dict[str, Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(part).encode()).rstrip(b"=").decode()


def _provider_app(provider: Provider) -> Flask:
    app = Flask("hostile_provider")

    @app.get("/.well-known/openid-configuration")
    def discovery() -> Any:
        return jsonify(issuer=provider.url, authorization_endpoint=f"{provider.url}/authorize",
                       token_endpoint=f"{provider.url}/token", jwks_uri=f"{provider.url}/jwks",
                       response_types_supported=["code"], subject_types_supported=["public"],
                       id_token_signing_alg_values_supported=list(provider.algorithms))

    @app.get("/jwks")
    def jwks() -> Any:
        return jsonify(keys=[provider.key.as_dict(private=False)])

    @app.post("/token")
    def token() -> Any:
        code = request.form.get("code", "")
        if code not in provider.token_for:
            return jsonify(error="invalid_grant"), 400
        return jsonify(access_token=f"at-{code}", token_type="Bearer", expires_in=300,
                       id_token=provider.id_token(code))

    return app


@pytest.fixture(scope="module")
def provider() -> Iterator[Provider]:
    hostile = Provider()
    server = make_server("127.0.0.1", 0, _provider_app(hostile), threaded=True)
    hostile.url = f"http://127.0.0.1:{server.server_port}"
    with serving(server):
        yield hostile


@pytest.fixture(scope="module")
def oidc_app(app: Flask, provider: Provider, database_url: str,
             tmp_path_factory: pytest.TempPathFactory) -> Flask:
    return make_oidc_app(tmp_path_factory.mktemp("oidc-negative"), database_url,
                         issuer=provider.url, client_id=CLIENT_ID, client_secret="secret")


def _claims(provider: Provider, nonce: str | None, **changes: Any) -> dict[str, Any]:
    now = int(time.time())
    claims = {"iss": provider.url, "sub": "hostile-subject", "aud": CLIENT_ID, "iat": now,
              "exp": now + 300, "auth_time": now, "nonce": nonce, "name": "Mallory"}
    claims.update(changes)
    return {name: value for name, value in claims.items() if value is not None}


def _start(browser: FlaskClient) -> dict[str, str]:
    answer = browser.get("/sign-in/oidc")
    assert answer.status_code == 302
    query = parse_qs(urlsplit(answer.location).query)
    return {"state": query["state"][0], "nonce": query["nonce"][0]}


def _callback(browser: FlaskClient, state: str, code: str) -> Any:
    return browser.get("/sign-in/oidc/callback", query_string={"state": state, "code": code},
                       headers={"Accept": "text/html"})


def _count(db: Session, model: type[Any]) -> int:
    return int(db.scalar(select(func.count()).select_from(model)) or 0)


def _assert_refused(browser: FlaskClient, page: Any, db: Session, accounts: int) -> None:
    assert page.status_code == 401
    assert REFUSED in page.get_data(as_text=True)
    assert browser.get("/api/v1/me").status_code == 401
    assert _count(db, Account) == accounts


def test_a_correct_id_token_from_this_provider_signs_in(
        browser: FlaskClient, provider: Provider, oidc_db: Session) -> None:
    started = _start(browser)
    provider.token_for["good"] = {"claims": _claims(provider, started["nonce"])}
    landed = _callback(browser, started["state"], "good")
    assert landed.status_code == 302
    assert browser.get("/api/v1/me").json["name"] == "Mallory"


def _another_key() -> RSAKey:
    return RSAKey.generate_key(2048, {"kid": "city"})


def _key_in_header(provider: Provider, nonce: str) -> dict[str, Any]:
    key = RSAKey.generate_key(2048, {"kid": "attacker"})
    return {"claims": _claims(provider, nonce), "key": key,
            "header": {"alg": "RS256", "kid": "attacker", "jwk": key.as_dict(private=False)}}


FORGERIES: dict[str, Any] = {
    "wrong_nonce": lambda p, nonce: {"claims": _claims(p, "not-the-nonce")},
    "no_nonce": lambda p, nonce: {"claims": _claims(p, None)},
    "wrong_issuer": lambda p, nonce: {"claims": _claims(p, nonce, iss="https://idp.evil.example")},
    "wrong_audience": lambda p, nonce: {"claims": _claims(p, nonce, aud="another-client")},
    "expired": lambda p, nonce: {"claims": _claims(p, nonce, iat=int(time.time()) - 3600,
                                                   exp=int(time.time()) - 1800)},
    "unsigned": lambda p, nonce: {"claims": _claims(p, nonce), "header": {"alg": "none"}},
    "signed_with_another_key": lambda p, nonce: {"claims": _claims(p, nonce),
                                                 "key": _another_key()},
    "key_in_the_header": _key_in_header,
}


@pytest.mark.parametrize("forgery", sorted(FORGERIES))
def test_an_id_token_that_should_not_be_trusted_is_refused(
        browser: FlaskClient, provider: Provider, oidc_db: Session, forgery: str) -> None:
    accounts = _count(oidc_db, Account)
    started = _start(browser)
    provider.token_for[forgery] = FORGERIES[forgery](provider, started["nonce"])

    page = _callback(browser, started["state"], forgery)

    _assert_refused(browser, page, oidc_db, accounts)


def test_an_unsigned_token_is_refused_even_when_discovery_offers_none(
        browser: FlaskClient, provider: Provider, oidc_db: Session) -> None:
    accounts = _count(oidc_db, Account)
    provider.algorithms = ("RS256", "none")
    oidc_app: Flask = browser.application
    try:
        with oidc_app.app_context():  # forget the discovery document read by other tests
            client = oidc_app.extensions["eoffice.oidc"].create_client("city_idp")
            client.server_metadata = {}
        started = _start(browser)
        provider.token_for["none-offered"] = FORGERIES["unsigned"](provider, started["nonce"])
        page = _callback(browser, started["state"], "none-offered")
    finally:
        provider.algorithms = ("RS256",)
        with oidc_app.app_context():
            oidc_app.extensions["eoffice.oidc"].create_client("city_idp").server_metadata = {}
    _assert_refused(browser, page, oidc_db, accounts)


def test_a_callback_replayed_after_use_signs_nobody_in(
        browser: FlaskClient, oidc_app: Flask, provider: Provider, oidc_db: Session) -> None:
    started = _start(browser)
    provider.token_for["once"] = {"claims": _claims(provider, started["nonce"])}
    assert _callback(browser, started["state"], "once").status_code == 302
    sessions = _count(oidc_db, WebSession)

    again = _callback(browser, started["state"], "once")  # the same browser, back button
    elsewhere = oidc_app.test_client()  # someone who copied the callback address
    stolen = _callback(elsewhere, started["state"], "once")

    assert (again.status_code, stolen.status_code) == (401, 401)
    assert elsewhere.get("/api/v1/me").status_code == 401
    assert _count(oidc_db, WebSession) == sessions


def _signed_in_through_provider(browser: FlaskClient, provider: Provider, code: str) -> None:
    started = _start(browser)
    provider.token_for[code] = {"claims": _claims(provider, started["nonce"])}
    assert _callback(browser, started["state"], code).status_code == 302


def _reauthenticate(browser: FlaskClient) -> dict[str, str]:
    answer = browser.get("/reauthenticate/oidc?next=/citizen")
    assert answer.status_code == 302
    query = parse_qs(urlsplit(answer.location).query)
    assert (query["prompt"], query["max_age"]) == (["login"], ["0"])
    return {"state": query["state"][0], "nonce": query["nonce"][0]}


def test_re_authentication_through_the_provider_needs_a_fresh_login_of_the_same_person(
        browser: FlaskClient, oidc_app: Flask, provider: Provider, oidc_db: Session) -> None:
    _signed_in_through_provider(browser, provider, "first")
    before = browser.get_cookie("eoffice_session")
    assert before is not None
    accounts = _count(oidc_db, Account)

    stale = _reauthenticate(browser)  # the provider answers from its old login
    provider.token_for["stale"] = {"claims": _claims(
        provider, stale["nonce"], auth_time=int(time.time()) - 600)}
    assert _callback(browser, stale["state"], "stale").status_code == 401
    other = _reauthenticate(browser)  # someone else logs in at the provider
    provider.token_for["other"] = {"claims": _claims(provider, other["nonce"], sub="another")}
    assert _callback(browser, other["state"], "other").status_code == 401
    assert _count(oidc_db, Account) == accounts  # no account is made for "another"
    fresh = _reauthenticate(browser)
    provider.token_for["fresh"] = {"claims": _claims(provider, fresh["nonce"])}
    confirmed = _callback(browser, fresh["state"], "fresh")

    assert (confirmed.status_code, confirmed.location) == (302, "/citizen")
    old = oidc_app.test_client()
    old.set_cookie("eoffice_session", before.value)
    assert old.get("/api/v1/me").status_code == 401  # a new session replaced the old one
    actions = oidc_db.scalars(select(AuditEvent.action).where(
        AuditEvent.action.in_(["identity.reauthenticated", "identity.sign_in_failed"]))
        .order_by(AuditEvent.seq)).all()
    assert actions[-3:] == ["identity.sign_in_failed", "identity.sign_in_failed",
                            "identity.reauthenticated"]


def test_a_sign_in_after_an_abandoned_confirmation_is_an_ordinary_sign_in(
        browser: FlaskClient, provider: Provider, oidc_db: Session) -> None:
    _signed_in_through_provider(browser, provider, "mine")
    _reauthenticate(browser)  # abandoned at the provider; someone else then signs in here
    started = _start(browser)
    provider.token_for["theirs"] = {"claims": _claims(provider, started["nonce"],
                                                      sub="next-person", name="Núria")}
    assert _callback(browser, started["state"], "theirs").status_code == 302
    assert browser.get("/api/v1/me").json["name"] == "Núria"
