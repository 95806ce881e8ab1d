"""The demo city's governing bodies (idempotent): the mayor, a councillor with delegated
powers, the local government board and the plenary, their members, delegations and the
competent body of each demo procedure."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from eoffice import bodies
from eoffice.bodies import BodyData, NewDelegation, NewMember

TERM_START = date(2023, 6, 17)  # the city council constituted after the 2023 elections
BODIES: list[tuple[str, str, dict[str, str], str, int | None]] = [
    ("mayor", "single", {"es": "Alcaldía", "ca": "Alcaldia", "en": "Mayor"}, "AJT", None),
    ("councillor_public_space", "single",
     {"es": "Concejalía de Espacio Público", "ca": "Regidoria d'Espai Públic",
      "en": "Councillor for Public Space"}, "ODP", None),
    ("local_board", "collegiate",
     {"es": "Junta de Gobierno Local", "ca": "Junta de Govern Local",
      "en": "Local Government Board"}, "AJT", 50),
    ("plenary", "collegiate", {"es": "Pleno del Ayuntamiento", "ca": "Ple de l'Ajuntament",
                               "en": "City Council Plenary"}, "AJT", 34),
]
# (body, login, role); the secretary attends without a vote
MEMBERS: list[tuple[str, str, str]] = [
    ("mayor", "mayor", "holder"),
    ("councillor_public_space", "councillor", "holder"),
    ("local_board", "mayor", "chair"), ("local_board", "secretary", "secretary"),
    ("local_board", "councillor", "member"), ("local_board", "head", "member"),
    ("local_board", "head2", "member"),
    ("plenary", "mayor", "chair"), ("plenary", "secretary", "secretary"),
    ("plenary", "councillor", "member"),
]
COMPETENCES = {"removal-road-occupancy": "mayor", "public-information-access": "mayor",
               "cultural-subsidy": "local_board"}
DELEGATIONS = [NewDelegation(delegating_body="mayor", delegate_body="councillor_public_space",
                             procedure_code="removal-road-occupancy",
                             valid_from=date(2026, 1, 1), valid_to=None,
                             reference="Decreto 2026/15")]


def load_demo_bodies(session: Session) -> str:
    """Create the demo bodies, members, competences and delegations that are missing;
    returns a one-line summary."""
    known = {view.key for view in bodies.list_body_views(session)}
    for key, kind, name, unit, quorum in BODIES:
        if key not in known:
            bodies.create_body(session, BodyData(key=key, kind=kind, name=name,
                                                 unit_code=unit, quorum_percent=quorum),
                               actor="demo")
    for body, login, role in MEMBERS:
        if not any(member.login == login and member.role == role
                   for member in bodies.members_of(session, body)):
            bodies.add_member(session, body, NewMember(login=login, role=role,
                                                       valid_from=TERM_START), actor="demo")
    for procedure, body in COMPETENCES.items():
        current = bodies.competent_body(session, procedure)
        if current is None or current.key != body:
            bodies.set_competence(session, procedure_code=procedure, body_key=body,
                                  actor="demo")
    references = {view.reference for view in bodies.list_delegations(session)}
    for new in DELEGATIONS:
        if new.reference not in references:
            bodies.create_delegation(session, new, actor="demo")
    return (f"{len(BODIES)} governing bodies, {len(MEMBERS)} members, "
            f"{len(COMPETENCES)} competences, {len(DELEGATIONS)} delegation")
