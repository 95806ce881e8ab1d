"""Signing in with a digital identity, against a real OpenID Connect provider.

pytest-iam runs Canaille (an OIDC provider built on Authlib) in a thread on a
loopback port; eoffice talks to it over HTTP exactly as it would to the
city's provider: discovery, JWKS, token and UserInfo endpoints. The person's
browser is played by ``requests`` at the provider and by the Flask test client
at eoffice.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from canaille import create_app as create_iam_app
from canaille.backends import Backend
from flask import Flask
from flask.testing import FlaskClient
from pytest_iam import Server
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from eoffice.audit.models import AuditEvent
from eoffice.identity.models import Account, ExternalIdentity
from eoffice.identity.services.sign_in import sign_in_external
from eoffice.shared.clock import utcnow
from tests.conftest import make_oidc_app
from tests.loopback import serving

CLIENT_ID = "eoffice"
CLIENT_SECRET = "eoffice-test-secret"
CALLBACK = "http://localhost/sign-in/oidc/callback"


@pytest.fixture(scope="module")
def iam_server(iam_configuration: dict[str, Any], iam_server_port: int) -> Iterator[Server]:
    """pytest-iam's provider (Canaille) on a loopback port, for this module.

    Same as the plugin's fixture, except that it does not keep Canaille's application
    context pushed for the rest of the session, which would shadow eoffice's
    ``current_app`` in every later test.
    """
    provider_app = create_iam_app(
        config=iam_configuration, env_file=".pytest-iam.env", env_prefix="PYTEST_IAM_"
    )
    server = Server(provider_app, iam_server_port, Backend.instance)
    with serving(server.httpd):
        yield server


@pytest.fixture(scope="module")
def eoffice_at_provider(iam_server: Server) -> Any:
    """eoffice registered at the provider as a confidential client."""
    registration = iam_server.models.Client(
        client_id=CLIENT_ID,
        client_secret=CLIENT_SECRET,
        client_name="eoffice (tests)",
        client_uri="https://sede.example.org/",  # not a domain the provider trusts: it asks consent
        redirect_uris=[CALLBACK],
        grant_types=["authorization_code"],
        response_types=["code"],
        token_endpoint_auth_method="client_secret_basic",
        scope=["openid", "profile", "email"],
    )
    with iam_server.app.app_context():
        iam_server.backend.save(registration)
    return registration


@pytest.fixture(scope="module")
def oidc_app(
    app: Flask,
    iam_server: Server,
    eoffice_at_provider: Any,
    database_url: str,
    tmp_path_factory: pytest.TempPathFactory,
) -> Flask:
    """A second eoffice on the same (migrated, demo) database, with OIDC pointing at
    the provider."""
    return make_oidc_app(tmp_path_factory.mktemp("oidc-instance"), database_url,
                         issuer=iam_server.url, client_id=CLIENT_ID,
                         client_secret=CLIENT_SECRET)


@pytest.fixture(autouse=True)
def fresh_provider(iam_server: Server) -> Iterator[None]:
    """Each test starts with a provider holding no users, sessions, consents or codes.

    Canaille's memory backend matches *any* of the filters given to a query, so an
    unredeemed code left by one test could be redeemed by another's forged code.
    """

    def forget_everything() -> None:
        iam_server.logout()
        models = iam_server.models
        with iam_server.app.app_context():
            for model in (models.AuthorizationCode, models.Token, models.Consent, models.User):
                for item in iam_server.backend.query(model):
                    iam_server.backend.delete(item)

    forget_everything()
    yield
    forget_everything()


@pytest.fixture
def citizen(iam_server: Server) -> Any:
    """A person with an account at the provider (not yet known to eoffice)."""
    return iam_server.random_user(
        user_name="marta.puig", given_name="Marta", family_name="Puig Ferrer",
        formatted_name="Marta Puig Ferrer", emails=["marta@example.org"],
        password="correct horse battery staple",
    )


def start_at_eoffice(browser: FlaskClient) -> str:
    """Click "sign in with a digital identity": the URL eoffice sends the browser to."""
    response = browser.get("/sign-in/oidc")
    assert response.status_code == 302
    return str(response.location)


def sign_in_through_provider(browser: FlaskClient, iam_server: Server, user: Any) -> Any:
    """The whole journey with a session already open at the provider (its helper)."""
    iam_server.login(user)
    iam_server.consent(user)
    at_provider = requests.get(start_at_eoffice(browser), allow_redirects=False, timeout=10)
    assert at_provider.status_code == 302
    return browser.get(at_provider.headers["Location"])


def me(browser: FlaskClient) -> Any:
    return browser.get("/api/v1/me")


def count(session: Session, model: type[Any]) -> int:
    return int(session.scalar(select(func.count()).select_from(model)) or 0)


def test_citizen_who_signs_in_at_the_provider_lands_signed_in_at_eoffice(
    browser: FlaskClient, iam_server: Server, citizen: Any, oidc_db: Session
) -> None:
    authorize_url = start_at_eoffice(browser)
    query = parse_qs(urlsplit(authorize_url).query)
    assert authorize_url.startswith(iam_server.url)
    assert query["code_challenge_method"] == ["S256"] and query["code_challenge"]
    assert query["nonce"] and query["state"]

    provider = requests.Session()  # the same browser, at the provider: its login form
    page = provider.get(authorize_url, timeout=10)
    page = provider.post(page.url, data={"login": "marta.puig"}, timeout=10)
    page = provider.post(
        page.url, data={"password": "correct horse battery staple"}, timeout=10
    )
    assert "eoffice (tests)" in page.text  # the consent page names the application
    back = provider.post(page.url, data={"answer": "accept"}, allow_redirects=False,
                         timeout=10)
    assert back.headers["Location"].startswith(CALLBACK)

    landed = browser.get(back.headers["Location"])

    assert landed.status_code == 302
    assert urlsplit(landed.location).path == "/citizen"
    who = me(browser)
    assert who.status_code == 200
    assert who.json["name"] == "Marta Puig Ferrer"
    assert who.json["roles"] == ["citizen"]
    link = oidc_db.scalars(select(ExternalIdentity).filter_by(subject="marta.puig")).one()
    assert link.issuer == iam_server.url.rstrip("/")
    signed_in = oidc_db.scalars(
        select(AuditEvent).filter_by(action="identity.signed_in", object_id=who.json["login"])
    ).one()
    assert signed_in.data["method"] == "oidc"


def test_signing_in_twice_with_the_same_subject_reuses_the_same_account(
    browser: FlaskClient, iam_server: Server, citizen: Any, oidc_db: Session
) -> None:
    accounts_before = count(oidc_db, Account)
    sign_in_through_provider(browser, iam_server, citizen)
    first = me(browser).json["login"]
    browser.delete_cookie("eoffice_session")  # a new browser, the same person
    assert me(browser).status_code == 401

    sign_in_through_provider(browser, iam_server, citizen)

    assert me(browser).json["login"] == first
    assert count(oidc_db, Account) == accounts_before + 1
    links = oidc_db.scalars(select(ExternalIdentity).filter_by(subject="marta.puig")).all()
    assert len(links) == 1
    events = oidc_db.scalars(
        select(AuditEvent).filter_by(action="identity.signed_in", object_id=first)
    ).all()
    assert [event.data["method"] for event in events] == ["oidc", "oidc"]


def code_for_another_browser(iam_server: Server, oidc_app: Flask) -> str:
    """An authorization code genuinely issued to someone else's sign-in at eoffice."""
    other = iam_server.random_user(user_name="intruder", password="intruder password")
    iam_server.login(other)
    iam_server.consent(other)
    url = start_at_eoffice(oidc_app.test_client())
    at_provider = requests.get(url, allow_redirects=False, timeout=10)
    iam_server.logout()
    return parse_qs(urlsplit(at_provider.headers["Location"]).query)["code"][0]


