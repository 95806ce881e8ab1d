"""Fixtures of the archive's tests: the search index backends.

``index_backend`` is parametrised over every backend available here, "fts5" always,
"osmem" (osmem-server, an OpenSearch-compatible in-memory server, a test dependency)
and "opensearch" when ``OPENSEARCH_URL`` names a real cluster, and yields a factory of
fresh, ensured indexes; the backend is in the test's id (``test_x[osmem]``), so what
ran is visible. One osmem-server serves the session; each index is a clone of it.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from eoffice.archive.index.fts5 import Fts5Index
from eoffice.archive.index.opensearch import OpenSearchIndex
from eoffice.archive.index.port import ArchiveIndex

try:
    from osmem_server import OsmemServer
except ImportError:  # pragma: no cover - osmem-server is a test dependency
    OsmemServer = None

OPENSEARCH_URL = os.environ.get("OPENSEARCH_URL", "")
INDEX_BACKENDS = ["fts5"] + (["osmem"] if OsmemServer is not None else []) \
    + (["opensearch"] if OPENSEARCH_URL else [])

IndexFactory = Callable[[], ArchiveIndex]


@pytest.fixture(scope="session")
def archive_osmem() -> Iterator[object]:
    """One osmem-server for the session (no Japanese analysis: not needed here)."""
    assert OsmemServer is not None
    server = OsmemServer.start(japanese=False)
    yield server
    server.close()


@pytest.fixture(params=INDEX_BACKENDS)
def index_backend(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[IndexFactory]:
    """A factory of fresh, ensured indexes of one backend (cleaned up after the test)."""
    backend: str = request.param
    cleanups: list[Callable[[], None]] = []

    def fresh() -> ArchiveIndex:
        index: ArchiveIndex
        if backend == "fts5":
            fts5 = Fts5Index(tmp_path / f"index-{uuid.uuid4().hex[:8]}.sqlite3")
            cleanups.append(fts5.close)
            index = fts5
        elif backend == "osmem":
            clone = request.getfixturevalue("archive_osmem").clone()
            cleanups.append(clone.close)
            index = OpenSearchIndex(clone.url, alias="archive-test")
        else:
            alias = f"eoffice-test-{uuid.uuid4().hex[:12]}"
            cluster = OpenSearchIndex(OPENSEARCH_URL, alias=alias)
            cleanups.append(lambda: _drop_cluster_index(cluster))
            index = cluster
        index.ensure()
        return index

    yield fresh
    for cleanup in reversed(cleanups):
        cleanup()


def _drop_cluster_index(index: OpenSearchIndex) -> None:
    index.client.indices.delete(index=f"{index.alias}-*", params={"ignore_unavailable": "true"})
    index.client.indices.delete_index_template(name=f"{index.alias}-template")
