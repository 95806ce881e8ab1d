"""Fixtures of the integration tests that need a database of their own (committed work
from many connections at once), on SQLite or on the suite's PostgreSQL server."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url


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