@pytest.mark.parametrize("forgery", ["state", "code", "code_of_another_browser", "refused"])
def test_forged_callback_shows_an_error_page_and_signs_nobody_in(
    browser: FlaskClient, oidc_app: Flask, iam_server: Server, oidc_db: Session, forgery: str
) -> None:
    accounts_before = count(oidc_db, Account)
    links_before = count(oidc_db, ExternalIdentity)
    state = parse_qs(urlsplit(start_at_eoffice(browser)).query)["state"][0]
    if forgery == "state":
        query = {"state": "forged-state", "code": "forged-code"}
    elif forgery == "code":
        query = {"state": state, "code": "forged-code"}
    elif forgery == "code_of_another_browser":
        query = {"state": state, "code": code_for_another_browser(iam_server, oidc_app)}
    else:  # the person said no at the provider
        query = {"state": state, "error": "access_denied"}

    page = browser.get("/sign-in/oidc/callback", query_string=query,
                       headers={"Accept": "text/html"})

    assert page.status_code == 401
    assert "The identity provider did not confirm who you are." in page.get_data(as_text=True)
    assert me(browser).status_code == 401
    assert count(oidc_db, Account) == accounts_before
    assert count(oidc_db, ExternalIdentity) == links_before
    failed = oidc_db.scalars(
        select(AuditEvent).filter_by(action="identity.sign_in_failed", object_id="oidc")
    ).all()
    assert [event.data["method"] for event in failed] == ["oidc"]


