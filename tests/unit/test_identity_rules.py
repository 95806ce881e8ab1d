"""Pure identity rules: who may act where, national ids, lockout."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from eoffice.identity.domain import (
    Grant,
    IdType,
    InvalidNationalId,
    Permission,
    Principal,
    RoleGrant,
    is_locked,
    lock_after_failure,
    normalise_national_id,
    units_covered,
)

TREE = {"AJT": ["URB", "HAC"], "URB": ["URB-LIC"]}


def _principal(*grants: Grant) -> Principal:
    return Principal(account_id=1, login="x", name="X", roles=frozenset(), units=(),
                     grants=grants)


def test_a_role_in_a_unit_covers_its_sub_units_but_not_its_siblings() -> None:
    head = _principal(Grant(Permission.VIEW_FILES, units_covered("URB", TREE)))
    assert head.can(Permission.VIEW_FILES, unit="URB")
    assert head.can(Permission.VIEW_FILES, unit="URB-LIC")
    assert not head.can(Permission.VIEW_FILES, unit="HAC")
    assert not head.can(Permission.VIEW_FILES, unit="AJT")
    assert not head.can(Permission.SIGN_RESOLUTIONS, unit="URB")


def test_a_role_counts_only_in_the_units_it_was_given_for() -> None:
    """Head of the public space service and clerk of urban planning: a head in ODP, a
    clerk (not a head) in URB and its sections."""
    both = Principal(account_id=1, login="x", name="X", roles=frozenset({"head", "clerk"}),
                     units=("ODP", "URB"), role_grants=(
                         RoleGrant("head", units_covered("ODP", TREE)),
                         RoleGrant("clerk", units_covered("URB", TREE))))
    assert both.has_role("head", unit="ODP") and both.has_role("clerk", unit="URB-LIC")
    assert not both.has_role("head", unit="URB") and not both.has_role("head", unit="URB-LIC")
    assert not both.has_role("clerk", unit="ODP")
    assert both.has_role("head")  # somewhere


def test_a_global_grant_applies_in_every_unit() -> None:
    admin = _principal(Grant(Permission.MANAGE_CATALOGUE, None))
    assert admin.can(Permission.MANAGE_CATALOGUE, unit="HAC")


@pytest.mark.parametrize(
    ("id_type", "given", "compact"),
    [(IdType.NIF, "12345678-z", "12345678Z"), (IdType.NIE, "X-1234567-L", "X1234567L"),
     (IdType.CIF, "B-58378431", "B58378431"), (IdType.PASSPORT, "ab 123456", "AB123456")],
)
def test_valid_id_numbers_are_kept_in_compact_form(id_type: IdType, given: str,
                                                    compact: str) -> None:
    assert normalise_national_id(id_type, given) == compact


@pytest.mark.parametrize(
    ("id_type", "given"),
    [(IdType.NIF, "12345678A"), (IdType.NIE, "X1234567A"), (IdType.CIF, "B58378432"),
     (IdType.PASSPORT, "1"), (IdType.NIF, "")],
)
def test_id_numbers_with_a_wrong_check_digit_are_refused(id_type: IdType, given: str) -> None:
    with pytest.raises(InvalidNationalId):
        normalise_national_id(id_type, given)


def test_the_fifth_failure_locks_for_the_configured_time() -> None:
    now = datetime(2026, 11, 24, 9, tzinfo=UTC)
    lock = timedelta(minutes=15)
    assert lock_after_failure(4, now, max_failures=5, lock_for=lock) is None
    until = lock_after_failure(5, now, max_failures=5, lock_for=lock)
    assert until == now + lock
    assert is_locked(until, now + timedelta(minutes=14))
    assert not is_locked(until, now + timedelta(minutes=15))


def test_a_role_held_in_one_unit_does_not_act_city_wide() -> None:
    unit_admin = _principal(Grant(Permission.MANAGE_CATALOGUE, units_covered("HAC", TREE)))
    assert unit_admin.can(Permission.MANAGE_CATALOGUE, unit="HAC")
    assert unit_admin.can(Permission.MANAGE_CATALOGUE, somewhere=True)
    assert not unit_admin.can(Permission.MANAGE_CATALOGUE)
    assert _principal(Grant(Permission.MANAGE_CATALOGUE, None)).can(Permission.MANAGE_CATALOGUE)
