"""The access log keeps what it was given and refuses to change it (database triggers on
SQLite and PostgreSQL, ADR 0052); operators read it by subject or actor with
``eoffice audit accesses``."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session

from eoffice import audit
from eoffice.migrate import upgrade
from eoffice.shared.db import Database
from tests.conftest import run_eoffice

READ_FILE = audit.Access(audit.READ, "file", "URB/2026/000001", "file", "URB/2026/000001", "URB")


def test_an_access_is_kept_and_can_be_neither_changed_nor_deleted(db: Session) -> None:
    audit.record_access(db, READ_FILE, actor="clerk", channel="api")
    db.flush()
    [kept] = audit.accesses(db, subject=("file", "URB/2026/000001"))
    assert (kept.actor, kept.action, kept.unit_code, kept.channel) == (
        "clerk", "read", "URB", "api")
    with pytest.raises(Exception, match="append-only"), db.begin_nested():
        db.execute(text("UPDATE audit_access SET actor = 'mallory'"))
    with pytest.raises(Exception, match="append-only"), db.begin_nested():
        db.execute(text("DELETE FROM audit_access"))
    assert [a.actor for a in audit.accesses(db, actor="clerk")] == ["clerk"]


def test_an_unknown_action_is_refused(db: Session) -> None:
    with pytest.raises(ValueError, match="unknown access action"):
        audit.record_access(db, audit.Access("peek", "file", "x"), actor="clerk",
                            channel="api")


def test_operators_list_the_accesses_to_a_file_with_the_command(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'eoffice.sqlite3'}"
    upgrade(url)
    database = Database(url)
    with database.unit_of_work() as session:
        audit.record_access(session, READ_FILE, actor="clerk", channel="api")
        audit.record_access(session, audit.Access(
            audit.DOWNLOAD, "document", "d-1", "file", "URB/2026/000001"), actor="head",
            channel="page")
        audit.record_access(session, audit.Access(
            audit.READ, "file", "URB/2026/000002", "file", "URB/2026/000002"), actor="clerk",
            channel="api")
    database.dispose()

    listed = run_eoffice(tmp_path, "audit", "accesses", "--subject", "file:URB/2026/000001")
    assert listed.returncode == 0, listed.stderr
    lines = [line.split("\t")[1:] for line in listed.stdout.splitlines()]
    assert lines == [["head", "download", "document:d-1", "page"],
                     ["clerk", "read", "file:URB/2026/000001", "api"]]
    by_clerk = run_eoffice(tmp_path, "audit", "accesses", "--actor", "clerk")
    assert len(by_clerk.stdout.splitlines()) == 2
    wrong = run_eoffice(tmp_path, "audit", "accesses", "--subject", "URB/2026/000001")
    assert wrong.returncode == 2 and "TYPE:ID" in wrong.stderr

    engine = create_engine(url)  # the SQLite triggers came with the migration
    with pytest.raises(Exception, match="append-only"), engine.begin() as connection:
        connection.execute(text("DELETE FROM audit_access"))
    engine.dispose()
