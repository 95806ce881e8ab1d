"""The authorisation matrix: for every rule of the app (endpoint and method), who may
call it (see :mod:`tests.security.policy`) and on which object it is tried. Entries are
defined in :mod:`tests.security.entries`; the reads are listed in
:mod:`tests.security.matrix_reads`, the changes in :mod:`tests.security.matrix_api_changes`
and :mod:`tests.security.matrix_page_changes`."""

from __future__ import annotations

from tests.security.entries import DEFAULT_ARGS, DOCS_ENDPOINTS, SKIPPED_ENDPOINTS, Entry
from tests.security.matrix_api_changes import API_CHANGES
from tests.security.matrix_page_changes import PAGE_CHANGES
from tests.security.matrix_reads import READS

MATRIX: list[Entry] = [*READS, *API_CHANGES, *PAGE_CHANGES]

__all__ = ["DEFAULT_ARGS", "DOCS_ENDPOINTS", "MATRIX", "SKIPPED_ENDPOINTS", "Entry"]
