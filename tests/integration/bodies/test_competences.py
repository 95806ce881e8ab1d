"""The competent body of each procedure, and who should sign its decrees on a given day:
the demo city's competences, changing and removing one, and the refusals (a procedure
the catalogue does not have, a body that does not exist)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from flask import Flask
from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice import bodies
from eoffice.audit.models import AuditEvent
from eoffice.bodies import InvalidBodyData, UnknownBody
from eoffice.demo.bodies import load_demo_bodies


@pytest.fixture
def in_app(app: Flask) -> Iterator[None]:
    with app.app_context():
        yield


def test_the_demo_procedures_have_their_competent_bodies(db: Session, in_app: None) -> None:
    mayor = bodies.competent_body(db, "removal-road-occupancy")
    assert mayor is not None
    assert (mayor.key, mayor.kind, mayor.unit_code, mayor.holder) == (
        "mayor", "single", "AJT", "mayor")
    assert mayor.label("es") == "Alcaldía"
    board = bodies.competent_body(db, "cultural-subsidy")
    assert board is not None and (board.key, board.kind, board.holder) == (
        "local_board", "collegiate", None)
    for procedure in ("minor-works", "terrace-public-road", "general-application"):
        assert bodies.competent_body(db, procedure) is None  # the head of unit signs


def test_who_signs_a_decree_depends_on_the_day_and_the_delegation(
        db: Session, in_app: None) -> None:
    removal = "removal-road-occupancy"
    assert bodies.resolving_signer(db, removal, date(2025, 12, 31)) == "mayor"
    assert bodies.resolving_signer(db, removal, date(2026, 1, 1)) == "councillor"
    assert bodies.resolving_signer(db, "public-information-access", date(2026, 6, 1)) == "mayor"
    assert bodies.resolving_signer(db, "cultural-subsidy", date(2026, 6, 1)) is None
    assert bodies.resolving_signer(db, "minor-works", date(2026, 6, 1)) is None


def test_changing_and_removing_a_competence_is_audited(db: Session, in_app: None) -> None:
    bodies.set_competence(db, procedure_code="minor-works", body_key="mayor", actor="admin")
    found = bodies.competent_body(db, "minor-works")
    assert found is not None and found.key == "mayor"
    bodies.set_competence(db, procedure_code="minor-works", body_key="local_board",
                          actor="admin")
    changed = bodies.competent_body(db, "minor-works")
    assert changed is not None and changed.key == "local_board"
    bodies.remove_competence(db, procedure_code="minor-works", actor="admin")
    assert bodies.competent_body(db, "minor-works") is None
    actions = db.scalars(select(AuditEvent.action).where(
        AuditEvent.object_type == "procedure", AuditEvent.object_id == "minor-works",
        AuditEvent.action.like("bodies.%")).order_by(AuditEvent.seq)).all()
    assert actions == ["bodies.competence_set", "bodies.competence_set",
                       "bodies.competence_removed"]


def test_a_competence_needs_a_procedure_of_the_catalogue_and_a_known_body(
        db: Session, in_app: None) -> None:
    with pytest.raises(InvalidBodyData) as refused:
        bodies.set_competence(db, procedure_code="no-such-procedure", body_key="mayor",
                              actor="admin")
    assert refused.value.errors[0].code == "unknown_procedure"
    with pytest.raises(UnknownBody):
        bodies.set_competence(db, procedure_code="minor-works", body_key="no_such_body",
                              actor="admin")
    with pytest.raises(InvalidBodyData) as missing:
        bodies.remove_competence(db, procedure_code="minor-works", actor="admin")
    assert missing.value.errors[0].code == "no_competence"
    assert bodies.competent_body(db, "minor-works") is None


def test_loading_the_demo_bodies_again_changes_nothing(db: Session, in_app: None) -> None:
    def bodies_events() -> int:
        return len(db.scalars(select(AuditEvent.seq).where(
            AuditEvent.action.like("bodies.%"))).all())

    before = bodies_events()
    members = {view.key: bodies.members_of(db, view.key)
               for view in bodies.list_body_views(db)}
    load_demo_bodies(db)
    assert bodies_events() == before
    assert {view.key: bodies.members_of(db, view.key)
            for view in bodies.list_body_views(db)} == members
