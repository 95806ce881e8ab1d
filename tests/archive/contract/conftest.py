"""The contract suite's fixture: ``archive_index``, a fresh index of each backend."""

from __future__ import annotations

import pytest

from eoffice.archive.index.port import ArchiveIndex
from tests.archive.conftest import IndexFactory


@pytest.fixture
def archive_index(index_backend: IndexFactory) -> ArchiveIndex:
    """A fresh, ensured index per test, of the backend in the test's id."""
    return index_backend()
