"""Importing the street map: good rows are recorded and bad ones reported (line, stable
code, message, the row) on the import run; a duplicate street code or an address on a
street that does not exist is rejected and changes nothing; update mode changes what
exists; a file that cannot be read or a crash imports nothing; every run is audited."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from eoffice import territory
from eoffice.audit.models import AuditEvent
from eoffice.territory import imports_rows
from eoffice.territory.errors import MissingColumns, UnreadableImport
from eoffice.territory.models import Dwelling, ImportRun, Street
from tests.conftest import database

STREETS = (b"codvia;tipovia;nombre_es;nombre_va\n"
           b"91001;CL;de la Huerta;de l'Horta\n"
           b"91002;Avenida;del Mar Nuevo;de la Mar Nova\n")
SECTIONS = (b"codvia;tramo;paridad;num_ini;num_fin;categoria;cod_postal;distrito\n"
            b"91001;1;I;1;49;1;46003;01\n"
            b"91001;2;P;2;50;2;46020;13\n")


def _import(db: Session, kind: str, content: bytes | str, *,
            update: bool = False) -> territory.ImportView:
    data = content.encode() if isinstance(content, str) else content
    return territory.import_csv(db, kind, data, filename=f"{kind}.csv", actor="admin",
                                update=update)


@pytest.fixture
def street_map(db: Session) -> Iterator[Session]:
    _import(db, "streets", STREETS)
    _import(db, "sections", SECTIONS)
    yield db


def test_a_street_map_is_imported_and_addresses_get_their_sections_category(
        street_map: Session) -> None:
    run = _import(street_map, "addresses", "codvia;numero;letra\n91001;7;\n91001;8;B\n")
    assert (run.accepted, run.rejected, run.created) == (2, 0, 2)
    odd = territory.get_address(street_map, "91001-0007")
    even = territory.get_address(street_map, "91001-0008-B")
    assert (odd.street_category, odd.postcode, odd.district) == ("1", "46003", "01")
    assert (even.street_category, even.postcode) == ("2", "46020")
    assert even.label("ca") == "CL de l'Horta, 8 B"
    assert [a.code for a in territory.suggest_addresses(street_map, "HUERTA 7")] == [
        "91001-0007"]


def test_a_duplicate_street_code_is_reported_and_the_street_kept_as_it_was(
        street_map: Session) -> None:
    content = ("codvia;tipovia;nombre_es\n"
               "91001;PZ;Otra Huerta\n"      # exists already
               "91003;CL;de Nueva York\n"
               "91003;CL;de Nueva York bis\n")  # twice in the same file
    run = _import(street_map, "streets", content)
    assert (run.accepted, run.rejected) == (1, 2)
    assert [(e["line"], e["code"]) for e in run.report] == [
        (2, "territory.duplicate_street"), (4, "territory.duplicate_street")]
    assert run.report[0]["row"] == {"codvia": "91001", "tipovia": "PZ",
                                    "nombre_es": "Otra Huerta"}
    assert "line 3" in run.report[1]["message"]
    kept = street_map.scalar(select(Street).filter_by(code="91001"))
    assert kept is not None and (kept.kind, kept.name["es"]) == ("CL", "de la Huerta")
    stored = street_map.get(ImportRun, run.id)
    assert stored is not None and stored.rejected == 2 and len(stored.report) == 2


def test_update_mode_changes_names_and_types_and_counts_what_did_not_change(
        street_map: Session) -> None:
    content = ("codvia;tipovia;nombre_es;nombre_va\n"
               "91001;PZ;de la Huerta;de l'Horta\n"
               "91002;AV;del Mar Nuevo;de la Mar Nova\n")
    run = _import(street_map, "streets", content, update=True)
    assert (run.created, run.updated, run.unchanged, run.rejected) == (0, 1, 1, 0)
    assert territory.suggest_addresses(street_map, "horta") == []  # no addresses yet
    changed = street_map.scalar(select(Street).filter_by(code="91001"))
    assert changed is not None and changed.kind == "PZ"


def test_an_address_on_a_street_that_does_not_exist_is_rejected_alone(
        street_map: Session) -> None:
    run = _import(street_map, "addresses",
                  "codvia;numero;cod_postal\n99999;3;46001\n91001;S/N;46003\n"
                  "91001;abc;46003\n91001;9;\n91001;11;\n")
    assert [(e["line"], e["code"]) for e in run.report] == [
        (2, "territory.unknown_street"), (4, "territory.invalid")]
    assert run.accepted == 3
    assert territory.find_address(street_map, "99999-0003") is None
    assert territory.find_address(street_map, "91001-0000") is not None  # "sin número"


def test_sections_imported_after_the_addresses_give_them_their_category(db: Session) -> None:
    _import(db, "streets", STREETS)
    _import(db, "addresses", "codvia;numero;cod_postal\n91002;10;46011\n")
    assert territory.get_address(db, "91002-0010").street_category is None
    run = _import(db, "sections", "codvia;tramo;num_ini;num_fin;categoria;cod_postal\n"
                                  "91002;1;1;99;3;46011\n91002;2;50;120;4;46011\n")
    assert [e["code"] for e in run.report] == ["territory.overlapping_section"]
    assert territory.get_address(db, "91002-0010").street_category == "3"


def test_cadastral_references_with_wrong_control_letters_are_rejected(
        street_map: Session) -> None:
    _import(street_map, "addresses", "codvia;numero\n91001;7\n")
    content = ("refcat;codvia;numero;planta;puerta;superficie\n"
               "9872023YJ2797B0001WI;91001;7;01;A;90\n"
               "9872023YJ2797B0002XX;91001;7;01;B;85\n"   # wrong control letters
               "9872023YJ2797B0003RP;91001;11;02;A;90\n"  # no such address
               "9872023YJ2797B0001WI;91001;7;01;A;90\n")  # twice
    run = _import(street_map, "cadastre", content)
    assert [(e["line"], e["code"]) for e in run.report] == [
        (3, "territory.invalid_cadastral_reference"), (4, "territory.unknown_address"),
        (5, "territory.duplicate_dwelling")]
    assert street_map.scalars(select(Dwelling.cadastral_reference)
                              .where(Dwelling.cadastral_reference.like("9872023YJ2797B%"))
                              ).all() == ["9872023YJ2797B0001WI"]


@pytest.mark.parametrize(("content", "error"), [
    (b"codvia|tipovia|nombre_es\n91009|CL|de Nadie\n", MissingColumns),
    (b"%PDF-1.7 not a street map", UnreadableImport),
])
def test_a_file_that_cannot_be_read_imports_nothing_and_records_no_run(
        db: Session, content: bytes, error: type[Exception]) -> None:
    runs = db.scalar(select(func.count()).select_from(ImportRun))
    with pytest.raises(error):
        _import(db, "streets", content)
    assert db.scalar(select(func.count()).select_from(ImportRun)) == runs
    assert db.scalar(select(Street).filter_by(code="91009")) is None


def test_a_crash_in_the_middle_of_an_import_imports_nothing(
        app: Flask, db: Session, monkeypatch: pytest.MonkeyPatch) -> None:
    real = imports_rows.HANDLERS[territory.ImportKind.STREETS]
    seen: list[int] = []

    def crash_on_third_row(ctx: imports_rows.ImportContext, row: object) -> str:
        seen.append(1)
        if len(seen) == 3:
            raise RuntimeError("disk full")
        return real(ctx, row)  # type: ignore[arg-type]

    monkeypatch.setitem(imports_rows.HANDLERS, territory.ImportKind.STREETS,
                        crash_on_third_row)
    content = "codvia;tipovia;nombre_es\n91011;CL;a\n91012;CL;b\n91013;CL;c\n"
    runs = db.scalar(select(func.count()).select_from(ImportRun))
    with app.app_context(), pytest.raises(RuntimeError), \
            database(app).unit_of_work() as session:
        _import(session, "streets", content)
    assert db.scalars(select(Street.code).where(Street.code.like("9101%"))).all() == []
    assert db.scalar(select(func.count()).select_from(ImportRun)) == runs


def test_every_import_is_audited_with_its_counts(street_map: Session) -> None:
    run = _import(street_map, "addresses", "codvia;numero\n91001;1\n99999;1\n")
    event = street_map.scalar(select(AuditEvent).filter_by(object_id=run.id))
    assert event is not None and event.action == "territory.imported"
    assert event.actor == "admin"
    assert (event.data["created"], event.data["rejected"]) == (1, 1)
    assert event.data["codes"] == {"territory.unknown_street": 1}


def test_digits_python_half_knows_and_long_names_are_rejected_row_by_row(
        street_map: Session) -> None:
    long_name = "Calle " + "x" * 144  # 150 characters in each official language
    content = ("codvia;numero;cod_postal\n91001;²;46003\n91001;13;4600²\n91001;15;46003\n")
    run = _import(street_map, "addresses", content)
    assert [(e["line"], e["code"]) for e in run.report] == [
        (2, "territory.invalid"), (3, "territory.invalid")]
    assert run.accepted == 1 and territory.find_address(street_map, "91001-0015") is not None
    streets = _import(street_map, "streets", f"codvia;tipovia;nombre_es;nombre_va\n"
                                             f"91009;CL;{long_name};{long_name}\n")
    assert (streets.accepted, streets.rejected) == (1, 0)  # fits the search column
