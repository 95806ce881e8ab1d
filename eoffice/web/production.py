"""The start-up check of production mode: with ``EOFFICE_ENVIRONMENT=production`` the
application refuses to start while a development default is still in place.

Development defaults make the demo easy (demo accounts whose password is the login,
the sandbox card gateway, a test PKI, a generated secret key, SQLite, e-mail written
to files, cookies over plain HTTP); each is unsafe for a city's real service. Every
problem is listed at once, so an operator fixes them in one go (ADR 0051).
"""

from __future__ import annotations

import logging

from flask import Flask

from eoffice.settings import Settings

log = logging.getLogger(__name__)

MIN_SECRET_KEY_LENGTH = 32
#: Secret keys that appear in this repository (tests, examples): never in production.
KNOWN_SECRET_KEYS = frozenset({
    "test-secret-key-not-for-production", "dev", "development", "secret", "change-me",
    "changeme",
})


class UnsafeProductionSettings(SystemExit):
    """Production mode with development defaults: the process ends with the list."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        lines = "\n".join(f"  - {problem}" for problem in problems)
        super().__init__(
            "eoffice refuses to start in production (EOFFICE_ENVIRONMENT=production) "
            f"with development settings:\n{lines}"
        )


def production_problems(settings: Settings, *, debug: bool, testing: bool) -> list[str]:
    """What keeps ``settings`` from being a production set-up (empty: none)."""
    problems = _account_and_payment_problems(settings)
    problems += _key_and_pki_problems(settings)
    problems += _transport_problems(settings)
    if settings.resolved_database_url.startswith("sqlite"):
        problems.append("EOFFICE_DATABASE_URL is empty or SQLite: production runs on "
                        "PostgreSQL (several server processes and the worker write at once).")
    if not settings.smtp_url:
        problems.append("EOFFICE_SMTP_URL is empty: e-mail alerts would be written to "
                        "files and never reach citizens.")
    if debug or testing:
        problems.append("Flask debug or testing mode is on (FLASK_DEBUG): it shows "
                        "tracebacks and relaxes checks.")
    return problems


def _account_and_payment_problems(settings: Settings) -> list[str]:
    problems = []
    if settings.demo:
        problems.append("EOFFICE_DEMO is true: demo accounts whose password is their "
                        "login may be loaded. Set EOFFICE_DEMO=false.")
    if not settings.submission_rate_limit:
        problems.append("EOFFICE_SUBMISSION_RATE_LIMIT is empty: one account could "
                        "register applications without limit. Set e.g. `30 per hour`.")
    if settings.card_sandbox:
        problems.append("EOFFICE_CARD_SANDBOX is true: card payments would go to the "
                        "sandbox gateway, where no money moves. Set it to false.")
    return problems


def _key_and_pki_problems(settings: Settings) -> list[str]:
    problems = []
    key = settings.secret_key
    if not key:
        problems.append("EOFFICE_SECRET_KEY is empty: a key generated in the instance "
                        "folder would sign sessions. Set a random key of at least "
                        f"{MIN_SECRET_KEY_LENGTH} characters (`openssl rand -base64 48`).")
    elif len(key) < MIN_SECRET_KEY_LENGTH or key.lower() in KNOWN_SECRET_KEYS:
        problems.append(f"EOFFICE_SECRET_KEY is a known or short key (under "
                        f"{MIN_SECRET_KEY_LENGTH} characters): set a random one.")
    if not settings.seal_pkcs12:
        problems.append("EOFFICE_SEAL_PKCS12 is empty: documents would be sealed with "
                        "the development test PKI. Name the office seal's PKCS#12 file.")
    if not settings.tsa_url:
        problems.append("EOFFICE_TSA_URL is empty: signatures would carry no qualified "
                        "timestamp. Name the trust service provider's TSA.")
    if not settings.trust_roots:
        problems.append("EOFFICE_TRUST_ROOTS is empty: signatures would be validated "
                        "against the development root only. Name the trust list's roots.")
    return problems


def _transport_problems(settings: Settings) -> list[str]:
    problems = []
    if not settings.session_cookie_secure:
        problems.append("EOFFICE_SESSION_COOKIE_SECURE is false: the session cookie "
                        "would travel over plain HTTP. Set it to true.")
    if not settings.public_url.startswith("https://"):
        problems.append(f"EOFFICE_PUBLIC_URL is {settings.public_url!r}: the public "
                        "address must be https://.")
    if settings.oidc_issuer and not settings.oidc_issuer.startswith("https://"):
        problems.append("EOFFICE_OIDC_ISSUER is not https://: the identity provider "
                        "must be reached over TLS.")
    return problems


def refuse_unsafe_production(app: Flask, settings: Settings) -> None:
    """In production mode, end the process listing every development default left."""
    if settings.environment != "production":
        return
    problems = production_problems(settings, debug=app.debug, testing=app.testing)
    if problems:
        raise UnsafeProductionSettings(problems)
    if settings.rate_limit_storage_url.startswith("memory://"):
        log.warning("EOFFICE_RATE_LIMIT_STORAGE_URL is memory://: each server process "
                    "counts rate limits on its own (the limits are per process).")
