"""The demo city's registry: the General Registry office (unit REG) keeps one entry and
one exit register; numbers look like ``E/2026/000123``."""

from __future__ import annotations

from sqlalchemy.orm import Session

from eoffice import registry
from eoffice.registry import RegisterKind

REGISTERS = [
    ("RGE", RegisterKind.ENTRY, "E", {"es": "Registro General de Entrada",
                                      "ca": "Registre General d'Entrada",
                                      "en": "General Entry Register"}),
    ("RGS", RegisterKind.EXIT, "S", {"es": "Registro General de Salida",
                                     "ca": "Registre General d'Eixida",
                                     "en": "General Exit Register"}),
]


def load_demo_registry(session: Session) -> str:
    for code, kind, prefix, names in REGISTERS:
        registry.ensure_register(session, code=code, kind=kind, office_unit="REG",
                                 names=names, prefix=prefix)
    return f"{len(REGISTERS)} registers"
