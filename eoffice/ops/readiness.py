"""Whether one instance may take traffic: the database answers ``SELECT 1``, its schema is
at the head of the migrations, and the blob store's folder accepts writes.

``GET /readyz`` asks it on every probe; nothing here needs a Flask application. Each
check says in one line what failed, without the database's address or credentials.
"""

from __future__ import annotations

import logging
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import SQLAlchemyError

from eoffice.migrate import alembic_config

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Check:
    """The outcome of one readiness check."""

    name: str
    ok: bool
    detail: str


@dataclass(frozen=True)
class Readiness:
    """Every check of one probe."""

    checks: tuple[Check, ...]

    @property
    def ready(self) -> bool:
        return all(check.ok for check in self.checks)

    @property
    def failures(self) -> list[Check]:
        return [check for check in self.checks if not check.ok]


@cache
def head_revisions() -> frozenset[str]:
    """The head revision(s) of the migrations shipped with this code (read once)."""
    return frozenset(ScriptDirectory.from_config(alembic_config("sqlite://")).get_heads())


def current_revisions(connection: Connection) -> frozenset[str]:
    """The revision(s) the database's ``alembic_version`` table records (empty: none)."""
    return frozenset(MigrationContext.configure(connection).get_current_heads())


def _schema_check(revisions: frozenset[str]) -> Check:
    heads = head_revisions()
    if revisions == heads:
        return Check("migrations", True, f"at head {', '.join(sorted(heads))}")
    if not revisions:
        return Check("migrations", False, "the database has no schema: run `eoffice db upgrade`")
    return Check("migrations", False,
                 f"the database is at {', '.join(sorted(revisions))}, the code needs "
                 f"{', '.join(sorted(heads))}: run `eoffice db upgrade`")


def check_database(engine: Engine) -> tuple[Check, Check]:
    """(database answers, schema at head); the second is not checked without the first."""
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
            revisions = current_revisions(connection)
    except SQLAlchemyError as exc:
        log.warning("readiness: the database does not answer: %s", exc)
        reason = type(getattr(exc, "orig", None) or exc).__name__
        return (Check("database", False, f"the database does not answer ({reason})"),
                Check("migrations", False, "not checked: the database does not answer"))
    return Check("database", True, "answers"), _schema_check(revisions)


def check_blob_store(root: Path | None) -> Check:
    """A file written and removed in the store's ``incoming`` folder (where the store
    itself writes before renaming a blob into place)."""
    if root is None:
        return Check("blob_store", True, "not a file store: not checked here")
    try:
        incoming = root / "incoming"
        incoming.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=incoming, prefix=".readyz-") as handle:
            handle.write(b"ready")
            handle.flush()
    except OSError as exc:
        log.warning("readiness: the blob store %s is not writable: %s", root, exc)
        return Check("blob_store", False,
                     f"the blob store's folder is not writable ({exc.strerror or exc})")
    return Check("blob_store", True, "writable")


def check_readiness(engine: Engine, blob_root: Path | None) -> Readiness:
    """Every readiness check, in the order an operator fixes them."""
    database, migrations = check_database(engine)
    return Readiness((database, migrations, check_blob_store(blob_root)))
