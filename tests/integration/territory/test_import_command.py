"""``eoffice territory import KIND FILE [--update]``: the summary and the rejected rows on
the terminal, exit 1 when rows were rejected, a clear message for a file it cannot read."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from flask import Flask
from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice.territory.commands import import_command, imports_command
from eoffice.territory.models import Street


def test_the_command_imports_a_file_and_lists_the_rejected_rows(
        app: Flask, db: Session, tmp_path: Path) -> None:
    path = tmp_path / "callejero.csv"
    path.write_bytes("CODVIA,TIPOVIA,NOMBRE_ES\n94001,CL,de la Prueba\n01530,CL,de Colón\n"
                     .encode("cp1252"))
    with app.app_context():
        result = CliRunner().invoke(import_command, ["streets", str(path)])
        listed = CliRunner().invoke(imports_command, [])
    assert result.exit_code == 1, result.output
    assert "Latin-1" in result.output and "','-separated" in result.output
    assert "streets: 1 rows taken (1 new, 0 changed, 0 unchanged), 1 rejected" in result.output
    assert "line 3: territory.duplicate_street" in result.output
    assert db.scalar(select(Street).filter_by(code="94001")) is not None
    assert "callejero.csv" in listed.output


def test_update_mode_takes_every_row(app: Flask, db: Session, tmp_path: Path) -> None:
    path = tmp_path / "callejero.csv"
    path.write_text("codvia;tipovia;nombre_es;nombre_va\n01530;CL;de Colón;de Colom\n",
                    encoding="utf-8")
    with app.app_context():
        result = CliRunner().invoke(import_command, ["streets", str(path), "--update"])
    assert result.exit_code == 0, result.output
    assert "(0 new, 1 changed, 0 unchanged), 0 rejected" in result.output


def test_a_file_the_command_cannot_read_is_refused_with_its_code(
        app: Flask, db: Session, tmp_path: Path) -> None:
    path = tmp_path / "plano.pdf"
    path.write_bytes(b"%PDF-1.7\n")
    with app.app_context():
        result = CliRunner().invoke(import_command, ["addresses", str(path)])
    assert result.exit_code == 1
    assert "territory.unreadable_file" in result.output
