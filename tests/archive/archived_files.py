"""Steps of the archive's search tests: a file of the demo city opened, given a signed
resolution whose text holds a chosen word, closed and transferred to the archive, as the
city does it (files, documents and the archive's own transfer; nothing faked)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from flask import Flask
from sqlalchemy.orm import Session

from eoffice import documents, files
from eoffice.archive.services.transfer import transfer_file
from eoffice.files.closure import close_file_for_process
from tests.scenarios import steps


@dataclass(frozen=True)
class Archived:
    number: str
    record_id: str


BeforeClosing = Callable[[Session, str, str], None]  # (session, file number, resolution id)


def archived_file(app: Flask, db: Session, *, unit: str, subject: str, resolution: str,
                  before_closing: BeforeClosing | None = None) -> Archived:
    """A file of ``unit`` whose resolution says ``resolution``, closed and transferred
    (the index message waits in the outbox for the worker); ``before_closing`` may add
    what the file should carry (a notification of the resolution...)."""
    file_id = steps.open_file(app, db, procedure=None, case=None, unit=unit, subject=subject)
    issued = documents.issue_document(
        db, doc_type=documents.DocumentType.RESOLUTION, title="Resolution",
        data={"paragraphs": [resolution]}, language="en", unit_code=unit,
        level=documents.SignatureLevel.B_T, actor="head")
    row = steps.file_row(db, file_id)
    files.add_document(db, row, files.DocumentRef(issued.id), actor="clerk")
    number = row.number
    if before_closing is not None:
        before_closing(db, number, issued.id)
    db.flush()
    close_file_for_process(number, actor="system", language="en")
    moved = transfer_file(number, actor="system", language="en")
    db.expire_all()
    return Archived(number, moved.record_id)
