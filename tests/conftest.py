"""Fixtures shared by every test: a migrated real database with the demo city,
an application bound to it, and a transaction per test that is rolled back.

SQLite by default; PostgreSQL when EOFFICE_TEST_DATABASE_URL is set (CI runs both).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session

from eoffice import identity
from eoffice.app import create_app
from eoffice.archive.index.fts5 import Fts5Index
from eoffice.archive.runtime import EXTENSION as ARCHIVE_RUNTIME
from eoffice.archive.runtime import INDEX_FILE, ArchiveRuntime
from eoffice.demo import load_demo
from eoffice.documents.pki.sandbox import sandbox_runtime
from eoffice.documents.runtime import EXTENSION as DOCUMENTS_RUNTIME
from eoffice.migrate import upgrade
from eoffice.settings import Settings
from eoffice.shared.db import Database
from eoffice.shared.worker import Background, Worker
from tests.live_server import free_port

CSRF_FIELD = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')

# Property tests: the same examples on every run (a run that passed passes again on a busy
# machine), without hypothesis' 200 ms per-example deadline. HYPOTHESIS_PROFILE=explore
# draws new examples each run, to look for what the fixed ones miss.
hypothesis_settings.register_profile(
    "repeatable", derandomize=True, deadline=None, database=None, print_blob=True,
    suppress_health_check=[HealthCheck.too_slow])
hypothesis_settings.register_profile(
    "explore", deadline=None, suppress_health_check=[HealthCheck.too_slow])
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))


def _reset_postgres(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = os.environ.get("EOFFICE_TEST_DATABASE_URL", "")
    if url:
        _reset_postgres(url)
        return url
    return f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite3'}"


def make_settings(instance: Path, database_url: str, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "instance_path": instance,
        "database_url": database_url,
        "secret_key": "test-secret-key-not-for-production",
        "sign_in_rate_limit": "1000 per minute",
        "default_locale": "en",
    }
    values.update(overrides)
    return Settings(**values)  # type: ignore[arg-type]


def make_oidc_app(instance: Path, database_url: str, *, issuer: str, client_id: str,
                  client_secret: str) -> Flask:
    """A second eoffice on the suite's database whose digital-identity sign-in points at
    the OpenID provider ``issuer`` (the OIDC tests' own instance)."""
    application = create_app(make_settings(instance, database_url, oidc_issuer=issuer,
                                           oidc_client_id=client_id,
                                           oidc_client_secret=client_secret))
    application.config["TESTING"] = True
    return application


@pytest.fixture(scope="session")
def app(tmp_path_factory: pytest.TempPathFactory, database_url: str) -> Iterator[Flask]:
    """The application on a migrated database holding the demo city (committed once)."""
    upgrade(database_url)
    application = create_app(make_settings(tmp_path_factory.mktemp("instance"), database_url))
    application.config["TESTING"] = True
    # The development PKI (TSA, OCSP, CRL on a free loopback port) seals what is issued.
    application.extensions[DOCUMENTS_RUNTIME] = sandbox_runtime()
    with application.app_context(), database(application).unit_of_work() as session:
        load_demo(session, samples=False)  # the city; tests make their own records
    # No app context stays pushed: each request gets its own (and its own ``g``).
    yield application
    database(application).dispose()


def database(application: Flask) -> Database:
    db: Database = application.extensions["eoffice.database"]
    return db


@contextmanager
def rolled_back(application: Flask) -> Iterator[Session]:
    """Bind ``application`` to one connection and yield a session in a transaction that
    is rolled back at the end: whatever the test and the app's requests write vanishes."""
    engine_db = database(application)
    connection = engine_db.write_engine.connect()
    outer = connection.begin()
    engine_db.bind_to(connection)
    try:
        with engine_db.unit_of_work() as session:
            yield session
    finally:
        outer.rollback()
        connection.close()
        engine_db.unbind()


@pytest.fixture
def db(app: Flask) -> Iterator[Session]:
    """A session inside this test's transaction; everything is rolled back afterwards."""
    with rolled_back(app) as session:
        yield session


_PKI_PORTS: dict[Path, int] = {}


def run_eoffice(instance: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run the ``eoffice`` command on the SQLite database of ``instance``, with the
    instance's own development PKI port (its certificates name it; an app of this
    session may hold the default port with another CA)."""
    port = _PKI_PORTS.setdefault(instance, free_port())
    env = {**os.environ, "EOFFICE_INSTANCE_PATH": str(instance),
           "EOFFICE_DEV_PKI_PORT": str(port)}
    env.pop("EOFFICE_DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "-m", "eoffice.cli", *args],
        env=env, capture_output=True, text=True, check=False, timeout=120,
    )


@pytest.fixture
def client(app: Flask, db: Session) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def token_for(db: Session) -> object:
    """``token_for("ana")`` → headers with a fresh bearer token of that demo user."""

    def issue(login: str) -> dict[str, str]:
        account = identity.get_account(db, login)
        issued = identity.issue_token(db, account, name="test", valid_for=timedelta(days=1),
                                      actor="test")
        db.flush()
        return {"Authorization": f"Bearer {issued.secret}"}

    return issue


def run_worker(app: Flask) -> int:
    """One round of the worker with the application's consumers and jobs, as
    `eoffice worker` runs it; how many messages it handled."""
    background: Background = app.extensions["eoffice.background"]
    with app.app_context():
        return Worker(app.extensions["eoffice.database"], background, max_attempts=5,
                      poll_seconds=0.01).run_once()


def csrf_from(html: str) -> str:
    match = CSRF_FIELD.search(html)
    assert match, "page has no CSRF field"
    return match.group(1)


def sign_in(client: FlaskClient, login: str, password: str | None = None) -> object:
    """Sign in through the real form (CSRF token taken from the page)."""
    page = client.get("/sign-in").get_data(as_text=True)
    return client.post(
        "/sign-in",
        data={"login": login, "password": password or login, "csrf_token": csrf_from(page)},
    )


@pytest.fixture
def fresh_archive(app: Flask, tmp_path: Path) -> Iterator[ArchiveRuntime]:
    """This test's own archive: packages and the embedded index under ``tmp_path`` (the
    database rolls back after each test, files on disk would not)."""
    previous = app.extensions[ARCHIVE_RUNTIME]
    runtime = ArchiveRuntime(index=Fts5Index(tmp_path / "archive" / INDEX_FILE),
                             root=tmp_path / "archive")
    app.extensions[ARCHIVE_RUNTIME] = runtime
    try:
        yield runtime
    finally:
        app.extensions[ARCHIVE_RUNTIME] = previous
