"""Session tokens and the digital-identity sign-in (ASVS V7.2.3, V9.2.2, V10.1.1,
V10.5.3): a web session's token carries 256 random bits and only its digest is kept;
only an ID token decides who signs in (not an access token, not UserInfo about someone
else); the provider's tokens stay on the server, never in the browser's cookie; and a
discovery document naming another issuer is refused.

The provider is a small OpenID provider on a loopback port written here, whose
discovery document, token response and UserInfo each test may change."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import time
import zlib
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
from tests.conftest import make_oidc_app, rolled_back, sign_in
from tests.loopback import serving

CLIENT_ID = "eoffice-asvs"


# --- V7.2.3: session tokens --------------------------------------------------------------

def _cookie_session(app: Flask, browser: FlaskClient) -> dict[str, Any]:
    cookie = browser.get_cookie(app.config["SESSION_COOKIE_NAME"])
    assert cookie is not None, "no session cookie"
    serializer = app.session_interface.get_signing_serializer(app)  # type: ignore[attr-defined]
    assert serializer is not None
    return dict(serializer.loads(cookie.value))


def test_a_session_token_has_256_random_bits_and_only_its_digest_is_kept(
        app: Flask, db: Session) -> None:
    tokens = []
    for _ in range(3):
        browser = app.test_client()
        sign_in(browser, "ana")
        tokens.append(_cookie_session(app, browser)["sid"])
    assert len(set(tokens)) == 3
    for token in tokens:
        assert re.fullmatch(r"[A-Za-z0-9_-]{43}", token), token  # token_urlsafe(32)
        assert len(base64.urlsafe_b64decode(token + "=")) == 32  # 256 bits
        digest = hashlib.sha256(token.encode()).hexdigest()
        row = db.scalar(select(WebSession).where(WebSession.token_sha256 == digest))
        assert row is not None
        stored = json.dumps({c.name: str(getattr(row, c.name))
                             for c in WebSession.__table__.columns})
        assert token not in stored  # the database holds the digest, never the token


# --- the loopback OpenID provider ----------------------------------------------------------

@dataclass
class Provider:
    """What the provider answers next: per code, the ID token's claims (or no ID token),
    its discovery document's issuer and its UserInfo (None: no UserInfo endpoint)."""

    url: str = ""
    key: RSAKey = field(default_factory=lambda: RSAKey.generate_key(2048, {"kid": "city"}))
    token_for: dict[str, dict[str, Any]] = field(default_factory=dict)
    issuer: str = ""  # "" -> its own URL
    userinfo: dict[str, Any] | None = None
    handed_out: list[str] = field(default_factory=list)  # every token it gave eoffice

    def sign(self, claims: dict[str, Any]) -> str:
        return jwt.encode({"alg": "RS256", "kid": "city"}, claims, self.key)

    def claims(self, nonce: str, **changes: Any) -> dict[str, Any]:
        now = int(time.time())
        return {"iss": self.issuer or self.url, "sub": "asvs-subject", "aud": CLIENT_ID,
                "iat": now, "exp": now + 300, "auth_time": now, "nonce": nonce,
                "name": "Mallory Asvs", **changes}


def _provider_app(provider: Provider) -> Flask:
    app = Flask("asvs_provider")

    @app.get("/.well-known/openid-configuration")
    def discovery() -> Any:
        document = dict(
            issuer=provider.issuer or provider.url,
            authorization_endpoint=f"{provider.url}/authorize",
            token_endpoint=f"{provider.url}/token", jwks_uri=f"{provider.url}/jwks",
            response_types_supported=["code"], subject_types_supported=["public"],
            id_token_signing_alg_values_supported=["RS256"])
        if provider.userinfo is not None:
            document["userinfo_endpoint"] = f"{provider.url}/userinfo"
        return jsonify(document)

    @app.get("/jwks")
    def jwks() -> Any:
        return jsonify(keys=[provider.key.as_dict(private=False)])

    @app.post("/token")
    def token() -> Any:
        plan = provider.token_for.get(request.form.get("code", ""))
        if plan is None:
            return jsonify(error="invalid_grant"), 400
        access = plan.get("access_token") or f"opaque-access-{time.time_ns()}"
        answer = {"access_token": access, "token_type": "Bearer", "expires_in": 300,
                  "refresh_token": f"refresh-{time.time_ns()}"}
        if plan.get("id_token") is not None:
            answer["id_token"] = provider.sign(plan["id_token"])
        provider.handed_out += [value for name, value in answer.items()
                                if name.endswith("token") and name != "token_type"]
        return jsonify(answer)

    @app.get("/userinfo")
    def userinfo() -> Any:
        return jsonify(provider.userinfo or {})

    return app


@pytest.fixture(scope="module")
def provider() -> Iterator[Provider]:
    city = Provider()
    server = make_server("127.0.0.1", 0, _provider_app(city), threaded=True)
    city.url = f"http://127.0.0.1:{server.server_port}"
    with serving(server):
        yield city


@pytest.fixture(scope="module")
def oidc_app(app: Flask, provider: Provider, database_url: str,
             tmp_path_factory: pytest.TempPathFactory) -> Flask:
    return make_oidc_app(tmp_path_factory.mktemp("asvs-oidc"), database_url,
                         issuer=provider.url, client_id=CLIENT_ID, client_secret="secret")


