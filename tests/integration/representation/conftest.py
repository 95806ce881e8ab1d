"""Fixtures of the register of powers: principals of the demo people and a company with
its legal representative recorded by the registry clerk."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy.orm import Session

from eoffice import identity, representation
from eoffice.identity import Principal
from eoffice.representation import NewPower

COMPANY_CIF = "B12345674"  # a made-up company tax id with a valid check digit


@pytest.fixture
def principal_of(db: Session) -> Callable[[str], Principal]:
    def load(login: str) -> Principal:
        return identity.load_principal(db, identity.get_account(db, login),
                                       authenticated_by="session")
    return load


@pytest.fixture
def company(db: Session, principal_of: Callable[[str], Principal]) -> str:
    """A company whose legal representative is bernat (recorded by the clerk)."""
    representation.register_legal_representative(db, NewPower(
        grantor_id_number=COMPANY_CIF, grantor_id_type="cif",
        grantor_name="Fusteria Ribes, S.L.", representative_id_number="87654321X",
        representative_name="Bernat Soler Ferrer"), principal=principal_of("registrar"))
    return COMPANY_CIF
