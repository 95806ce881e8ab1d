"""What the archive services need from the running application: its search index (the
embedded SQLite FTS5 file, or OpenSearch when ``OPENSEARCH_URL`` is set) and the folder of
archival packages. Built once per application from its settings."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from flask import Flask, current_app

from eoffice.archive.index.fts5 import Fts5Index
from eoffice.archive.index.opensearch import OpenSearchIndex
from eoffice.archive.index.port import ArchiveIndex

EXTENSION = "eoffice.archive"
INDEX_FILE = "index.sqlite3"


@dataclass
class ArchiveRuntime:
    """The archive's collaborators (built from settings, or by tests)."""

    index: ArchiveIndex
    root: Path  # packages live in <root>/packages/

    @property
    def packages(self) -> Path:
        return self.root / "packages"


def build_index(*, root: Path, opensearch_url: str, opensearch_index: str) -> ArchiveIndex:
    """The adapter the settings name: OpenSearch when a URL is given, else FTS5."""
    if opensearch_url:
        return OpenSearchIndex(opensearch_url, alias=opensearch_index)
    return Fts5Index(root / INDEX_FILE)


def init_runtime(app: Flask) -> None:
    """Build the runtime from the application's settings (the index is created lazily,
    on first use, so an unreachable cluster never stops the application starting)."""
    settings = app.config["EOFFICE_SETTINGS"]
    root = settings.resolved_archive_root
    app.extensions[EXTENSION] = ArchiveRuntime(
        index=build_index(root=root, opensearch_url=settings.opensearch_url,
                          opensearch_index=settings.opensearch_index),
        root=root)


def archive_runtime() -> ArchiveRuntime:
    """The running application's archive runtime."""
    runtime: ArchiveRuntime = current_app.extensions[EXTENSION]
    return runtime


def archive_index() -> ArchiveIndex:
    """The running application's search index."""
    return archive_runtime().index
