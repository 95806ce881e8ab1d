"""Placeholder: the archive's query language and its parser (helper I writes it)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Query:
    """A parsed search (placeholder until the parser lands)."""

    text: str
