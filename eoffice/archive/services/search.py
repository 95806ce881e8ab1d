"""Searching the archive: the query parsed, the filters checked, and the search trimmed
inside the index to what the searcher may see (``access.scope_for``), so totals, pages
and facet counts never reveal a file she may not see. Citizens never search the archive.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from eoffice.archive.errors import SearchFilterInvalid
from eoffice.archive.index.port import FACETS, SearchRequest, SearchResult
from eoffice.archive.index.query import parse_query
from eoffice.archive.runtime import archive_index
from eoffice.archive.services.access import scope_for
from eoffice.identity import Principal
from eoffice.shared.errors import FieldError
from eoffice.shared.i18n import _

KINDS = ("file", "document", "entry", "notification")
PER_PAGE = 20
MAX_PER_PAGE = 100
MAX_VALUES = 20  # values of one facet
MAX_VALUE_CHARS = 100
MAX_PAGE = 1000
YEAR = re.compile(r"[0-9]{4}")
CODE = re.compile(r"[A-Za-z0-9_./-]{1,100}")


def _bad(field: str, message: str) -> SearchFilterInvalid:
    return SearchFilterInvalid(message, errors=[FieldError(field, message,
                                                           "archive.search_filter_invalid")])


def _valid_value(name: str, value: str) -> bool:
    if name == "kind":
        return value in KINDS
    if name == "year":
        return bool(YEAR.fullmatch(value))
    return bool(CODE.fullmatch(value))


def clean_filters(filters: Mapping[str, Sequence[str]] | None) -> dict[str, tuple[str, ...]]:
    """Only the facets of the index, each with a few well-formed values (empty ones
    dropped); anything else is refused with a field error."""
    cleaned: dict[str, tuple[str, ...]] = {}
    for name, values in (filters or {}).items():
        if name not in FACETS:
            raise _bad(name, _("There is no such filter."))
        kept = tuple(dict.fromkeys(v.strip() for v in values if v and v.strip()))
        if len(kept) > MAX_VALUES:
            raise _bad(name, _("Too many values in one filter."))
        for value in kept:
            if len(value) > MAX_VALUE_CHARS or not _valid_value(name, value):
                raise _bad(name, _("This filter value is not valid."))
        if kept:
            cleaned[name] = kept
    return cleaned


def search_archive(principal: Principal, text: str,
                   filters: Mapping[str, Sequence[str]] | None = None, page: int = 1, *,
                   per_page: int = PER_PAGE) -> SearchResult:
    """One page of what ``principal`` may find for ``text`` (empty: browse everything),
    best first, with facet counts and highlights. Refuses citizens (403), a query that is
    too long or cannot be parsed (422) and filters that are not facets (422)."""
    scope = scope_for(principal)
    query = parse_query(text or "")
    cleaned = clean_filters(filters)
    if not 1 <= page <= MAX_PAGE:
        raise _bad("page", _("The page must be a number from 1 to %(max)d.", max=MAX_PAGE))
    if not 1 <= per_page <= MAX_PER_PAGE:
        raise _bad("per_page", _("Between 1 and %(max)d results per page.",
                                 max=MAX_PER_PAGE))
    index = archive_index()
    index.ensure()
    return index.search(SearchRequest(query=query, scope=scope, filters=cleaned, page=page,
                                      per_page=per_page))