@pytest.fixture
def oidc_db(oidc_app: Flask, provider: Provider) -> Iterator[Session]:
    provider.issuer, provider.userinfo = "", None
    _forget_discovery(oidc_app)
    with rolled_back(oidc_app) as session:
        yield session
    provider.issuer, provider.userinfo = "", None
    _forget_discovery(oidc_app)


@pytest.fixture
def browser(oidc_app: Flask, oidc_db: Session) -> FlaskClient:
    return oidc_app.test_client()


def _forget_discovery(oidc_app: Flask) -> None:
    with oidc_app.app_context():
        oidc_app.extensions["eoffice.oidc"].create_client("city_idp").server_metadata = {}


def _start(browser: FlaskClient) -> str:
    answer = browser.get("/sign-in/oidc")
    assert answer.status_code == 302
    query = parse_qs(urlsplit(answer.location).query)
    return str(query["state"][0]) + " " + str(query["nonce"][0])


def _finish(browser: FlaskClient, provider: Provider, plan: dict[str, Any]) -> Any:
    state, nonce = _start(browser).split(" ")
    code = f"code-{time.time_ns()}"
    provider.token_for[code] = {key: value(nonce) if callable(value) else value
                                for key, value in plan.items()}
    return browser.get("/sign-in/oidc/callback", query_string={"state": state, "code": code},
                       headers={"Accept": "text/html"})


def _accounts(db: Session) -> int:
    return int(db.scalar(select(func.count()).select_from(Account)) or 0)


def _signed_in(browser: FlaskClient) -> bool:
    return browser.get("/api/v1/me").status_code == 200


def test_a_correct_id_token_signs_in(browser: FlaskClient, provider: Provider,
                                     oidc_db: Session) -> None:
    landed = _finish(browser, provider, {"id_token": provider.claims})
    assert landed.status_code == 302
    assert browser.get("/api/v1/me").get_json()["name"] == "Mallory Asvs"


# --- V9.2.2: only the ID token proves who signed in ---------------------------------------

def test_an_access_token_naming_someone_never_signs_in_without_an_id_token(
        browser: FlaskClient, provider: Provider, oidc_db: Session) -> None:
    accounts = _accounts(oidc_db)
    page = _finish(browser, provider, {
        "id_token": None,  # a token response without an ID token...
        "access_token": lambda nonce: provider.sign(provider.claims(nonce)),  # ...and a JWT
    })
    assert page.status_code == 401
    assert not _signed_in(browser)
    assert _accounts(oidc_db) == accounts


def test_userinfo_about_someone_else_is_refused(
        browser: FlaskClient, provider: Provider, oidc_db: Session) -> None:
    accounts = _accounts(oidc_db)
    provider.userinfo = {"sub": "someone-else", "name": "Someone Else"}
    page = _finish(browser, provider, {"id_token": provider.claims})
    assert page.status_code == 401
    assert not _signed_in(browser)
    assert _accounts(oidc_db) == accounts


def test_the_providers_access_token_is_no_api_token_of_eoffice(
        browser: FlaskClient, provider: Provider, oidc_db: Session) -> None:
    assert _finish(browser, provider, {"id_token": provider.claims}).status_code == 302
    for token in provider.handed_out[-3:]:
        answer = browser.application.test_client().get(
            "/api/v1/me", headers={"Authorization": f"Bearer {token}"})
        assert answer.status_code == 401


# --- V10.1.1: the provider's tokens stay on the server -------------------------------------

def _cookie_text(app: Flask, browser: FlaskClient) -> str:
    cookie = browser.get_cookie(app.config["SESSION_COOKIE_NAME"])
    assert cookie is not None
    compressed = cookie.value.startswith(".")  # itsdangerous marks zlib with a dot
    payload = cookie.value.lstrip(".").split(".")[0]
    raw = base64.urlsafe_b64decode(payload + "==")
    return (zlib.decompress(raw) if compressed else raw).decode()


def test_no_token_of_the_provider_reaches_the_browser_or_the_database(
        browser: FlaskClient, provider: Provider, oidc_db: Session) -> None:
    before = len(provider.handed_out)
    assert _finish(browser, provider, {"id_token": provider.claims}).status_code == 302
    handed = provider.handed_out[before:]
    assert len(handed) == 3  # access, refresh and ID token
    session = _cookie_session(browser.application, browser)
    assert set(session) <= {"sid", "lang", "csrf_token", "_permanent", "_flashes"}, session
    shown = json.dumps(session) + _cookie_text(browser.application, browser)
    assert session["sid"] in _cookie_text(browser.application, browser)  # it reads the cookie
    kept = json.dumps([event.data for event in oidc_db.scalars(select(AuditEvent))])
    for token in handed:
        assert token not in shown and token.split(".")[0] not in shown
        assert token not in kept


# --- V10.5.3: the discovery document must be the configured issuer's ---------------------

def test_a_discovery_document_of_another_issuer_is_refused(
        browser: FlaskClient, provider: Provider, oidc_db: Session) -> None:
    accounts = _accounts(oidc_db)
    provider.issuer = "https://idp.elsewhere.example"  # its tokens agree with its document
    page = _finish(browser, provider, {"id_token": provider.claims})
    assert page.status_code == 401
    assert not _signed_in(browser)
    assert _accounts(oidc_db) == accounts
