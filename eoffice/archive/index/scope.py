"""Facet filters as both adapters read them: only facets may be filtered."""

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
