"""Demo units, roles and people of the city; loading twice changes nothing."""

from __future__ import annotations

from sqlalchemy.orm import Session

from eoffice import identity
from eoffice.identity import IdType, PersonKind

Names = dict[str, str]
UNITS: list[tuple[str, str | None, Names]] = [
    ("AJT", None, {"es": "Ayuntamiento de Demo", "ca": "Ajuntament de Demo",
                   "en": "City of Demo"}),
    ("REG", "AJT", {"es": "Registro General", "ca": "Registre General",
                    "en": "General Registry"}),
    ("URB", "AJT", {"es": "Servicio de Urbanismo", "ca": "Servei d'Urbanisme",
                    "en": "Urban Planning Service"}),
    ("URB-LIC", "URB", {"es": "Sección de Licencias", "ca": "Secció de Llicències",
                        "en": "Licences Section"}),
    ("HAC", "AJT", {"es": "Servicio de Hacienda", "ca": "Servei d'Hisenda",
                    "en": "Finance Service"}),
    ("ARX", "AJT", {"es": "Archivo Municipal", "ca": "Arxiu Municipal",
                    "en": "Municipal Archive"}),
    ("OTM", "AJT", {"es": "Oficina Técnica Municipal", "ca": "Oficina Tècnica Municipal",
                    "en": "Municipal Technical Office"}),
    ("POL", "AJT", {"es": "Policía Local", "ca": "Policia Local", "en": "Local Police"}),
    ("CUL", "AJT", {"es": "Servicio de Cultura", "ca": "Servei de Cultura",
                    "en": "Culture Service"}),
    ("ODP", "AJT", {"es": "Servicio de Ocupación del Dominio Público",
                    "ca": "Servei d'Ocupació del Domini Públic",
                    "en": "Public Space Occupation Service"}),
]
# (login, id type, id number, given name, family names, [(role, unit)]); e-mail from login
PEOPLE: list[tuple[str, IdType, str, str, str, list[tuple[str, str | None]]]] = [
    ("ana", IdType.NIF, "12345678Z", "Ana", "García Puig", [("citizen", None)]),
    ("bernat", IdType.NIF, "87654321X", "Bernat", "Soler Ferrer", [("citizen", None)]),
    ("clerk", IdType.NIF, "11111111H", "Clara", "Martí Ribes", [("clerk", "URB")]),
    ("clerk2", IdType.NIF, "22222222J", "Jordi", "Navarro Gil", [("clerk", "HAC")]),
    ("head", IdType.NIF, "33333333P", "Helena", "Vidal Roig", [("head", "URB")]),
    ("admin", IdType.NIF, "44444444A", "Albert", "Pons Serra", [("admin", None)]),
    ("registrar", IdType.NIF, "66666666Q", "Rosa", "Ferrer Pla", [("registry_clerk", "REG")]),
    ("archivist", IdType.NIF, "55555555K", "Marta", "Llopis Camps", [("archivist", "ARX")]),
    ("mayor", IdType.NIF, "77777777B", "Laia", "Costa Mir", [("head", "AJT")]),
    ("technician", IdType.NIF, "88888888Y", "Pau", "Esteve Mas", [("clerk", "OTM")]),
    ("police", IdType.NIF, "99999999R", "Sergi", "Bosch Vila", [("clerk", "POL")]),
    ("clerk3", IdType.NIF, "10101010P", "Nuria", "Sanz Grau", [("clerk", "ODP")]),
    ("head2", IdType.NIF, "20202020Q", "Vicent", "Alemany Peris", [("head", "ODP")]),
    ("clerk4", IdType.NIF, "50505050V", "Teresa", "Llorens Soler", [("clerk", "CUL")]),
    ("councillor", IdType.NIF, "30303030R", "Joan", "Ribera Tormo", [("councillor", "ODP")]),
    ("secretary", IdType.NIF, "40404040D", "Isabel", "Cano Domènech",
     [("secretary", "AJT")]),
]


def load_city(session: Session) -> str:
    """Create or update the demo city; returns a one-line summary."""
    for code, parent, names in UNITS:
        identity.ensure_unit(session, code=code, names=names, parent_code=parent)
    for key, names, permissions in identity.STANDARD_ROLES:
        identity.ensure_role(session, key=key, names=names, permissions=permissions)
    for login, id_type, number, given, family, roles in PEOPLE:
        person = identity.ensure_person(
            session, kind=PersonKind.NATURAL, id_type=id_type, id_number=number,
            given_name=given, family_names=family, email=f"{login}@demo.eoffice.test",
        )
        account = identity.ensure_account(session, login=login, person=person, password=login)
        for role, unit in roles:
            identity.assign_role(session, account, role, unit_code=unit, actor="demo")
    return f"{len(UNITS)} units, {len(identity.STANDARD_ROLES)} roles, {len(PEOPLE)} users"
