"""The embedded archive index: SQLite FTS5 in its own file (WAL), beside the packages.

Layout (one *generation* ``g`` is live, see ``index_meta``): ``item_g`` holds each item's
narrow row (id, facets, scope columns, what a hit shows: dense, so counting facets over
many matches reads few pages), ``body_g`` the searched text under the same rowid, and
``fts_g`` is an external-content FTS5 table over ``body_g`` (``unicode61
remove_diacritics 2``: case- and accent-insensitive for Spanish, Catalan and English),
kept in step by triggers. Hits come best first (bm25: title and file number weigh 5,
parties 2, text 1) unless more than ``RANKED_MAX`` items match: then newest indexed first.
A rebuild fills generation ``g+1`` in batches while searches keep reading ``g``, then
switches ``index_meta`` and drops ``g`` in one transaction; puts made meanwhile go to
both. Every search reads the generation and its rows in one read transaction, so a switch
never pulls a table from under it.

Connections are per thread (web requests and the worker search at once); writes of this
process take a lock, other processes wait on SQLite's busy timeout.
"""

# Table names are built from integer generations and column names of this module;
# every value from outside is a bound parameter.
# ruff: noqa: S608

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

from eoffice.archive.errors import IndexUnavailable
from eoffice.archive.index.facets import count_facets, count_total, filter_sql
from eoffice.archive.index.highlight import MARK_END, MARK_START, clean, marked_html
from eoffice.archive.index.port import (
    IndexedItem,
    Progress,
    SearchHit,
    SearchRequest,
    SearchResult,
)
from eoffice.archive.index.query import All, Node, Not, Phrase, Term
from eoffice.archive.index.query import Any as AnyOf
from eoffice.archive.index.scope import check_filters

BATCH = 2_000
_COLUMNS = ("id", "kind", "record_id", "file_number", "title", "unit", "series", "year",
            "confidentiality", "procedure", "date")
#: Above this many matches, hits come newest-indexed first instead of best first:
#: ranking scores every match, which a word found in most items cannot afford.
RANKED_MAX = 20_000
_HIT = "i.id, i.kind, i.record_id, i.file_number, i.title, i.unit, i.series, i.year, " \
       "i.procedure, i.date"


