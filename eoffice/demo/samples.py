"""Sample records of the demo (idempotent), loaded by ``eoffice demo load`` after the city:
ana's file of a general application, resolved by the Urban Planning Service, whose
resolution waits for her in her notifications (the integration contract, API.md, promises
it). The test suite loads the city without samples, so its counts start from nothing."""

from __future__ import annotations

from sqlalchemy.orm import Session

from eoffice import documents, files, identity, notifications

SAMPLE_SUBJECT = "Solicitud de vado permanente en Carrer Major 3 (demo)"
UNIT = "URB"


def _already_loaded(session: Session, ana: identity.Principal) -> bool:
    return any(view.subject == SAMPLE_SUBJECT
               for view in notifications.notifications_for(session, ana))


def load_demo_samples(session: Session) -> str:
    """ana's file with a resolution notified to her and not yet accessed (once)."""
    ana = identity.load_principal(session, identity.get_account(session, "ana"),
                                  authenticated_by="demo")
    if _already_loaded(session, ana):
        return "ana's pending notification"
    party = {"name": ana.name, "id_type": ana.id_type or "nif",
             "id_number": ana.id_number or "", "role": "interested"}
    opened = files.open_file(session, files.NewFile(
        unit_code=UNIT, subject=SAMPLE_SUBJECT, parties=[party],
        procedure="general-application", case="standard"), actor="demo")
    resolution = documents.issue_document(
        session, doc_type=documents.DocumentType.RESOLUTION,
        title=f"Resolución {opened.number}", language="es", unit_code=UNIT, data={
            "file_number": opened.number, "recipient": ana.name,
            "paragraphs": ["Se autoriza el vado permanente solicitado en Carrer Major 3.",
                           "Contra esta resolución puede interponerse recurso de "
                           "reposición en el plazo de un mes."]}, actor="demo")
    files.add_document_to(session, opened.id, files.DocumentRef(
        resolution.id, files.DocumentRole.PROCESSING), actor="demo")
    notifications.notify(session, notifications.NewNotification(
        file_number=opened.number, document_id=resolution.id,
        addressee_id_number=party["id_number"], addressee_name=ana.name,
        subject=SAMPLE_SUBJECT, sending_unit=UNIT, procedure="general-application"),
        actor="demo")
    return "ana's pending notification"
