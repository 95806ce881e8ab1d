"""Facet filters as both adapters read them: which facets may be filtered and whether a
combination of facet values passes (ANDed across facets, ORed within one)."""

from __future__ import annotations

from collections.abc import Mapping

from eoffice.archive.errors import QueryInvalid
from eoffice.archive.index.port import FACETS
from eoffice.shared.i18n import _l


def check_filters(filters: Mapping[str, tuple[str, ...]]) -> None:
    """Refuse a filter on something that is not a facet (QueryInvalid)."""
    unknown = sorted(set(filters) - set(FACETS))
    if unknown:
        raise QueryInvalid(_l("There is no facet %(name)s.", name=unknown[0]))


def matches_filters(values: Mapping[str, str | None],
                    filters: Mapping[str, tuple[str, ...]]) -> bool:
    """Whether an item with these facet values passes every (non-empty) filter."""
    return all(values.get(facet) in {str(v) for v in accepted}
               for facet, accepted in filters.items() if accepted)
