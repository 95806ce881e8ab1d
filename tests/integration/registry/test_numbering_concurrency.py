"""Registry numbers stay unique and gap-free when many clients register at once and
some of their transactions fail after taking a number (on SQLite and PostgreSQL)."""

from __future__ import annotations

import random
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import select

from eoffice import identity, registry
from eoffice.migrate import upgrade
from eoffice.registry import Channel, NewEntry, Party, RegisterKind
from eoffice.registry.models import RegistryEntry
from eoffice.shared.db import Database

CLIENTS = 32
# on SQLite, 32 writers queue for one lock, unfairly: on a slow machine one may wait
# longer than the default 30 s (the test is about numbers, not waiting)
WRITE_LOCK_PATIENCE = 600
PER_CLIENT = 50


class CrashAfterNumbering(Exception):
    """Stands for anything failing after the number was taken (a bug, a lost disk)."""


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
    database = Database(scratch_url, pool_size=CLIENTS, busy_seconds=WRITE_LOCK_PATIENCE)
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
