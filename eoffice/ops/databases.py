"""Dumping and restoring the database of a backup.

SQLite: the online backup API (``sqlite3.Connection.backup``) copies a consistent
snapshot page by page while the application keeps writing. PostgreSQL: ``pg_dump
--format=custom`` and ``pg_restore`` in one transaction, found on PATH, through
``pg_config --bindir`` or under ``/usr/lib/postgresql/*/bin``. Passwords go to the tools
in ``PGPASSWORD``, never on their command line.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
from contextlib import closing
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import create_engine, pool, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import SQLAlchemyError

from eoffice.ops.errors import BackupRefused
from eoffice.ops.readiness import current_revisions

SQLITE = "sqlite"
POSTGRESQL = "postgresql"
DUMP_FILES = {SQLITE: "database.sqlite3", POSTGRESQL: "database.pgdump"}
TOOL_TIMEOUT_SECONDS = 6 * 3600


def database_kind(url: str) -> str:
    """``sqlite`` or ``postgresql``; BackupRefused for any other database."""
    backend = make_url(url).get_backend_name()
    if backend not in DUMP_FILES:
        raise BackupRefused(f"backups support SQLite and PostgreSQL, not {backend!r}")
    return backend


def sqlite_path(url: str) -> Path:
    """The file of a SQLite URL (an in-memory database has none to back up)."""
    database = make_url(url).database
    if not database or database == ":memory:" or database.startswith("file:"):
        raise BackupRefused("the SQLite database must be a file (sqlite:////path/to/file)")
    return Path(database)


def revision_of(url: str) -> str:
    """The Alembic revision the database records ("" when it has no schema)."""
    engine = create_engine(url, poolclass=pool.NullPool)
    try:
        with engine.connect() as connection:
            return ",".join(sorted(current_revisions(connection)))
    finally:
        engine.dispose()


def _version_key(folder: Path) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", folder.parent.name)) or (0,)


def find_pg_tool(name: str) -> str:
    """The path of ``pg_dump`` or ``pg_restore``; BackupRefused when none is installed."""
    found = shutil.which(name)
    if found:
        return found
    pg_config = shutil.which("pg_config")
    if pg_config:
        reported = subprocess.run(  # noqa: S603 - the client's own pg_config
            [pg_config, "--bindir"], capture_output=True, text=True, check=False, timeout=30,
        ).stdout.strip()
        if reported and (Path(reported) / name).is_file():
            return str(Path(reported) / name)
    for bindir in sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=_version_key,
                         reverse=True):
        if (bindir / name).is_file():
            return str(bindir / name)
    raise BackupRefused(f"{name} was not found (PATH, `pg_config --bindir`, "
                        "/usr/lib/postgresql/*/bin): install the PostgreSQL client")


def _libpq(url: str) -> tuple[str, dict[str, str]]:
    """(connection URI without the password, environment carrying the password)."""
    parsed: URL = make_url(url)
    env = dict(os.environ)
    if parsed.password:
        env["PGPASSWORD"] = str(parsed.password)
    uri = parsed.set(drivername="postgresql", password=None)
    return uri.render_as_string(hide_password=False), env


def _run_tool(args: list[str], env: dict[str, str], what: str) -> None:
    try:
        result = subprocess.run(  # noqa: S603 - pg_dump/pg_restore with a list, no shell
            args, env=env, capture_output=True, text=True, check=False,
            timeout=TOOL_TIMEOUT_SECONDS,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise BackupRefused(f"{what} failed: {exc}") from exc
    if result.returncode != 0:
        lines = [line for line in result.stderr.splitlines() if line.strip()]
        reason = lines[0] if lines else f"exit code {result.returncode}"
        raise BackupRefused(f"{what} failed: {reason}")


def dump_database(url: str, target: Path) -> str:
    """Write a consistent dump of the database to ``target``; its Alembic revision."""
    if database_kind(url) == SQLITE:
        source = sqlite_path(url)
        if not source.is_file():
            raise BackupRefused(f"there is no SQLite database at {source}")
        try:
            with closing(sqlite3.connect(source)) as live, \
                    closing(sqlite3.connect(target)) as copy:
                live.backup(copy)
                # One self-contained file: no -wal/-shm beside it, now or when read.
                copy.execute("PRAGMA journal_mode=DELETE")
                return _sqlite_revision(copy)
        except sqlite3.Error as exc:
            raise BackupRefused(f"the SQLite backup failed: {exc}") from exc
    revision = revision_of(url)
    uri, env = _libpq(url)
    _run_tool([find_pg_tool("pg_dump"), "--format=custom", f"--file={target}",
               f"--dbname={uri}"], env, "pg_dump")
    return revision


def _sqlite_revision(connection: sqlite3.Connection) -> str:
    try:
        rows = connection.execute("SELECT version_num FROM alembic_version").fetchall()
    except sqlite3.OperationalError:  # no alembic_version table: no schema yet
        return ""
    return ",".join(sorted(str(row[0]) for row in rows))


def _read_only(path: Path) -> str:
    """A URI that opens ``path`` without writing anything beside it (a backup's dump)."""
    return f"file:{quote(str(path.resolve()))}?mode=ro&immutable=1"


def _sqlite_tables(path: Path) -> int:
    uri = f"file:{quote(str(path.resolve()))}?mode=ro"
    with closing(sqlite3.connect(uri, uri=True)) as connection:
        row = connection.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table' "
                                 "AND name NOT LIKE 'sqlite_%'").fetchone()
    return int(row[0])


def _postgres_tables(url: str) -> int:
    engine = create_engine(url, poolclass=pool.NullPool)
    try:
        with engine.connect() as connection:
            return int(connection.execute(text(
                "SELECT count(*) FROM information_schema.tables WHERE table_schema "
                "NOT IN ('pg_catalog', 'information_schema')")).scalar_one())
    finally:
        engine.dispose()


def ensure_empty_database(url: str) -> None:
    """BackupRefused unless the target database has no table at all."""
    try:
        if database_kind(url) == SQLITE:
            path = sqlite_path(url)
            tables = _sqlite_tables(path) if path.is_file() and path.stat().st_size else 0
        else:
            tables = _postgres_tables(url)
    except (sqlite3.Error, SQLAlchemyError) as exc:
        reason = str(getattr(exc, "orig", None) or exc).splitlines()[0]
        raise BackupRefused(f"the target database cannot be read: {reason}") from exc
    if tables:
        raise BackupRefused(f"the target database is not empty ({tables} tables): restore "
                            "only into a fresh, empty database")


def restore_database(url: str, dump: Path) -> None:
    """Load ``dump`` into the (empty) database at ``url``, all or nothing."""
    if database_kind(url) == SQLITE:
        target = sqlite_path(url)
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            with closing(sqlite3.connect(_read_only(dump), uri=True)) as source, \
                    closing(sqlite3.connect(target)) as copy:
                source.backup(copy)
        except sqlite3.Error as exc:
            target.unlink(missing_ok=True)
            raise BackupRefused(f"the SQLite restore failed: {exc}") from exc
        return
    uri, env = _libpq(url)
    _run_tool([find_pg_tool("pg_restore"), "--no-owner", "--no-privileges", "--exit-on-error",
               "--single-transaction", f"--dbname={uri}", str(dump)], env, "pg_restore")
