"""The competent body of each procedure of the catalogue (the original competence, before
any delegation): set, removed and looked up."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice import audit, catalogue
from eoffice.bodies.directory import BodyView, body_view, get_body, invalid
from eoffice.bodies.models import Body, Competence
from eoffice.shared.errors import DomainError
from eoffice.shared.i18n import _


def competent_body_row(session: Session, procedure_code: str) -> Body | None:
    """The body competent for ``procedure_code`` (None when none is set)."""
    return session.scalar(select(Body).join(Competence, Competence.body_id == Body.id)
                          .where(Competence.procedure_code == procedure_code))


def competent_body(session: Session, procedure_code: str) -> BodyView | None:
    """The body competent to resolve ``procedure_code``, with its holder today."""
    body = competent_body_row(session, procedure_code)
    return None if body is None else body_view(session, body)


def list_competences(session: Session) -> list[tuple[str, Body]]:
    """(procedure code, competent body) for every procedure that has one, by code."""
    rows = session.execute(select(Competence.procedure_code, Body)
                           .join(Body, Body.id == Competence.body_id)
                           .order_by(Competence.procedure_code)).all()
    return [(code, body) for code, body in rows]


def check_procedure(session: Session, procedure_code: str) -> None:
    """InvalidBodyData when the catalogue has no procedure ``procedure_code``."""
    try:
        catalogue.list_version_history(session, procedure_code)
    except DomainError as exc:
        raise invalid("procedure_code", _("The catalogue has no procedure %(code)s.",
                                          code=procedure_code), "unknown_procedure") from exc


def set_competence(session: Session, *, procedure_code: str, body_key: str,
                   actor: str) -> Competence:
    """Make ``body_key`` the competent body of ``procedure_code`` (audited). Resolutions
    already registered keep the body they were registered with."""
    check_procedure(session, procedure_code)
    body = get_body(session, body_key)
    if not body.active:
        raise invalid("body", _("The body %(key)s is not active.", key=body.key), "inactive")
    row = session.scalar(select(Competence).where(
        Competence.procedure_code == procedure_code).with_for_update())
    previous = None
    if row is None:
        row = Competence(procedure_code=procedure_code, body_id=body.id)
        session.add(row)
    else:
        previous = session.get(Body, row.body_id)
        row.body_id = body.id
    session.flush()
    audit.record_event(session, "bodies.competence_set", actor=actor, object_type="procedure",
                       object_id=procedure_code, unit_code=body.unit_code,
                       data={"body": body.key,
                             "previous": previous.key if previous is not None else None})
    return row


def remove_competence(session: Session, *, procedure_code: str, actor: str) -> None:
    """The procedure has no competent body any more (audited): its files are resolved by
    the head of the unit again."""
    row = session.scalar(select(Competence).where(
        Competence.procedure_code == procedure_code).with_for_update())
    if row is None:
        raise invalid("procedure_code", _("The procedure %(code)s has no competent body.",
                                          code=procedure_code), "no_competence")
    body = session.get(Body, row.body_id)
    session.delete(row)
    session.flush()
    audit.record_event(session, "bodies.competence_removed", actor=actor,
                       object_type="procedure", object_id=procedure_code,
                       unit_code=body.unit_code if body else None,
                       data={"body": body.key if body else None})
