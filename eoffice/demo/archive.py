"""The demo's archived files (idempotent), loaded after the demo city is committed: a
terrace licence of the Public Space Occupation Service whose resolution authorises
"veladores" (found by that word in the archive's search), a general application and a
minor works licence of Urban Planning. Each is opened, resolved with a sealed
resolution, closed with its sealed index and transferred to the archive (package and
receipt). Each step runs in its own transaction; a load stopped half way resumes."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from eoffice import archive, documents, files, identity
from eoffice.shared.db import current_database

ACTOR = "demo"


@dataclass(frozen=True)
class DemoFile:
    unit: str
    procedure: str
    case: str
    subject: str
    party_login: str
    paragraphs: tuple[str, ...]


DEMO_FILES = (
    DemoFile("ODP", "terrace-public-road", "annual",
             "Licencia de terraza con veladores en Plaça de la Vila 4 (demo archivo)",
             "bernat",
             ("Se concede licencia anual para instalar una terraza de ocho veladores, con "
              "sus sillas y una sombrilla, en la acera de Plaça de la Vila 4.",
              "Los veladores se retirarán cada noche a partir de las 23:30 horas y no "
              "ocuparán el paso de peatones.")),
    DemoFile("URB", "general-application", "standard",
             "Solicitud de poda del arbolado de Carrer Nou (demo archivo)", "ana",
             ("Se atiende la solicitud: la brigada municipal podará los plátanos de "
              "Carrer Nou durante el mes de febrero.",)),
    DemoFile("URB", "minor-works", "facade",
             "Obra menor: pintura de fachada en Carrer Major 12 (demo archivo)", "ana",
             ("Se concede licencia de obra menor para pintar la fachada de Carrer Major "
              "12 con andamio en la acera durante un máximo de diez días.",)),
)


def _party(session: Session, login: str) -> dict[str, str]:
    account = identity.get_account(session, login)
    person = identity.load_principal(session, account, authenticated_by="demo")
    return {"name": person.name, "id_type": person.id_type or "nif",
            "id_number": person.id_number or "", "role": "interested"}


def _find_or_open(demo: DemoFile) -> tuple[str, str]:
    """The demo file's number and state, opened and resolved if it is not there."""
    with current_database().unit_of_work() as session:
        party = _party(session, demo.party_login)
        for view in files.files_of_parties(session, [party["id_number"]]):
            if view.subject == demo.subject:
                return view.number, view.state
        opened = files.open_file(session, files.NewFile(
            unit_code=demo.unit, subject=demo.subject, parties=[party],
            procedure=demo.procedure, case=demo.case), actor=ACTOR)
        resolution = documents.issue_document(
            session, doc_type=documents.DocumentType.RESOLUTION,
            title=f"Resolución {opened.number}", language="es", unit_code=demo.unit,
            data={"file_number": opened.number, "recipient": party["name"],
                  "paragraphs": list(demo.paragraphs)}, actor=ACTOR)
        files.add_document_to(session, opened.id, files.DocumentRef(
            resolution.id, files.DocumentRole.PROCESSING), actor=ACTOR)
        return opened.number, files.FileStatus.OPEN.value


def load_demo_archive() -> str:
    """Three demo files closed and transferred to the archive (once); a summary."""
    for demo in DEMO_FILES:
        number, state = _find_or_open(demo)
        if state != files.FileStatus.CLOSED.value:
            files.close_file_for_process(number, actor=ACTOR, language="es")
        try:
            archive.transfer_file(number, actor=ACTOR, language="es")
        except archive.AlreadyTransferred:
            continue
    return f"{len(DEMO_FILES)} archived files"