def test_sign_in_with_a_digital_identity_when_none_is_configured_says_so(
    client: FlaskClient,
) -> None:
    page = client.get("/sign-in/oidc", headers={"Accept": "text/html"})

    assert page.status_code == 404
    assert "Sign-in with a digital identity is not configured." in page.get_data(as_text=True)
    assert client.get("/api/v1/me").status_code == 401


def test_disabled_account_cannot_sign_in_with_a_digital_identity(
    browser: FlaskClient, iam_server: Server, citizen: Any, oidc_db: Session
) -> None:
    sign_in_through_provider(browser, iam_server, citizen)
    login = me(browser).json["login"]
    oidc_db.scalars(select(Account).filter_by(login=login)).one().is_active = False
    oidc_db.flush()
    browser.delete_cookie("eoffice_session")

    page = sign_in_through_provider(browser, iam_server, citizen)

    assert page.status_code == 401
    assert "This account is disabled." in page.get_data(as_text=True)
    assert me(browser).status_code == 401


def test_the_same_subject_at_another_provider_is_another_person(db: Session) -> None:
    claims = {"sub": "12345678Z", "given_name": "Pau", "family_name": "Soler"}

    first = sign_in_external(db, issuer="https://idp.city.example", claims=claims, client="t")
    again = sign_in_external(db, issuer="https://idp.city.example", claims=claims, client="t")
    other = sign_in_external(db, issuer="https://idp.other.example", claims=claims, client="t")

    assert first.account is not None and again.account is not None
    assert other.account is not None
    assert again.account.id == first.account.id
    assert other.account.id != first.account.id
    assert first.account.person.display_name == "Pau Soler"


def test_one_subject_at_one_provider_cannot_be_linked_to_two_accounts(db: Session) -> None:
    claims = {"sub": "subject-1", "name": "Anna Roig"}
    first = sign_in_external(db, issuer="https://idp.city.example", claims=claims, client="t")
    other = sign_in_external(db, issuer="https://idp.city.example",
                             claims={"sub": "subject-2"}, client="t")
    assert first.account is not None and other.account is not None

    with pytest.raises(IntegrityError), db.begin_nested():
        db.add(ExternalIdentity(account_id=other.account.id, issuer="https://idp.city.example",
                                subject="subject-1", created_at=utcnow()))
        db.flush()
