"""The demo city's registry: the General Registry office (unit REG) keeps one entry and
one exit register; numbers look like ``E/2026/000123``. The service account ``sir`` (role
``registry_exchange`` in REG) stands for the inter-administration exchange (SIR) that
delivers entries of other administrations through the API (demo only: password = login)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from eoffice import identity, registry
from eoffice.identity import IdType, PersonKind
from eoffice.registry import RegisterKind

REGISTERS = [
    ("RGE", RegisterKind.ENTRY, "E", {"es": "Registro General de Entrada",
                                      "ca": "Registre General d'Entrada",
                                      "en": "General Entry Register"}),
    ("RGS", RegisterKind.EXIT, "S", {"es": "Registro General de Salida",
                                     "ca": "Registre General d'Eixida",
                                     "en": "General Exit Register"}),
]
EXCHANGE_LOGIN = "sir"
EXCHANGE_CIF = "P0800001J"  # a made-up tax id of a public body (valid check letter)


def _load_exchange_account(session: Session) -> None:
    """The service account of the registry exchange, allowed to deliver to REG's registers."""
    person = identity.ensure_person(
        session, kind=PersonKind.LEGAL, id_type=IdType.CIF, id_number=EXCHANGE_CIF,
        legal_name="Sistema de Interconexión de Registros (demo)",
        email=f"{EXCHANGE_LOGIN}@demo.eoffice.test")
    account = identity.ensure_account(session, login=EXCHANGE_LOGIN, person=person,
                                      password=EXCHANGE_LOGIN)
    identity.assign_role(session, account, "registry_exchange", unit_code="REG",
                         actor="demo")


def load_demo_registry(session: Session) -> str:
    for code, kind, prefix, names in REGISTERS:
        registry.ensure_register(session, code=code, kind=kind, office_unit="REG",
                                 names=names, prefix=prefix)
    _load_exchange_account(session)
    return f"{len(REGISTERS)} registers, the exchange account {EXCHANGE_LOGIN!r}"
