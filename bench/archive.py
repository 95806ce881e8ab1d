"""Benchmark of the archive search index (not a test: timings never fail a build).

For each size, builds an index of synthetic archive items (files, documents, entries,
notifications of 10 units, Spanish and Catalan administrative prose of ~60 words, Zipf
word frequencies) and measures, in this process:

- indexing: ``rebuild`` (bulk, the reindex command) and ``put`` of one file's five items
  at a time (the worker), items per second, against plain SQLite inserts of the same
  rows into an ordinary table (the baseline: what indexing costs on top of storing);
- search: p50 / p95 of ``search`` (scope, facets, highlights, a page of 20) for common
  and rare words, two words, a phrase, a prefix, an exclusion, a clerk of one unit, a
  facet filter and browsing (empty query), against the bare FTS5 ``MATCH ... ORDER BY
  rank LIMIT 20`` of the same words on the same file (the baseline).

The embedded FTS5 index always; OpenSearch too when ``OPENSEARCH_URL`` is set, and
osmem-server with ``--osmem`` (labelled osmem: its speed says nothing of OpenSearch).

    .venv/bin/python bench/archive.py                          # 20,000 items, ~1 min
    .venv/bin/python bench/archive.py --sizes 100000,1000000   # the issue's numbers
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.measure import emit
from eoffice.archive.index.fts5 import Fts5Index, match_expression
from eoffice.archive.index.opensearch import OpenSearchIndex
from eoffice.archive.index.port import ArchiveIndex, IndexedItem, Scope, SearchRequest
from eoffice.archive.index.query import parse_query

try:
    from osmem_server import OsmemServer
except ImportError:  # a test dependency: --osmem needs it
    OsmemServer = None

GOAL_P95_MS = 50
UNITS = ("URB", "ODP", "REG", "ARX", "HAC", "MED", "CUL", "ESP", "SSO", "POL")
KINDS = ("file", "document", "document", "entry", "notification")
LEVELS = ("public", "restricted", "restricted", "restricted", "confidential")
STEMS = (  # noqa: SIM905 - prose is easier to read and edit than a list of strings
    "licencia llicència obra obres actividad activitat resolución resolució expediente "
    "expedient solicitud sol·licitud informe técnico tècnic jurídico jurídic vía via "
    "pública públic ocupación ocupació terraza terrassa andamio bastida vallado tanca "
    "calle carrer plaza plaça mayor major menor comercio comerç apertura obertura "
    "subvención subvenció ayuda ajut alegación al·legació recurso recurs reposición "
    "reposició notificación notificació registro registre entrada sortida salida "
    "ayuntamiento ajuntament alcaldía alcaldia decreto decret junta gobierno govern "
    "urbanismo urbanisme vivienda habitatge rehabilitación rehabilitació fachada façana "
    "cubierta coberta derribo enderroc ruina edificio edifici local nave nau polígono "
    "polígon parcela parcel·la catastro cadastre tasa taxa impuesto impost liquidación "
    "liquidació fianza fiança garantía garantia devolución devolució sanción sanció "
    "multa ruido soroll vecinos veïns queja queixa denuncia denúncia inspección "
    "inspecció policía policia medio ambiente medi ambient residuos residus agua aigua "
    "alumbrado enllumenat parque parc jardín jardí arbolado arbrat mercado mercat "
    "cultura fiesta festa deporte esport piscina escuela escola servicios serveis "
    "sociales socials dependencia dependència empadronamiento empadronament padrón "
    "padró certificado certificat favorable desfavorable denegada denegat concedida "
    "concedit archivo arxiu plazo termini requerimiento requeriment documentación "
    "documentació subsanación esmena interesado interessat representante representant"
).split()
FILLER = (  # noqa: SIM905
    "de la el en y que a los del se las por un para con no una su al lo como más pero "
    "sus le ya o este sí porque esta entre cuando muy sin sobre també però amb els "
    "les per una dels seu").split()
EVERYONE = Scope(units=None, confidentiality=frozenset(LEVELS))
ONE_UNIT = Scope(units=frozenset({"ODP"}), confidentiality=frozenset({"public", "restricted"}))


def vocabulary() -> list[str]:
    """~1,000 words: the stems, their plurals and a few derived forms, in an order left to
    chance (the first is the commonest: Zipf-like frequencies)."""
    words = list(STEMS)
    for stem in STEMS:
        words += [stem + "s", stem + "es", stem + "ción", stem + "ment", stem + "ades"]
    random.Random(1).shuffle(words)  # noqa: S311 - synthetic data
    return words


WORDS = vocabulary()
#: Queries by how common their words are (the commonest is in ~half the items).
QUERIES = {"common word": WORDS[0], "mid word": WORDS[60], "rare word": WORDS[900],
           "two words": f"{WORDS[0]} {WORDS[3]}", "phrase": f'"{WORDS[1]} {WORDS[2]}"',
           "prefix": f"{WORDS[4][:4]}*", "exclusion": f"{WORDS[1]} -{WORDS[2]}",
           "OR": f"{WORDS[30]} OR {WORDS[31]}"}


def items(count: int, seed: int = 7) -> Iterator[IndexedItem]:
    """``count`` synthetic items, five per archived file."""
    rng = random.Random(seed)  # noqa: S311 - synthetic data
    words = WORDS
    cumulative = list(itertools.accumulate(1 / (rank + 10) for rank in range(len(words))))
    start = date(2005, 1, 1)
    for n in range(count):
        record = n // 5
        unit = UNITS[record % len(UNITS)]
        year = 2005 + record % 21
        body = rng.choices(words, cum_weights=cumulative, k=45) + rng.choices(FILLER, k=15)
        rng.shuffle(body)
        yield IndexedItem(
            id=f"{KINDS[n % 5]}:{record}:{n}", kind=KINDS[n % 5], record_id=str(record),
            file_number=f"{unit}/{year}/{record:06d}",
            title=" ".join(rng.choices(STEMS, k=5)).capitalize(), text=" ".join(body),
            unit=unit, series=f"{unit}-{record % 7}", year=year,
            confidentiality=LEVELS[record % 5], procedure=f"proc-{record % 12}",
            date=start + timedelta(days=record % 7600), parties=("Ana García Pérez",))


def rate(label: str, count: int, run: Callable[[], object]) -> float:
    started = time.perf_counter()
    run()
    per_second = count / (time.perf_counter() - started)
    print(f"  {label:<34} {per_second:>10,.0f} items/s")
    return per_second


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[max(0, int(len(ordered) * 0.95) - 1)]


def timed(call: Callable[[], object], rounds: int) -> list[float]:
    samples = []
    for _ in range(rounds):
        started = time.perf_counter()
        call()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def baseline_inserts(folder: Path, size: int) -> float:
    connection = sqlite3.connect(folder / "baseline.sqlite3", isolation_level=None)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("CREATE TABLE item (id TEXT PRIMARY KEY, record_id, title, text, unit)")

    def insert() -> None:
        batch = []
        for it in items(size):
            batch.append((it.id, it.record_id, it.title, it.text, it.unit))
            if len(batch) == 2000:
                with connection:
                    connection.execute("BEGIN")
                    connection.executemany("INSERT INTO item VALUES (?, ?, ?, ?, ?)", batch)
                batch = []
    per_second = rate("baseline: plain SQLite inserts", size, insert)
    connection.close()
    return per_second


def measure(index: ArchiveIndex, label: str, size: int, rounds: int,
            baseline: Callable[[str], Callable[[], object]] | None,
            insert_rate: float | None) -> dict[str, float]:
    """Print the table of one index; its rates and the p95 of all searches."""
    print(f"{label}, {size:,} items")
    index.ensure()
    bulk = rate("rebuild (bulk)", size, lambda: index.rebuild(items(size)))
    if insert_rate:
        print(f"  {'':<34} ratio to baseline {bulk / insert_rate:.2f}")
    extra = list(items(size + 500, seed=11))[size:]
    def put_in_fives() -> None:
        for at in range(0, len(extra), 5):
            index.put(extra[at:at + 5])
    puts = rate("put, 5 items per call (worker)", len(extra), put_in_fives)
    everyone: list[float] = []
    cases: dict[str, tuple[str, Scope, dict[str, tuple[str, ...]]]] = {
        name: (text, EVERYONE, {}) for name, text in QUERIES.items()}
    cases["common word, clerk of one unit"] = (WORDS[0], ONE_UNIT, {})
    cases["common word, unit + year filter"] = (WORDS[0], EVERYONE,
                                                {"unit": ("URB",), "year": ("2010",)})
    cases["browse (empty query)"] = ("", EVERYONE, {})
    cases["browse, clerk of one unit"] = ("", ONE_UNIT, {})
    print(f"  {'search':<34} {'p50':>8} {'p95':>8}   baseline p95   ratio")
    for name, (text, scope, filters) in cases.items():
        request = SearchRequest(query=parse_query(text), scope=scope, filters=filters)
        index.search(request)  # warm
        samples = timed(lambda r=request: index.search(r), rounds)  # type: ignore[misc]
        everyone += samples
        p50, p95 = percentiles(samples)
        line = f"  {name:<34} {p50:>6.1f}ms {p95:>6.1f}ms"
        if baseline is not None and text:
            base = percentiles(timed(baseline(text), rounds))[1]
            line += f"   {base:>9.1f}ms   {p95 / base:>5.1f}"
        print(line)
    p50, p95 = percentiles(everyone)
    verdict = "met" if p95 < GOAL_P95_MS else "NOT met"
    print(f"  all searches: p50 {p50:.1f} ms, p95 {p95:.1f} ms "
          f"(goal p95 < {GOAL_P95_MS} ms: {verdict})")
    return {"bulk_per_second": round(bulk, 1), "put_per_second": round(puts, 1),
            "search_p50_ms": round(p50, 1), "search_p95_ms": round(p95, 1)}


def bare_fts5(path: Path) -> Callable[[str], Callable[[], object]]:
    """The baseline: FTS5 alone, the adapter's MATCH expression, first 20 by rank."""
    def query(text: str) -> Callable[[], object]:
        connection = sqlite3.connect(path)
        live = connection.execute("SELECT value FROM index_meta WHERE key = 'live'"
                                  ).fetchone()[0]
        root = parse_query(text).root
        assert root is not None
        expression = match_expression(root)
        return lambda: connection.execute(
            f"SELECT rowid FROM fts_{live} WHERE fts_{live} MATCH ? ORDER BY rank "  # noqa: S608
            "LIMIT 20", (expression,)).fetchall()
    return query


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="20000",
                        help="comma-separated item counts (default 20000)")
    parser.add_argument("--rounds", type=int, default=40, help="searches per case")
    parser.add_argument("--osmem", action="store_true", help="also osmem-server")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")
    for size in sizes:
        with tempfile.TemporaryDirectory() as scratch:
            folder = Path(scratch)
            insert_rate = baseline_inserts(folder, size)
            fts5 = Fts5Index(folder / "index.sqlite3")
            fts5.ensure()
            measured = measure(fts5, "FTS5 (embedded)", size, args.rounds,
                               bare_fts5(folder / "index.sqlite3"), insert_rate)
            emit(f"index updates/s, FTS5, {size:,} items", database="SQLite (FTS5)",
                 result=measured["put_per_second"], unit="items/s", baseline=round(insert_rate, 1),
                 baseline_name="plain SQLite inserts of the same rows",
                 ratio=round(measured["put_per_second"] / insert_rate, 3), goal=None, met=None,
                 details={**measured, "search_goal": f"p95 < {GOAL_P95_MS} ms at 1 M",
                          "items": size})
            print(f"  file size {(folder / 'index.sqlite3').stat().st_size / 2**20:,.0f} MiB")
        if url := os.environ.get("OPENSEARCH_URL"):
            cluster = OpenSearchIndex(url, alias=f"eoffice-bench-{uuid.uuid4().hex[:8]}")
            measure(cluster, "OpenSearch", size, args.rounds, None, None)
            cluster.client.indices.delete(index=f"{cluster.alias}-*")
        if args.osmem:
            with OsmemServer.start(japanese=False) as server:
                measure(OpenSearchIndex(server.url, alias="bench"),
                        "osmem (in-memory test server, not OpenSearch)", size, args.rounds,
                        None, None)


if __name__ == "__main__":
    main()
