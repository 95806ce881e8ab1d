"""Examples for sql.yml (semgrep --test)."""
# ruff: noqa
import sqlite3

from sqlalchemy import select, text
from sqlalchemy.orm import Session


def entries_of(db: Session, unit: str) -> object:
    # ruleid: eoffice-sql-built-from-strings
    return db.execute(text(f"SELECT * FROM registry_entry WHERE unit = '{unit}'"))


def entries_by_year(db: Session, year: str) -> object:
    # ruleid: eoffice-sql-built-from-strings
    return db.execute(text("SELECT * FROM registry_entry WHERE year = %s" % year))


def entries_by_subject(connection: sqlite3.Connection, subject: str) -> object:
    # ruleid: eoffice-sql-built-from-strings
    return connection.execute("SELECT * FROM entry WHERE subject = '" + subject + "'")


def entries_by_number(connection: sqlite3.Connection, number: str) -> object:
    sql = f"SELECT * FROM entry WHERE number = '{number}'"
    # ruleid: eoffice-sql-built-from-strings
    return connection.execute(sql)


def entries_bound(db: Session, unit: str) -> object:
    # ok: eoffice-sql-built-from-strings
    return db.execute(text("SELECT * FROM registry_entry WHERE unit = :unit"), {"unit": unit})


def entries_selected(db: Session, entry_table: object, unit: str) -> object:
    # ok: eoffice-sql-built-from-strings
    return db.execute(select(entry_table).where(entry_table.c.unit == unit))


def entries_sqlite_bound(connection: sqlite3.Connection, subject: str) -> object:
    # ok: eoffice-sql-built-from-strings
    return connection.execute("SELECT * FROM entry WHERE subject = ?", (subject,))
