"""check_power answers whether a representative may act for a grantor in a procedure or
file: a valid covering power, or a refusal with its own code (no power, outside the
scope, not valid yet, expired, revoked)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from sqlalchemy.orm import Session

from eoffice import representation
from eoffice.identity import Principal
from eoffice.representation import NewPower, PowerScope
from eoffice.shared.clock import utcnow

TERRACE = "terrace-public-road"


def grant(db: Session, principal: Principal, **fields: object) -> representation.PowerView:
    values: dict[str, object] = {"representative_id_number": "87654321X",
                                 "representative_name": "Bernat Soler Ferrer"}
    values.update(fields)
    return representation.grant_power(db, NewPower(**values), principal=principal)  # type: ignore[arg-type]


def test_a_procedures_power_covers_its_procedures_and_nothing_else(
        db: Session, principal_of: Callable[[str], Principal]) -> None:
    power = grant(db, principal_of("ana"), scope=PowerScope.PROCEDURES, procedures=(TERRACE,))
    assert power.number.startswith("PODER/") and power.state == "valid"
    found = representation.check_power(db, representative="87654321x", grantor="12345678Z",
                                       procedure=TERRACE)
    assert found.id == power.id and found.procedures == (TERRACE,)
    with pytest.raises(representation.OutsideScope) as refused:
        representation.check_power(db, representative="87654321X", grantor="12345678Z",
                                   procedure="minor-works")
    assert refused.value.code == "representation.outside_scope" and refused.value.status == 403


def test_a_file_power_covers_only_that_file(
        db: Session, principal_of: Callable[[str], Principal]) -> None:
    grant(db, principal_of("ana"), scope="file", file_number="urb/2026/000007")
    assert representation.check_power(db, representative="87654321X", grantor="12345678Z",
                                      procedure=TERRACE, file_number="URB/2026/000007")
    with pytest.raises(representation.OutsideScope):
        representation.check_power(db, representative="87654321X", grantor="12345678Z",
                                   procedure=TERRACE, file_number="URB/2026/000008")


def test_without_any_power_the_refusal_says_so(db: Session) -> None:
    with pytest.raises(representation.NoPower) as refused:
        representation.check_power(db, representative="87654321X", grantor="12345678Z")
    assert refused.value.code == "representation.no_power"


def test_a_power_is_refused_before_it_starts_and_after_it_ends(
        db: Session, principal_of: Callable[[str], Principal]) -> None:
    start = utcnow() + timedelta(days=10)
    grant(db, principal_of("ana"), valid_from=start, valid_until=start + timedelta(days=30))
    with pytest.raises(representation.PowerNotYetValid) as early:
        representation.check_power(db, representative="87654321X", grantor="12345678Z")
    assert early.value.code == "representation.power_not_yet_valid"
    assert representation.check_power(db, representative="87654321X", grantor="12345678Z",
                                      at=start + timedelta(days=1))
    with pytest.raises(representation.PowerExpired) as late:
        representation.check_power(db, representative="87654321X", grantor="12345678Z",
                                   at=start + timedelta(days=30))
    assert late.value.code == "representation.power_expired"


def test_a_revoked_power_is_refused_and_no_longer_listed(
        db: Session, principal_of: Callable[[str], Principal]) -> None:
    power = grant(db, principal_of("ana"))
    def from_ana() -> list[str]:
        return [p.id for p in representation.grantors_of(db, "87654321X")
                if p.grantor_id_number == "12345678Z"]

    assert from_ana() == [power.id]
    revoked = representation.revoke_power(db, power.id, reason="Ya no me representa",
                                          principal=principal_of("ana"))
    assert revoked.state == "revoked"
    with pytest.raises(representation.PowerRevoked) as refused:
        representation.check_power(db, representative="87654321X", grantor="12345678Z")
    assert refused.value.code == "representation.power_revoked"
    assert from_ana() == []


def test_a_company_grants_only_through_its_legal_representative(
        db: Session, company: str, principal_of: Callable[[str], Principal]) -> None:
    with pytest.raises(representation.NotGrantor):
        representation.grant_power(db, NewPower(
            grantor_id_number=company, representative_id_number="12345678Z",
            representative_name="Ana García Puig"), principal=principal_of("ana"))
    power = representation.grant_power(db, NewPower(
        grantor_id_number=company, representative_id_number="12345678Z",
        representative_name="Ana García Puig", scope="procedures", procedures=(TERRACE,)),
        principal=principal_of("bernat"))
    assert power.grantor_kind == "legal" and power.grantor_name == "Fusteria Ribes, S.L."
    assert representation.check_power(db, representative="12345678Z", grantor=company,
                                      procedure=TERRACE).id == power.id
    # the legal representative herself acts for the company in everything
    assert representation.check_power(db, representative="87654321X", grantor=company,
                                      procedure="anything").basis == "legal_representative"


def test_bad_input_writes_nothing_and_names_every_problem(
        db: Session, principal_of: Callable[[str], Principal]) -> None:
    now = utcnow()
    with pytest.raises(representation.InvalidPower) as refused:
        grant(db, principal_of("ana"), representative_id_number="12345678A",
              scope="procedures", procedures=("no-such-procedure",),
              valid_from=now, valid_until=now + timedelta(days=5 * 366))
    codes = {(e.field, e.code) for e in refused.value.errors}
    assert codes == {("representative_id_number", "invalid_id"),
                     ("procedures", "unknown_procedure"), ("valid_until", "too_long")}
    assert representation.powers_granted_by(db, ["12345678Z"]) == []
    with pytest.raises(representation.InvalidPower) as reversed_dates:
        grant(db, principal_of("ana"), valid_from=now, valid_until=now - timedelta(days=1))
    assert [e.code for e in reversed_dates.value.errors] == ["ends_before_start"]
    with pytest.raises(representation.InvalidPower) as self_power:
        grant(db, principal_of("ana"), representative_id_number="12345678Z")
    assert [e.code for e in self_power.value.errors] == ["same_person"]