def _schema(g: int) -> list[str]:
    item, body, fts = f"item_{g}", f"body_{g}", f"fts_{g}"
    fields = "title, text, parties, file_number"
    new = ", ".join(f"new.{name}" for name in fields.split(", "))
    old = ", ".join(f"old.{name}" for name in fields.split(", "))
    return [
        f"CREATE TABLE IF NOT EXISTS {item} (rowid INTEGER PRIMARY KEY, id TEXT NOT NULL "
        "UNIQUE, kind TEXT NOT NULL, record_id TEXT NOT NULL, file_number TEXT NOT NULL, "
        "title TEXT NOT NULL, unit TEXT NOT NULL, series TEXT NOT NULL, year INTEGER NOT "
        "NULL, confidentiality TEXT NOT NULL, procedure TEXT, date TEXT)",
        f"CREATE INDEX IF NOT EXISTS ix_{item}_record ON {item} (record_id)",
        f"CREATE INDEX IF NOT EXISTS ix_{item}_date ON {item} (date DESC, rowid)",
        f"CREATE TABLE IF NOT EXISTS {body} (rowid INTEGER PRIMARY KEY, title TEXT NOT NULL, "
        "text TEXT NOT NULL, parties TEXT NOT NULL, file_number TEXT NOT NULL)",
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {fts} USING fts5({fields}, content='{body}', "
        "content_rowid='rowid', tokenize='unicode61 remove_diacritics 2')",
        f"CREATE TRIGGER IF NOT EXISTS {body}_ai AFTER INSERT ON {body} BEGIN "
        f"INSERT INTO {fts} (rowid, {fields}) VALUES (new.rowid, {new}); END",
        f"CREATE TRIGGER IF NOT EXISTS {body}_ad AFTER DELETE ON {body} BEGIN "
        f"INSERT INTO {fts} ({fts}, rowid, {fields}) VALUES ('delete', old.rowid, {old}); END",
    ]


def _drop(g: int) -> list[str]:
    return [f"DROP TABLE IF EXISTS fts_{g}", f"DROP TABLE IF EXISTS body_{g}",
            f"DROP TABLE IF EXISTS item_{g}"]


Row = tuple[tuple[Any, ...], tuple[Any, ...]]


def _row(item: IndexedItem) -> Row:
    """The narrow row (facets, scope, what a hit shows) and the searched text's row."""
    title = clean(item.title)
    return ((item.id, item.kind, item.record_id, item.file_number, title, item.unit,
             item.series, item.year, item.confidentiality, item.procedure,
             item.date.isoformat() if item.date else None),
            (title, clean(item.text), clean("\n".join(item.parties)), item.file_number))


def match_expression(node: Node) -> str:
    """The FTS5 expression of a query tree: every word is a quoted FTS5 string, so no
    operator, column filter or NEAR of the user's text reaches MATCH."""
    if isinstance(node, Term):
        quoted = '"' + node.word.replace('"', '""') + '"'
        return quoted + "*" if node.prefix else quoted
    if isinstance(node, Phrase):
        return '"' + " ".join(node.words).replace('"', '""') + '"'
    if isinstance(node, AnyOf):
        return "(" + " OR ".join(match_expression(n) for n in node.nodes) + ")"
    if isinstance(node, All):
        positive = [n for n in node.nodes if not isinstance(n, Not)]
        expression = "(" + " AND ".join(match_expression(n) for n in positive) + ")"
        for negative in (n for n in node.nodes if isinstance(n, Not)):
            expression = f"({expression} NOT {match_expression(negative.node)})"
        return expression
    raise ValueError("an exclusion needs a word beside it")  # the parser refuses it


class Fts5Index:
    """The ArchiveIndex on SQLite FTS5 (see the module's docstring)."""

    name = "fts5"

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._local = threading.local()
        self._write_lock = threading.RLock()
        self._ensured = False

    # connections and generations -------------------------------------------------

    def _connection(self) -> sqlite3.Connection:
        connection: sqlite3.Connection | None = getattr(self._local, "connection", None)
        if connection is None:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                connection = sqlite3.connect(self.path, timeout=30, isolation_level=None,
                                             check_same_thread=False)
                connection.execute("PRAGMA journal_mode=WAL")
                connection.execute("PRAGMA synchronous=NORMAL")
                connection.execute("PRAGMA cache_size=-32000")  # 32 MiB
            except (OSError, sqlite3.Error) as error:
                raise IndexUnavailable(str(error)) from error
            self._local.connection = connection
        return connection

    @contextmanager
    def _transaction(self, *, write: bool) -> Iterator[sqlite3.Connection]:
        if not self._ensured:
            self.ensure()
        connection = self._connection()
        lock = self._write_lock if write else _NO_LOCK
        with lock:
            try:
                connection.execute("BEGIN IMMEDIATE" if write else "BEGIN")
                try:
                    yield connection
                except BaseException:
                    connection.execute("ROLLBACK")
                    raise
                connection.execute("COMMIT")
            except sqlite3.OperationalError as error:
                raise IndexUnavailable(str(error)) from error

    @staticmethod
    def _meta(connection: sqlite3.Connection, key: str) -> int | None:
        row = connection.execute("SELECT value FROM index_meta WHERE key = ?",
                                 (key,)).fetchone()
        return int(row[0]) if row else None

    @staticmethod
    def _set_meta(connection: sqlite3.Connection, key: str, value: int | None) -> None:
        if value is None:
            connection.execute("DELETE FROM index_meta WHERE key = ?", (key,))
        else:
            connection.execute("INSERT INTO index_meta (key, value) VALUES (?, ?) ON "
                               "CONFLICT (key) DO UPDATE SET value = excluded.value",
                               (key, str(value)))

    def _targets(self, connection: sqlite3.Connection) -> list[int]:
        live = self._meta(connection, "live")
        building = self._meta(connection, "building")
        return [g for g in (live, building) if g is not None]

    def _live(self, connection: sqlite3.Connection) -> int:
        live = self._meta(connection, "live")
        if live is None:
            raise IndexUnavailable("the archive index has no live table")
        return live

    def close(self) -> None:
        """Close this thread's connection (tests; other threads' close with them)."""
        connection = getattr(self._local, "connection", None)
        if connection is not None:
            connection.close()
            self._local.connection = None

    # the port --------------------------------------------------------------------

    def ensure(self) -> None:
        connection = self._connection()
        with self._write_lock:
            try:
                connection.execute("BEGIN IMMEDIATE")
                connection.execute("CREATE TABLE IF NOT EXISTS index_meta (key TEXT "
                                   "PRIMARY KEY, value TEXT NOT NULL)")
                if self._meta(connection, "live") is None:
                    for statement in _schema(1):
                        connection.execute(statement)
                    self._set_meta(connection, "live", 1)
                connection.execute("COMMIT")
            except sqlite3.Error as error:
                if connection.in_transaction:
                    connection.execute("ROLLBACK")
                raise IndexUnavailable(str(error)) from error
        self._ensured = True

    def put(self, items: Sequence[IndexedItem]) -> None:
        if not items:
            return
        rows = [_row(item) for item in items]
        with self._transaction(write=True) as connection:
            for g in self._targets(connection):
                self._write(connection, g, rows)

    @staticmethod
    def _write(connection: sqlite3.Connection, g: int, rows: list[Row]) -> None:
        ids = [(item[0],) for item, _ in rows]
        connection.executemany(f"DELETE FROM body_{g} WHERE rowid = (SELECT rowid FROM "
                               f"item_{g} WHERE id = ?)", ids)
        connection.executemany(f"DELETE FROM item_{g} WHERE id = ?", ids)
        insert_item = (f"INSERT INTO item_{g} ({', '.join(_COLUMNS)}) VALUES "
                       f"({', '.join('?' for _ in _COLUMNS)})")
        insert_body = f"INSERT INTO body_{g} VALUES (?, ?, ?, ?, ?)"
        for item, body in rows:
            rowid = connection.execute(insert_item, item).lastrowid
            connection.execute(insert_body, (rowid, *body))

    def delete_record(self, record_id: str) -> None:
        with self._transaction(write=True) as connection:
            for g in self._targets(connection):
                connection.execute(f"DELETE FROM body_{g} WHERE rowid IN (SELECT rowid FROM "
                                   f"item_{g} WHERE record_id = ?)", (record_id,))
                connection.execute(f"DELETE FROM item_{g} WHERE record_id = ?", (record_id,))

    def count(self) -> int:
        with self._transaction(write=False) as connection:
            row = connection.execute(f"SELECT count(*) FROM item_{self._live(connection)}"
                                     ).fetchone()
        return int(row[0])

    def record_ids(self) -> set[str]:
        with self._transaction(write=False) as connection:
            rows = connection.execute(
                f"SELECT DISTINCT record_id FROM item_{self._live(connection)}").fetchall()
        return {row[0] for row in rows}

    def clear(self) -> None:
        with self._transaction(write=True) as connection:
            for g in self._targets(connection):
                for statement in _drop(g) + _schema(g):
                    connection.execute(statement)

    def rebuild(self, items: Iterable[IndexedItem], progress: Progress | None = None) -> int:
        with self._transaction(write=True) as connection:
            live = self._live(connection)
            stale = self._meta(connection, "building")
            if stale is not None:  # a rebuild that did not finish
                for statement in _drop(stale):
                    connection.execute(statement)
            fresh = max(live, stale or 0) + 1
            for statement in _drop(fresh) + _schema(fresh):
                connection.execute(statement)
            self._set_meta(connection, "building", fresh)
        written = 0
        batch: list[Row] = []
        for item in items:
            batch.append(_row(item))
            if len(batch) >= BATCH:
                written += self._fill(fresh, batch, progress)
                batch = []
        written += self._fill(fresh, batch, progress)
        with self._transaction(write=True) as connection:
            self._set_meta(connection, "live", fresh)
            self._set_meta(connection, "building", None)
            for statement in _drop(live):
                connection.execute(statement)
        return written

    def _fill(self, g: int, rows: list[Row], progress: Progress | None) -> int:
        if not rows:
            return 0
        with self._transaction(write=True) as connection:
            self._write(connection, g, rows)
        if progress is not None:
            progress(len(rows))
        return len(rows)

    def search(self, request: SearchRequest) -> SearchResult:
        check_filters(request.filters)
        root = request.query.root
        with self._transaction(write=False) as connection:
            g = self._live(connection)
            source, where, params, ranked = self._matching(g, root, request)
            combos = connection.execute(
                f"SELECT i.kind, i.procedure, i.unit, i.year, i.series, count(*) "
                f"FROM {source} WHERE {where} GROUP BY 1, 2, 3, 4, 5", params).fetchall()
            narrowing, filter_params = filter_sql(request.filters)
            total = count_total(combos, request.filters)
            if ranked and total <= RANKED_MAX:
                order = f"bm25(fts_{g}, 5.0, 1.0, 2.0, 5.0), i.date DESC"
            elif ranked:
                order = f"fts_{g}.rowid DESC"
            else:
                order = "i.date DESC, i.rowid DESC"
            rows = connection.execute(
                f"SELECT {_HIT}, i.rowid FROM {source} WHERE {where}{narrowing} "
                f"ORDER BY {order} LIMIT ? OFFSET ?",
                [*params, *filter_params, request.per_page,
                 (max(request.page, 1) - 1) * request.per_page]).fetchall()
            marked = self._highlights(connection, g, params[0], [row[10] for row in rows]) \
                if ranked else {}
        return SearchResult(total=total,
                            hits=tuple(_hit(row, marked.get(row[10], ())) for row in rows),
                            facets=count_facets(combos, request.filters))

    @staticmethod
    def _highlights(connection: sqlite3.Connection, g: int, expression: str,
                    rowids: list[int]) -> dict[int, tuple[str, ...]]:
        """Highlights of the page's items only (snippets of every match would cost as
        much as the search)."""
        if not rowids:
            return {}
        rows = connection.execute(
            f"SELECT rowid, snippet(fts_{g}, 1, '{MARK_START}', '{MARK_END}', '…', 24), "
            f"highlight(fts_{g}, 0, '{MARK_START}', '{MARK_END}') FROM fts_{g} WHERE "
            f"fts_{g} MATCH ? AND rowid IN ({', '.join('?' for _ in rowids)})",
            [expression, *rowids]).fetchall()
        return {row[0]: tuple(marked_html(fragment) for fragment in row[1:]
                              if fragment and MARK_START in fragment) for row in rows}

    @staticmethod
    def _matching(g: int, root: Node | None,
                  request: SearchRequest) -> tuple[str, str, list[Any], bool]:
        """FROM, WHERE and parameters of the items the query and scope select, and
        whether they are ranked (a MATCH) or browsed."""
        params: list[Any] = []
        if root is None:
            source, where, ranked = f"item_{g} i", "1", False
        elif isinstance(root, Not) or (isinstance(root, All) and all(
                isinstance(n, Not) for n in root.nodes)):
            excluded = [root] if isinstance(root, Not) else list(root.nodes)
            source, ranked = f"item_{g} i", False
            where = " AND ".join(f"i.rowid NOT IN (SELECT rowid FROM fts_{g} WHERE fts_{g} "
                                 "MATCH ?)" for _ in excluded)
            params += [match_expression(n.node) for n in excluded if isinstance(n, Not)]
        else:
            source = f"fts_{g} JOIN item_{g} i ON i.rowid = fts_{g}.rowid"
            where, ranked = f"fts_{g} MATCH ?", True
            params.append(match_expression(root))
        scope = request.scope
        if scope.units is not None:
            units = sorted(scope.units)
            where += f" AND i.unit IN ({', '.join('?' for _ in units)})" if units else \
                " AND 0"
            params += units
        levels = sorted(scope.confidentiality)
        where += f" AND i.confidentiality IN ({', '.join('?' for _ in levels)})" if levels \
            else " AND 0"
        params += levels
        return source, where, params, ranked


class _NoLock:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        return None


_NO_LOCK = _NoLock()


def _hit(row: Sequence[Any], highlights: tuple[str, ...]) -> SearchHit:
    return SearchHit(id=row[0], kind=row[1], record_id=row[2], file_number=row[3],
                     title=row[4], unit=row[5], series=row[6], year=int(row[7]),
                     procedure=row[8], date=date.fromisoformat(row[9]) if row[9] else None,
                     highlights=highlights)
