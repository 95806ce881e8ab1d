"""The register of bodies and members: creating a body with every wrong field named,
one holder of a single-person body at a time, one chair and one secretary of a
collegiate body at a time, and a change of holder that moves who signs."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from flask import Flask
from sqlalchemy.orm import Session

from eoffice import bodies
from eoffice.bodies import BodyData, InvalidBodyData, NewMember, UnknownBody

CULTURE = BodyData(key="councillor_culture", kind="single",
                   name={"es": "Concejalía de Cultura", "ca": "Regidoria de Cultura"},
                   unit_code="AJT")


@pytest.fixture
def in_app(app: Flask) -> Iterator[None]:
    with app.app_context():
        yield


def fields_of(refused: pytest.ExceptionInfo[InvalidBodyData]) -> set[tuple[str, str]]:
    return {(error.field, error.code) for error in refused.value.errors}


def test_a_body_is_created_with_its_names_and_no_holder_yet(db: Session, in_app: None) -> None:
    bodies.create_body(db, CULTURE, actor="admin")
    view = next(v for v in bodies.list_body_views(db) if v.key == "councillor_culture")
    assert (view.kind, view.holder, view.label("ca")) == (
        "single", None, "Regidoria de Cultura")


def test_every_wrong_field_of_a_new_body_is_named(db: Session, in_app: None) -> None:
    with pytest.raises(InvalidBodyData) as refused:
        bodies.create_body(db, BodyData(key="Bad Key", kind="committee", name={"en": "x"},
                                        unit_code="NOPE", quorum_percent=120), actor="admin")
    assert fields_of(refused) == {("key", "invalid"), ("kind", "invalid"),
                                  ("name", "required"), ("unit_code", "unknown_unit"),
                                  ("quorum_percent", "invalid")}
    with pytest.raises(InvalidBodyData) as duplicate:
        bodies.create_body(db, BodyData(key="mayor", kind="single", name={"es": "Otra"},
                                        unit_code="AJT"), actor="admin")
    assert fields_of(duplicate) == {("key", "duplicate")}
    with pytest.raises(InvalidBodyData) as no_quorum:
        bodies.create_body(db, BodyData(key="committee", kind="collegiate",
                                        name={"es": "Comisión"}, unit_code="AJT"),
                           actor="admin")
    assert fields_of(no_quorum) == {("quorum_percent", "invalid")}


def test_a_single_person_body_has_one_holder_at_a_time(db: Session, in_app: None) -> None:
    bodies.create_body(db, CULTURE, actor="admin")
    first = bodies.add_member(db, "councillor_culture", NewMember(
        login="councillor", role="holder", valid_from=date(2026, 1, 1)), actor="admin")
    with pytest.raises(InvalidBodyData) as overlap:
        bodies.add_member(db, "councillor_culture", NewMember(
            login="head", role="holder", valid_from=date(2026, 6, 1)), actor="admin")
    assert fields_of(overlap) == {("valid_from", "overlap")}
    bodies.end_membership(db, "councillor_culture", first.id, valid_to=date(2026, 5, 31),
                          actor="admin")
    bodies.add_member(db, "councillor_culture", NewMember(
        login="head", role="holder", valid_from=date(2026, 6, 1)), actor="admin")
    holders = {(m.login, m.valid_from, m.valid_to)
               for m in bodies.members_of(db, "councillor_culture")}
    assert holders == {("councillor", date(2026, 1, 1), date(2026, 5, 31)),
                       ("head", date(2026, 6, 1), None)}
    assert [m.login for m in bodies.members_of(db, "councillor_culture",
                                               date(2026, 5, 31))] == ["councillor"]
    bodies.set_competence(db, procedure_code="cultural-subsidy", body_key="councillor_culture",
                          actor="admin")
    assert bodies.resolving_signer(db, "cultural-subsidy", date(2026, 5, 31)) == "councillor"
    assert bodies.resolving_signer(db, "cultural-subsidy", date(2026, 6, 1)) == "head"


def test_wrong_members_are_refused(db: Session, in_app: None) -> None:
    cases = [
        ("mayor", NewMember(login="nobody", role="holder", valid_from=date(2026, 1, 1)),
         ("login", "unknown_user")),
        ("mayor", NewMember(login="head", role="chair", valid_from=date(2026, 1, 1)),
         ("role", "invalid")),
        ("local_board", NewMember(login="clerk", role="holder", valid_from=date(2026, 1, 1)),
         ("role", "invalid")),
        ("local_board", NewMember(login="clerk", role="member", valid_from=date(2026, 2, 1),
                                  valid_to=date(2026, 1, 1)), ("valid_to", "reversed")),
        ("local_board", NewMember(login="head", role="member", valid_from=date(2026, 1, 1)),
         ("login", "overlap")),  # already a member since 2023
        ("local_board", NewMember(login="clerk", role="secretary",
                                  valid_from=date(2026, 1, 1)), ("valid_from", "overlap")),
    ]
    for body, member, expected in cases:
        with pytest.raises(InvalidBodyData) as refused:
            bodies.add_member(db, body, member, actor="admin")
        assert fields_of(refused) == {expected}, member
    with pytest.raises(UnknownBody):
        bodies.add_member(db, "no_such_body", NewMember(
            login="head", role="holder", valid_from=date(2026, 1, 1)), actor="admin")


def test_the_secretary_of_a_collegiate_body_does_not_vote(db: Session, in_app: None) -> None:
    members = {m.login: m for m in bodies.members_of(db, "local_board", date(2026, 6, 1))}
    assert {login: (m.role, m.voting) for login, m in members.items()} == {
        "mayor": ("chair", True), "secretary": ("secretary", False),
        "councillor": ("member", True), "head": ("member", True),
        "head2": ("member", True)}
