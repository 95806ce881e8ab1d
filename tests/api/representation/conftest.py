"""Fixtures of the register of powers' API and page tests."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from eoffice import identity, representation
from eoffice.representation import NewPower

COMPANY_CIF = "B46000006"  # a made-up company tax id with a valid check digit


@pytest.fixture
def company(db: Session) -> str:
    """A company whose legal representative is bernat (recorded by the clerk)."""
    clerk = identity.load_principal(db, identity.get_account(db, "registrar"),
                                    authenticated_by="session")
    representation.register_legal_representative(db, NewPower(
        grantor_id_number=COMPANY_CIF, grantor_id_type="cif",
        grantor_name="Forn de la Plaça, S.L.", representative_id_number="87654321X",
        representative_name="Bernat Soler Ferrer"), principal=clerk)
    db.flush()
    return COMPANY_CIF
