"""Cryptographic choices (ASVS V11.4.2, V12.3.2): passwords are kept as Argon2id with at
least OWASP's parameters, and a weaker hash is replaced at the next sign-in; the TLS
clients eoffice opens (SMTP with STARTTLS, OpenSearch, form option endpoints) refuse a
certificate no trusted CA issued, and accept one that a trusted CA did.

(No MD5/SHA-1 and no ``random`` for secrets, V11.4.1 and V7.2.3: the semgrep rules
``eoffice-weak-hash`` and ``eoffice-random-for-secrets``, .semgrep/rules/crypto.yml.)"""

from __future__ import annotations

import re
import ssl
from collections.abc import Iterator
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from argon2 import PasswordHasher
from flask import Flask
from sqlalchemy.orm import Session

from eoffice import identity
from eoffice.archive.errors import IndexUnavailable
from eoffice.archive.index.opensearch import OpenSearchIndex
from eoffice.forms import option_sources
from eoffice.identity.models import Account
from eoffice.notifications.mail import deliver_email
from eoffice.shared.outbox import Delivery
from tests.conftest import sign_in
from tests.security.asvs.listeners import Listener, Pki, make_pki, noting_server
from tests.smtp_sink import SmtpSink, smtp_relay

ARGON2 = re.compile(r"^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$")


# --- V11.4.2: Argon2id -----------------------------------------------------------------------

def _parameters(password_hash: str | None) -> tuple[int, int, int]:
    match = ARGON2.match(password_hash or "")
    assert match, f"not an Argon2id hash: {(password_hash or '')[:20]}"
    memory, time_cost, lanes = (int(value) for value in match.groups())
    return memory, time_cost, lanes


def test_passwords_are_kept_as_argon2id_with_at_least_owasps_parameters(db: Session) -> None:
    for login in ("ana", "clerk", "admin"):
        memory, time_cost, lanes = _parameters(identity.get_account(db, login).password_hash)
        # OWASP Password Storage Cheat Sheet: m >= 19 MiB with t >= 2, p >= 1
        assert memory >= 19_456 and time_cost >= 2 and lanes >= 1, login


def test_a_weaker_hash_is_replaced_at_the_next_sign_in(
        app: Flask, db: Session) -> None:
    account = db.query(Account).filter_by(login="bernat").one()
    account.password_hash = PasswordHasher(time_cost=1, memory_cost=1024,
                                           parallelism=1).hash("bernat")
    db.flush()
    assert sign_in(app.test_client(), "bernat").status_code == 302  # type: ignore[attr-defined]
    db.refresh(account)
    memory, time_cost, _lanes = _parameters(account.password_hash)
    assert memory >= 19_456 and time_cost >= 2


# --- V12.3.2: TLS clients validate certificates -------------------------------------------

@pytest.fixture
def pki(tmp_path: Path) -> Pki:
    return make_pki(tmp_path)


class StartTlsSink(SmtpSink):
    """The loopback SMTP sink offering STARTTLS with the test CA's certificate."""

    def __init__(self, tls: ssl.SSLContext) -> None:
        super().__init__()
        self.tls = tls

    def start(self) -> None:
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port,
                                     ready_timeout=60, tls_context=self.tls)
        self.controller.start()


@pytest.fixture
def starttls_sink(app: Flask, pki: Pki) -> Iterator[StartTlsSink]:
    sink = StartTlsSink(pki.server_context())
    sink.start()
    try:
        with smtp_relay(app, f"smtp+starttls://127.0.0.1:{sink.port}"):
            yield sink
    finally:
        sink.stop()


def _alert() -> Delivery:
    return Delivery(message_id=424242, topic="notifications.email", attempt=1,
                    payload={"to": "ana@demo.eoffice.test", "subject": "Alert", "body": "Hi"})


def test_smtp_with_starttls_refuses_a_certificate_no_trusted_ca_issued(
        app: Flask, starttls_sink: StartTlsSink, monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path) -> None:
    (tmp_path / "other").mkdir()
    monkeypatch.setenv("SSL_CERT_FILE", str(make_pki(tmp_path / "other").ca_file))
    with app.app_context(), pytest.raises(ssl.SSLError):
        deliver_email(_alert())  # the outbox tries again later
    assert starttls_sink.received == []


def test_smtp_with_starttls_delivers_to_a_certificate_of_a_trusted_ca(
        app: Flask, starttls_sink: StartTlsSink, pki: Pki,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SSL_CERT_FILE", str(pki.ca_file))  # the system's trust store
    with app.app_context():
        deliver_email(_alert())
    [mail] = starttls_sink.received
    assert mail["Subject"] == "Alert"


@pytest.fixture
def https_listener(pki: Pki) -> Iterator[Listener]:
    with noting_server(tls=pki.server_context()) as server:
        yield server


def test_the_opensearch_client_refuses_a_certificate_no_trusted_ca_issued(
        https_listener: Listener) -> None:
    index = OpenSearchIndex(https_listener.url, alias="asvs-archive")
    with pytest.raises(IndexUnavailable):
        index.ensure()
    assert https_listener.asked == []  # no request left the TLS handshake


def _options_from(url: str, monkeypatch: pytest.MonkeyPatch) -> list[object]:
    monkeypatch.setattr(option_sources, "allowed_hosts",
                        lambda: frozenset({url.split("//", 1)[1]}))
    return list(option_sources.endpoint_options(
        None, {"kind": "endpoint", "url": f"{url}/districts", "cache_seconds": 0}))


def test_form_option_endpoints_are_fetched_only_over_a_trusted_certificate(
        https_listener: Listener, pki: Pki, monkeypatch: pytest.MonkeyPatch) -> None:
    assert _options_from(https_listener.url, monkeypatch) == []
    assert https_listener.asked == []
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(pki.ca_file))  # trusted: it is read
    monkeypatch.setattr(option_sources, "_cache", {})
    _options_from(https_listener.url, monkeypatch)
    assert https_listener.asked == ["GET /districts"]
