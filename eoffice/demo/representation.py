"""The demo register of powers (idempotent): the company "Terrasses del Túria, S.L.", whose
legal representative bernat was recorded by the registrar, and the citizen carla, who holds
the company's power for the terrace procedure for two years. Evidence is sealed at once."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy.orm import Session

from eoffice import identity, representation
from eoffice.identity import IdType, PersonKind
from eoffice.representation import NewPower, PowerScope
from eoffice.shared.clock import utcnow

COMPANY_CIF = "B46987657"  # made up, with a valid check digit
COMPANY_NAME = "Terrasses del Túria, S.L."
CARLA_NIF = "23456789D"
TERRACE = "terrace-public-road"


def _principal(session: Session, login: str) -> identity.Principal:
    return identity.load_principal(session, identity.get_account(session, login),
                                   authenticated_by="demo")


def _people(session: Session) -> None:
    identity.ensure_person(session, kind=PersonKind.LEGAL, id_type=IdType.CIF,
                           id_number=COMPANY_CIF, legal_name=COMPANY_NAME,
                           email="terrasses@demo.eoffice.test")
    carla = identity.ensure_person(session, kind=PersonKind.NATURAL, id_type=IdType.NIF,
                                   id_number=CARLA_NIF, given_name="Carla",
                                   family_names="Ortega Benlloch",
                                   email="carla@demo.eoffice.test")
    login = "carla"
    account = identity.ensure_account(session, login=login, person=carla, password=login)
    identity.assign_role(session, account, "citizen", unit_code=None, actor="demo")


def load_demo_representation(session: Session) -> str:
    """The company, its legal representative, carla and her power (once)."""
    _people(session)
    bernat = _principal(session, "bernat")
    if not any(p.grantor_id_number == COMPANY_CIF
               for p in representation.grantors_of(session, "87654321X")):
        record = representation.register_legal_representative(session, NewPower(
            grantor_id_number=COMPANY_CIF, grantor_id_type="cif", grantor_name=COMPANY_NAME,
            representative_id_number="87654321X", representative_name=bernat.name),
            principal=_principal(session, "registrar"))
        representation.seal_latest_evidence(session, record.id)
    if not any(p.grantor_id_number == COMPANY_CIF
               for p in representation.grantors_of(session, CARLA_NIF)):
        power = representation.grant_power(session, NewPower(
            grantor_id_number=COMPANY_CIF, representative_id_number=CARLA_NIF,
            representative_name="Carla Ortega Benlloch", scope=PowerScope.PROCEDURES,
            procedures=(TERRACE,), valid_until=utcnow() + timedelta(days=730)),
            principal=bernat)
        representation.seal_latest_evidence(session, power.id)
    return f"the company {COMPANY_NAME} with its legal representative and carla's power"
