"""The operators through which the competent body resolves a file: which body is
competent for the file's procedure (none: the head of the unit; the mayor, and who signs
for her today; the local government board), a decree registered in the book and sent to
whoever resolves it today, and an agreement proposed to the board. A file without a
procedure, or whose body is of the other kind, is refused with the reason and nothing is
registered, sent or proposed."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from eoffice import bodies, documents, files
from eoffice.bodies.models import Proposal, Resolution
from eoffice.processing.operators import CATALOGUE, RunContext

ANA = {"name": "Ana García Puig", "id_type": "nif", "id_number": "12345678Z",
       "role": "interested"}


@pytest.fixture
def in_app(app: Flask) -> Iterator[None]:
    with app.app_context():
        yield


def _file(db: Session, procedure: str | None, unit: str) -> str:
    return files.open_file(db, files.NewFile(
        unit_code=unit, subject="Access to the plans of Carrer Major", parties=[ANA],
        procedure=procedure), actor="registrar").id


def _context(file_id: str, db: Session, unit: str, subject_kind: str = "file"
             ) -> RunContext:
    return RunContext(session=db, instance_id="i-1", subject_kind=subject_kind,
                      subject_id=file_id, unit_code=unit, actor="clerk",
                      element_id="Task_x")


def _run(name: str, context: RunContext, **params: Any) -> dict[str, Any]:
    return CATALOGUE.operators[name].run(context, params)


def _draft(context: RunContext) -> str:
    made = _run("render_document", context, template="resolution",
                values={"text": "The plans are given to the applicant."})
    return str(made["document"])


def _count(db: Session, model: type[Resolution] | type[Proposal]) -> int:
    return int(db.scalar(select(func.count()).select_from(model)) or 0)


@pytest.mark.parametrize(("procedure", "unit", "expected"), [
    (None, "URB", {"key": None, "kind": "none", "signer": None}),
    ("minor-works", "URB-LIC", {"key": None, "kind": "none", "signer": None}),
    ("public-information-access", "URB", {"key": "mayor", "kind": "single",
                                          "signer": "mayor"}),
    ("removal-road-occupancy", "ODP", {"key": "mayor", "kind": "single",
                                       "signer": "councillor"}),
    ("cultural-subsidy", "CUL", {"key": "local_board", "kind": "collegiate",
                                 "signer": None}),
])
def test_the_competent_body_of_the_files_procedure_is_found(
        db: Session, procedure: str | None, unit: str, expected: dict[str, Any]) -> None:
    file_id = _file(db, procedure, unit)
    assert _run("find_competent_body", _context(file_id, db, unit)) == expected


def test_a_decree_is_registered_in_the_book_and_sent_to_the_delegate(
        db: Session, in_app: None) -> None:
    file_id = _file(db, "removal-road-occupancy", "ODP")
    context = _context(file_id, db, "ODP")
    document = _draft(context)
    sent = _run("send_decree_to_signature", context, document=document)

    assert (sent["signer"], sent["body"]) == ("councillor", "mayor")
    resolution = bodies.find_resolution_by_document(db, document)
    assert resolution is not None and resolution.id == sent["resolution"]
    assert (resolution.state, resolution.number) == ("pending", None)
    assert resolution.title == "Access to the plans of Carrer Major"  # the file's subject
    waiting, _done = documents.list_tray(db, "councillor")
    assert [(c.id, c.document_id) for c in waiting] == [(sent["circuit"], document)]


def test_a_decree_of_a_procedure_resolved_by_the_board_is_refused(
        db: Session, in_app: None) -> None:
    file_id = _file(db, "cultural-subsidy", "CUL")
    context = _context(file_id, db, "CUL")
    document = _draft(context)
    before = _count(db, Resolution)
    with pytest.raises(ValueError, match="no single-person body"):
        _run("send_decree_to_signature", context, document=document)
    assert _count(db, Resolution) == before
    assert bodies.find_resolution_by_document(db, document) is None


def test_a_decree_of_a_file_without_procedure_is_refused(db: Session, in_app: None) -> None:
    file_id = _file(db, None, "URB")
    context = _context(file_id, db, "URB")
    with pytest.raises(ValueError, match="has no procedure"):
        _run("send_decree_to_signature", context, document=_draft(context))


def test_an_agreement_is_proposed_to_the_board_with_the_proposal_in_the_file(
        db: Session, in_app: None) -> None:
    file_id = _file(db, "cultural-subsidy", "CUL")
    context = _context(file_id, db, "CUL")
    drafted = _run("render_document", context, template="proposal",
                   values={"text": "Grant 3,000 euros to the Banda de Música."})
    proposed = _run("propose_agreement", context, document=drafted["document"],
                    text="Grant 3,000 euros to the Banda de Música.")

    assert drafted["title"].startswith("Propuesta de acuerdo ")
    brief = files.find_file_brief(db, file_id)
    assert brief is not None
    held = {d.document_id: d.kind for d in brief.documents}
    assert held[drafted["document"]] == "report"
    assert proposed["body"] == "local_board"
    row = db.get(Proposal, proposed["proposal"])
    assert row is not None
    assert (row.state, row.file_id, row.document_id, row.title) == (
        "submitted", file_id, drafted["document"], "Access to the plans of Carrer Major")


def test_an_agreement_of_a_procedure_resolved_by_decree_is_refused(
        db: Session, in_app: None) -> None:
    file_id = _file(db, "public-information-access", "URB")
    before = _count(db, Proposal)
    with pytest.raises(bodies.InvalidBodyData):
        _run("propose_agreement", _context(file_id, db, "URB"), text="Give the plans.")
    assert _count(db, Proposal) == before


@pytest.mark.parametrize("name", ["find_competent_body", "send_decree_to_signature",
                                  "propose_agreement"])
def test_the_body_operators_refuse_a_process_of_another_subject(name: str) -> None:
    session: Any = None  # refused before any use of the database
    params = {"document": "d-1"} if name == "send_decree_to_signature" else {}
    with pytest.raises(ValueError, match="runs for files, not for submission"):
        _run(name, _context("s-1", session, "URB", subject_kind="submission"), **params)
