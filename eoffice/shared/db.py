"""Database plumbing: the typed declarative base, engines and the unit of work.

SQLite (the embedded default) runs in WAL mode with foreign keys on; writes
take the write lock up front (``BEGIN IMMEDIATE``) so concurrent writers wait
instead of failing half-way. PostgreSQL is used as it is.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, DateTime, Engine, MetaData, create_engine, event
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker
from sqlalchemy.types import TypeDecorator

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Declarative base of every eoffice table."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp stored in UTC and always returned timezone-aware."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes are not stored: give a timezone")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _configure_sqlite(engine: Engine, *, begin: str, busy_seconds: float) -> None:
    """Take transaction control from pysqlite and set the pragmas we rely on."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        # nosemgrep: eoffice-sql-built-from-strings - an int of ours; PRAGMA binds nothing
        cursor.execute(f"PRAGMA busy_timeout={int(busy_seconds * 1000)}")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        connection.exec_driver_sql(begin)


class Database:
    """Engines and session factories of one database."""

    def __init__(self, url: str, *, echo: bool = False, pool_size: int = 5,
                 busy_seconds: float = 30.0) -> None:
        """``busy_seconds``: on SQLite, how long a writer waits for the write lock before
        giving up (SQLite does not queue waiters fairly)."""
        self.url = url
        self.is_sqlite = url.startswith("sqlite")
        pooling: dict[str, Any] = {"pool_size": pool_size, "max_overflow": 10}
        if not self.is_sqlite:
            pooling["pool_pre_ping"] = True
        self.engine = create_engine(url, echo=echo, **pooling)
        if self.is_sqlite:
            _configure_sqlite(self.engine, begin="BEGIN", busy_seconds=busy_seconds)
            self.write_engine = create_engine(url, echo=echo, **pooling)
            _configure_sqlite(self.write_engine, begin="BEGIN IMMEDIATE",
                              busy_seconds=busy_seconds)
        else:
            self.write_engine = self.engine
        self._reader = sessionmaker(self.engine, expire_on_commit=False)
        self._writer = sessionmaker(self.write_engine, expire_on_commit=False)

    @contextmanager
    def unit_of_work(self) -> Iterator[Session]:
        """A session whose work is committed at the end of the block, or rolled back."""
        with self._writer() as session, session.begin():
            yield session

    @contextmanager
    def reader(self) -> Iterator[Session]:
        """A session for reading; anything written in it is discarded.

        Closing (not rolling back) ends the transaction without expiring what
        was loaded, so views may serialise the objects after the block.
        """
        with self._reader() as session:
            yield session

    def bind_to(self, connection: Connection) -> None:
        """Run every session inside ``connection`` with savepoints (tests roll it back)."""
        for factory in (self._reader, self._writer):
            factory.configure(bind=connection, join_transaction_mode="create_savepoint")

    def unbind(self) -> None:
        """Undo :meth:`bind_to` (the join mode back to SQLAlchemy's default, whose name
        changed between 2.0 and 2.1)."""
        for factory, engine in ((self._reader, self.engine), (self._writer, self.write_engine)):
            factory.kw.pop("join_transaction_mode", None)
            factory.configure(bind=engine)

    def dispose(self) -> None:
        """Close every pooled connection."""
        self.engine.dispose()
        if self.write_engine is not self.engine:
            self.write_engine.dispose()


def current_database() -> Database:
    """The database of the running Flask application."""
    from flask import current_app  # noqa: PLC0415 - only the web edge has an app

    database: Database = current_app.extensions["eoffice.database"]
    return database


@contextmanager
def unit_of_work() -> Iterator[Session]:
    """One transaction on the running application's database."""
    with current_database().unit_of_work() as session:
        yield session


@contextmanager
def reader() -> Iterator[Session]:
    """A read-only session on the running application's database."""
    with current_database().reader() as session:
        yield session
