"""The parties of files indexed by national id: filled when a file opens and backfilled by
migration 0023 from the files already open; a citizen finds her files (with the terms
she may see) and nobody else's."""

from __future__ import annotations

import importlib.util
import json
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice import files
from eoffice.files.models import FileParty
from eoffice.identity import Principal
from eoffice.migrate import upgrade

MIGRATIONS = Path(__file__).resolve().parents[3] / "migrations"
ANA = {"name": "Ana García Puig", "id_type": "nif", "id_number": "12345678z",
       "role": "interested"}
BERNAT = {"name": "Bernat Soler Ferrer", "id_type": "nif", "id_number": "87654321X",
          "role": "interested"}


def citizen(id_number: str | None, login: str = "someone") -> Principal:
    return Principal(account_id=0, login=login, name=login, roles=frozenset({"citizen"}),
                     units=(), id_number=id_number, id_type="nif")


def open_for(db: Session, *parties: dict[str, str], procedure: str = "general-application",
             ) -> str:
    return files.open_file(db, files.NewFile(
        unit_code="URB", subject="Fallen tree", parties=list(parties),
        procedure=procedure, resolution_term={"value": 3, "unit": "months"}), actor="test").number


def test_opening_a_file_indexes_its_parties_by_upper_case_id(db: Session) -> None:
    number = open_for(db, ANA, {**ANA, "role": "representative"}, ANA, BERNAT,
                      {"name": "No id", "role": "interested"})
    rows = db.execute(select(FileParty.id_number, FileParty.role, FileParty.name)
                      .order_by(FileParty.id)).all()
    assert [tuple(r) for r in rows][-3:] == [
        ("12345678Z", "interested", "Ana García Puig"),
        ("12345678Z", "representative", "Ana García Puig"),
        ("87654321X", "interested", "Bernat Soler Ferrer")]
    assert [p.get("id_number") for p in files.parties_of_file(db, number)][::3] == [
        "12345678z", "87654321X"]


def test_a_citizen_finds_her_files_with_the_terms_she_may_see(db: Session) -> None:
    mine = open_for(db, ANA)
    other = open_for(db, BERNAT)
    found = files.files_of_parties(db, ["12345678z"])
    numbers = [view.number for view in found]
    assert mine in numbers and other not in numbers
    view = next(v for v in found if v.number == mine)
    assert (view.party_id_number, view.responsible_unit, view.state) == (
        "12345678Z", "URB", "open")
    both = files.files_of_parties(db, ["87654321X", "12345678Z"])
    assert {mine, other} <= {v.number for v in both}
    assert files.files_of_parties(db, []) == []


def test_a_party_gets_her_file_and_anyone_else_is_told_it_does_not_exist(
    db: Session,
) -> None:
    number = open_for(db, ANA)
    file_id = db.scalar(select(FileParty.file_id).where(FileParty.id_number == "12345678Z")
                        .order_by(FileParty.id.desc()))
    assert file_id is not None
    files.start_resolution_term(db, file_id, term={"value": 3, "unit": "months"},
                                silence_effect="approval", actor="test")
    view = files.citizen_file_for(db, number, citizen("12345678Z", "ana"))
    assert view.number == number and view.party_id_number == "12345678Z"
    [term] = view.deadlines
    assert term.kind == "resolution" and term.state == "running" and term.due_on is not None
    for stranger in (citizen("87654321X", "bernat"), citizen(None)):
        with pytest.raises(files.UnknownFile):
            files.citizen_file_for(db, number, stranger)
    with pytest.raises(files.UnknownFile):
        files.citizen_file_for(db, "URB/2026/999999", citizen("12345678Z", "ana"))


def _migration_0023() -> object:
    path = MIGRATIONS / "versions" / "0023_files_parties.py"
    spec = importlib.util.spec_from_file_location("migration_0023", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_upgrading_from_0022_indexes_the_parties_of_existing_files(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    upgrade(f"sqlite:///{path}", "0022")
    parties = [ANA, {**BERNAT, "role": "representative"}, {"name": "x"}]
    with sqlite3.connect(path) as connection:
        connection.executemany(
            "INSERT INTO files_file (id, number, unit_code, responsible_unit, year, sequence, "
            "subject, parties, state, phase, opened_at, opened_by) VALUES "
            "(?, ?, 'URB', 'URB', 2026, ?, 's', ?, 'open', 'in_process', "
            "'2026-11-01 08:00:00.000000', 'test')",
            [("f1", "URB/2026/000001", 1, json.dumps(parties)),
             ("f2", "URB/2026/000002", 2, json.dumps([BERNAT])),
             ("f3", "URB/2026/000003", 3, "null")])
    upgrade(f"sqlite:///{path}")
    with sqlite3.connect(path) as connection:
        rows = sorted(connection.execute(
            "SELECT file_id, id_number, role, name FROM files_party"))
    assert rows == [("f1", "12345678Z", "interested", "Ana García Puig"),
                    ("f1", "87654321X", "representative", "Bernat Soler Ferrer"),
                    ("f2", "87654321X", "interested", "Bernat Soler Ferrer")]
    # the migration keeps its own copy of the rule: both must index alike
    assert [{k: r[k] for k in ("id_number", "role", "name", "id_type")}
            for r in _migration_0023()._rows_of("f1", parties)] == (  # type: ignore[attr-defined]
        files.services.parties.index_rows(parties))  # type: ignore[attr-defined]
