"""How registry numbers are written, and which formats an administrator may choose."""

from __future__ import annotations

import pytest

from eoffice.registry.domain import (
    DEFAULT_FORMAT,
    EntryState,
    InvalidNumberFormat,
    check_number_format,
    format_number,
    may_move,
)


def test_the_default_number_reads_like_the_registry_books() -> None:
    number = format_number(DEFAULT_FORMAT, prefix="E", year=2026, sequence=123, office="REG")
    assert number == "E/2026/000123"


@pytest.mark.parametrize("pattern", [
    "{prefix}-{sequence}",  # no year: numbers would repeat every year
    "{prefix}/{year}",  # no sequence
    "{prefix}/{year}/{sequence}/{secret}",  # unknown field
    "{prefix}/{year}/{sequence:q}",  # bad format spec
    "{prefix}/{year}/{sequence.__class__}",
    "{prefix}/{year/{sequence}",
])
def test_formats_that_could_repeat_or_leak_are_refused(pattern: str) -> None:
    with pytest.raises(InvalidNumberFormat):
        check_number_format(pattern)


def test_an_office_may_put_its_code_in_the_number() -> None:
    pattern = check_number_format("{office}-{prefix}{year}-{sequence:05d}")
    assert format_number(pattern, prefix="E", year=2027, sequence=7,
                         office="OAC1") == "OAC1-E2027-00007"


def test_entries_move_as_registries_do() -> None:
    assert may_move(EntryState.REGISTERED, EntryState.DISTRIBUTED)
    assert may_move(EntryState.DISTRIBUTED, EntryState.RETURNED)
    assert may_move(EntryState.RETURNED, EntryState.DISTRIBUTED)
    assert not may_move(EntryState.ACCEPTED, EntryState.CANCELLED)
    assert not may_move(EntryState.CANCELLED, EntryState.REGISTERED)
