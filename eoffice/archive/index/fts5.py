"""Placeholder of the fts5 adapter of the archive index (helper I replaces it)."""

from __future__ import annotations

from pathlib import Path


class Fts5Index:
    """Placeholder."""

    name = "fts5"

    def __init__(self, path: Path) -> None:
        self.args = (path,)
