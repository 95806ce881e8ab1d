"""Placeholder of the opensearch adapter of the archive index (helper I replaces it)."""

from __future__ import annotations


class OpenSearchIndex:
    """Placeholder."""

    name = "opensearch"

    def __init__(self, url: str, *, alias: str) -> None:
        self.args = (url, alias,)
