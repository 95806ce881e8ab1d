"""Must-show 4 on the demo: carla acts for Terrasses del Túria, S.L. in the terrace
procedure and is refused outside it and once bernat, its legal representative, revokes
the power; the audit log says "Bernat … acting for Terrasses del Túria, S.L."."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice import representation
from eoffice.audit.models import AuditEvent
from eoffice.demo.representation import CARLA_NIF, COMPANY_CIF, COMPANY_NAME, TERRACE
from eoffice.identity import Principal


def test_carla_acts_for_the_company_in_scope_only_until_revoked(
        db: Session, principal_of: Callable[[str], Principal]) -> None:
    power = representation.check_power(db, representative=CARLA_NIF, grantor=COMPANY_CIF,
                                       procedure=TERRACE)
    assert power.grantor_name == COMPANY_NAME and power.evidence_document_id
    assert power.valid_until and (power.valid_until - power.valid_from).days >= 729
    assert [p.grantor_id_number for p in representation.grantors_of(db, CARLA_NIF)] == [
        COMPANY_CIF]
    with pytest.raises(representation.OutsideScope):
        representation.check_power(db, representative=CARLA_NIF, grantor=COMPANY_CIF,
                                   procedure="minor-works")
    with pytest.raises(representation.NotGrantor):  # the holder cannot revoke it
        representation.revoke_power(db, power.id, reason="x", principal=principal_of("carla"))
    representation.revoke_power(db, power.id, reason="Canvi de gestoria",
                                principal=principal_of("bernat"))
    with pytest.raises(representation.PowerRevoked):
        representation.check_power(db, representative=CARLA_NIF, grantor=COMPANY_CIF,
                                   procedure=TERRACE)
    revoked = db.scalar(select(AuditEvent).where(
        AuditEvent.action == "representation.power_revoked", AuditEvent.object_id == power.id))
    assert revoked is not None
    assert revoked.data["label"] == f"Bernat Soler Ferrer acting for {COMPANY_NAME}"


def test_loading_the_demo_again_adds_no_power(db: Session) -> None:
    from eoffice.demo.representation import load_demo_representation  # noqa: PLC0415

    before = representation.powers_granted_by(db, [COMPANY_CIF])
    load_demo_representation(db)
    assert representation.powers_granted_by(db, [COMPANY_CIF]) == before
