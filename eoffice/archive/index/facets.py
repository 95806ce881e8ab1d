"""Totals and facet counts of the embedded index, from the matches grouped by their five
facet values (one SQL ``GROUP BY``): a facet's own selection does not narrow its own
counts (so a page can offer its other values), the other facets' selections do."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from eoffice.archive.index.port import FacetValue

MAX_FACET_VALUES = 50


def filter_sql(filters: dict[str, tuple[str, ...]]) -> tuple[str, list[Any]]:
    """SQL narrowing the items (alias ``i``) to the facet selections, and its parameters
    (facet names are checked against FACETS before; values are parameters)."""
    sql, params = "", []
    for facet, values in sorted(filters.items()):
        if not values:
            continue
        column = "CAST(i.year AS TEXT)" if facet == "year" else f"i.{facet}"
        sql += f" AND {column} IN ({', '.join('?' for _ in values)})"
        params += [str(value) for value in values]
    return sql, params


_COMBO = ("kind", "procedure", "unit", "year", "series")


def _accepted(filters: dict[str, tuple[str, ...]]) -> dict[int, set[str]]:
    """Column of a combination -> accepted values, for the non-empty filters."""
    return {_COMBO.index(facet): {str(value) for value in values}
            for facet, values in filters.items() if values}


def _passes(row: Sequence[Any], accepted: dict[int, set[str]], but: int = -1) -> bool:
    return all(str(row[column]) in values
               for column, values in accepted.items() if column != but)


def count_total(combos: list[Any], filters: dict[str, tuple[str, ...]]) -> int:
    accepted = _accepted(filters)
    return sum(int(row[5]) for row in combos if _passes(row, accepted))


def count_facets(combos: list[Any],
            filters: dict[str, tuple[str, ...]]) -> dict[str, tuple[FacetValue, ...]]:
    """Counts per facet value; a facet's own selection does not narrow its counts (so a
    page can offer its other values), the other facets' selections do."""
    accepted = _accepted(filters)
    facets: dict[str, tuple[FacetValue, ...]] = {}
    for column, facet in enumerate(_COMBO):
        counts: dict[str, int] = {}
        for row in combos:
            if row[column] is not None and _passes(row, accepted, but=column):
                value = str(row[column])
                counts[value] = counts.get(value, 0) + int(row[5])
        ordered = sorted(counts.items(), key=lambda pair: (-pair[1], pair[0]))
        facets[facet] = tuple(FacetValue(value, count)
                              for value, count in ordered[:MAX_FACET_VALUES])
    return facets
