"""Registry numbers stay unique and gap-free when many clients register at once and
some of their transactions fail after taking a number (on SQLite and PostgreSQL)."""

from __future__ import annotations

import os
import random
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import make_url

from eoffice import identity, registry
from eoffice.migrate import upgrade
from eoffice.registry import Channel, NewEntry, Party, RegisterKind
from eoffice.registry.models import RegistryEntry
from eoffice.shared.db import Database

CLIENTS = 32
PER_CLIENT = 50


class CrashAfterNumbering(Exception):
    """Stands for anything failing after the number was taken (a bug, a lost disk)."""


@pytest.fixture
def scratch_url(tmp_path: object) -> Iterator[str]:
    """A database of its own: these registrations are committed, not rolled back."""
    base = os.environ.get("EOFFICE_TEST_DATABASE_URL", "")
    if not base:
        yield f"sqlite:///{tmp_path}/numbering.sqlite3"
        return
    name = f"eoffice_numbering_{uuid.uuid4().hex[:8]}"
    server = create_engine(base, isolation_level="AUTOCOMMIT")
    with server.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(base).set(database=name).render_as_string(hide_password=False)
    finally:
        with server.connect() as connection:
            connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        server.dispose()


def _prepare(database: Database) -> None:
    with database.unit_of_work() as session:
        for code in ("REG", "URB"):
            identity.ensure_unit(session, code=code, names={"es": code}, parent_code=None)
        registry.ensure_register(session, code="RGE", kind=RegisterKind.ENTRY,
                                 office_unit="REG", names={"es": "Entrada"}, prefix="E")


def _client(database: Database, client: int) -> int:
    """Register PER_CLIENT entries; about one in five fails after taking its number."""
    chance = random.Random(client)
    registered = 0
    for attempt in range(PER_CLIENT):
        new = NewEntry(register="RGE", channel=Channel.ONLINE,
                       subject=f"client {client} attempt {attempt}", destination_unit="URB",
                       parties=[Party("Ana García Puig", "nif", "12345678Z")])
        try:
            with database.unit_of_work() as session:
                registry.register_entry(session, new, actor=f"client{client}")
                if chance.random() < 0.2:
                    raise CrashAfterNumbering()
            registered += 1
        except CrashAfterNumbering:
            continue
    return registered


def test_concurrent_registrations_get_unique_gap_free_numbers(scratch_url: str) -> None:
    upgrade(scratch_url)
    database = Database(scratch_url, pool_size=CLIENTS)
    try:
        _prepare(database)
        with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
            successes = sum(pool.map(lambda n: _client(database, n), range(CLIENTS)))
        with database.reader() as session:
            rows = session.execute(select(RegistryEntry.sequence, RegistryEntry.number)).all()
    finally:
        database.dispose()
    sequences = sorted(sequence for sequence, _number in rows)
    assert 0 < successes < CLIENTS * PER_CLIENT  # some failed, most went through
    assert len(rows) == successes
    assert sequences == list(range(1, successes + 1))  # no gap, no repeat
    assert len({number for _sequence, number in rows}) == successes
