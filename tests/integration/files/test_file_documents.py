"""The documents of a file on a real database: the documents a registration brings join
the file as it opens, a new version of a document is recorded as a version (the first
one stays), the history tells each step, and a closed file takes no more documents,
annotations or movements."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from eoffice import documents, files
from eoffice.files.models import AdministrativeFile, FileAction, FileDocument
from eoffice.files.services.annotating import add_annotation
from eoffice.files.services.history import list_history
from eoffice.files.services.moving import send_file
from tests.pdfs import tiny_pdf


@pytest.fixture
def in_app(app: Flask) -> Iterator[None]:
    with app.app_context():
        yield


def _registered(db: Session, text: str) -> str:
    kept = documents.register_document(
        db, chunks=[tiny_pdf(text)], media_type="application/pdf", title=f"Plan {text}",
        language="es", unit_code="URB", actor="ana")
    return kept.id


def _opened(db: Session, *refs: files.DocumentRef) -> AdministrativeFile:
    view = files.open_file(db, files.NewFile(
        unit_code="URB", subject="Terrace", parties=[{"name": "Ana", "id_type": "nif",
                                                      "id_number": "12345678Z",
                                                      "role": "interested"}],
        procedure="general-application", case="standard", documents=refs), actor="ana")
    found = db.get(AdministrativeFile, view.id)
    assert found is not None
    return found


def _rows(db: Session, file: AdministrativeFile) -> tuple[int, int]:
    """How many documents and actions the file has."""
    held = db.scalar(select(func.count()).where(FileDocument.file_id == file.id))
    done = db.scalar(select(func.count()).where(FileAction.file_id == file.id))
    return int(held or 0), int(done or 0)


def test_the_documents_brought_by_the_registration_join_the_file_as_it_opens(
    in_app: None, db: Session,
) -> None:
    plan, photo = _registered(db, "plan"), _registered(db, "photo")
    file = _opened(db, files.DocumentRef(plan, files.DocumentRole.APPLICATION),
                   files.DocumentRef(photo, files.DocumentRole.ATTACHMENT))
    held = files.list_documents(db, file)
    assert [(d.position, d.document_id, d.role, d.version) for d in held] == [
        (1, plan, "application", 1), (2, photo, "attachment", 1)]
    assert held[0].sha256 == documents.get_document(db, plan).sha256
    assert held[0].origin == "citizen" and held[0].added_by == "ana"
    assert [a.kind for a in list_history(db, file)] == ["opened", "document_added",
                                                        "document_added"]
    assert file.responsible_unit == "URB" and file.state == "open"


def test_a_new_version_is_recorded_as_such_and_the_first_one_stays(
    in_app: None, db: Session,
) -> None:
    plan = _registered(db, "plan")
    file = _opened(db, files.DocumentRef(plan, files.DocumentRole.APPLICATION))
    same = files.add_document(db, file, files.DocumentRef(plan), actor="clerk")
    assert same.position == 1  # the same version is kept once
    documents.add_version(db, plan, chunks=[tiny_pdf("plan v2")],
                          media_type="application/pdf", actor="clerk")
    newer = files.add_document(db, file, files.DocumentRef(plan), actor="clerk")
    held = files.list_documents(db, file)
    assert [(d.position, d.version) for d in held] == [(1, 1), (2, 2)]
    assert newer.sha256 != held[0].sha256 and newer.document_id == plan


def test_a_closed_file_takes_no_more_documents_annotations_or_movements(
    in_app: None, db: Session,
) -> None:
    plan = _registered(db, "plan")
    file = _opened(db, files.DocumentRef(plan, files.DocumentRole.APPLICATION))
    file.state = files.FileStatus.CLOSED.value
    db.flush()
    before = _rows(db, file)
    other = _registered(db, "other")
    with pytest.raises(files.FileClosed):
        files.add_document(db, file, files.DocumentRef(other), actor="clerk")
    with pytest.raises(files.FileClosed):
        add_annotation(db, file, "late", actor="clerk")
    with pytest.raises(files.FileClosed):
        send_file(db, file, to_unit="HAC", reason="late", actor="clerk")
    assert _rows(db, file) == before
