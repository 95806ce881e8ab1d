"""The audit log is append-only and any edit or deletion is detected, naming the event."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session

from eoffice import audit
from eoffice.migrate import upgrade
from tests.conftest import run_eoffice

BYPASS_TRIGGER = {
    "sqlite": "DROP TRIGGER audit_event_no_update",
    "postgresql": "ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only",
}


def test_events_recorded_in_a_transaction_form_an_intact_chain(db: Session) -> None:
    before = audit.verify_chain(db)
    audit.record_event(db, "test.happened", actor="clerk", object_type="file", object_id="1")
    audit.record_event(db, "test.happened", actor="clerk", object_type="file", object_id="2")
    report = audit.verify_chain(db)
    assert report.intact, report.problems
    assert report.checked == before.checked + 2


def test_database_refuses_to_update_an_audit_event(db: Session) -> None:
    event = audit.record_event(db, "test.happened", actor="x", object_type="t", object_id="1")
    with pytest.raises(Exception, match="append-only"), db.begin_nested():
        db.execute(text("UPDATE audit_event SET actor = 'y' WHERE seq = :seq"), {"seq": event.seq})


def test_verify_names_an_event_edited_behind_the_applications_back(db: Session) -> None:
    event = audit.record_event(db, "test.happened", actor="x", object_type="t", object_id="1")
    db.flush()
    db.execute(text(BYPASS_TRIGGER[db.get_bind().dialect.name]))
    db.execute(
        text("UPDATE audit_event SET object_id = '2' WHERE seq = :seq"), {"seq": event.seq}
    )
    db.expire_all()
    report = audit.verify_chain(db)
    assert not report.intact
    assert report.problems == [f"event {event.seq} (test.happened): content was changed"]




def test_audit_verify_passes_on_a_fresh_database_and_names_an_edited_event(
    tmp_path: Path,
) -> None:
    database = tmp_path / "eoffice.sqlite3"
    upgrade(f"sqlite:///{database}")
    assert run_eoffice(tmp_path, "demo", "load").returncode == 0
    fresh = run_eoffice(tmp_path, "audit", "verify")
    assert fresh.returncode == 0, fresh.stderr
    assert "intact" in fresh.stdout

    # Someone with database access bypasses the append-only trigger and edits a row.
    engine = create_engine(f"sqlite:///{database}")
    with engine.begin() as connection:
        connection.execute(text("DROP TRIGGER audit_event_no_update"))
        connection.execute(text("UPDATE audit_event SET actor = 'mallory' WHERE seq = 3"))
    engine.dispose()

    tampered = run_eoffice(tmp_path, "audit", "verify")
    assert tampered.returncode == 1
    assert "event 3" in tampered.stderr
    assert "changed" in tampered.stderr


def test_audit_verify_detects_a_deleted_event(tmp_path: Path) -> None:
    database = tmp_path / "eoffice.sqlite3"
    upgrade(f"sqlite:///{database}")
    assert run_eoffice(tmp_path, "demo", "load").returncode == 0
    engine = create_engine(f"sqlite:///{database}")
    with engine.begin() as connection:
        connection.execute(text("DROP TRIGGER audit_event_no_delete"))
        connection.execute(text("DELETE FROM audit_event WHERE seq = 2"))
    engine.dispose()
    tampered = run_eoffice(tmp_path, "audit", "verify")
    assert tampered.returncode == 1
    assert "event 2..2: missing" in tampered.stderr
