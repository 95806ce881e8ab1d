"""Fixtures of the integration tests that need a database of their own (committed work
from many connections at once), on SQLite or on the suite's PostgreSQL server."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from tests.conftest import rolled_back


@pytest.fixture
def scratch_url(tmp_path: Path) -> Iterator[str]:
    """A database of its own: what the test writes is committed, not rolled back."""
    base = os.environ.get("EOFFICE_TEST_DATABASE_URL", "")
    if not base:
        yield f"sqlite:///{tmp_path}/scratch.sqlite3"
        return
    name = f"eoffice_scratch_{uuid.uuid4().hex[:8]}"
    server = create_engine(base, isolation_level="AUTOCOMMIT")
    with server.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(base).set(database=name).render_as_string(hide_password=False)
    finally:
        with server.connect() as connection:
            connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        server.dispose()


# --- for the test modules that define an ``oidc_app`` (an eoffice with OIDC sign-in) ---


@pytest.fixture
def oidc_db(oidc_app: Flask) -> Iterator[Session]:
    """This test's transaction, shared by ``oidc_app`` and the test; rolled back after."""
    with rolled_back(oidc_app) as session:
        yield session


@pytest.fixture
def browser(oidc_app: Flask, oidc_db: Session) -> FlaskClient:
    """A person's browser at ``oidc_app`` (cookies kept between requests)."""
    return oidc_app.test_client()
