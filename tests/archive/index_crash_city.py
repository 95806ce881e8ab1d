"""Run by the crash-recovery test of the archive index in its own instance
(``python -m tests.archive.index_crash_city make 50`` / ``items``): ``make`` archives N
files as the city does (opened, a resolution added, closed, transferred: their index
messages wait in the outbox); ``items`` prints how many index items the archived files
should have (what the index must hold once every message is delivered)."""

from __future__ import annotations

import sys

from sqlalchemy import select

from eoffice import documents, files
from eoffice.app import create_app
from eoffice.archive.models import Record
from eoffice.archive.services.indexing import items_of_record
from eoffice.archive.services.transfer import transfer_file
from eoffice.files.closure import close_file_for_process
from eoffice.shared.db import reader, unit_of_work

ANA = {"name": "Ana García Puig", "id_type": "nif", "id_number": "12345678Z",
       "role": "interested"}


def archive_one(n: int) -> None:
    with unit_of_work() as db:
        opened = files.open_file(db, files.NewFile(
            unit_code="URB", subject=f"Street furniture request {n}", parties=[ANA],
            procedure=None, case=None), actor="registrar")
        issued = documents.issue_document(
            db, doc_type=documents.DocumentType.RESOLUTION, title=f"Resolution {n}",
            data={"paragraphs": [f"Bench number {n} is granted in Plaça Major."]},
            language="en", unit_code="URB", level=documents.SignatureLevel.B_T,
            actor="head")
        files.add_document_to(db, opened.id, files.DocumentRef(issued.id), actor="clerk")
        number = opened.number
    close_file_for_process(number, actor="system", language="en")
    transfer_file(number, actor="system", language="en")


def expected_items() -> int:
    with reader() as db:
        return sum(len(items_of_record(db, record)) for record in db.scalars(select(Record)))


def main(argv: list[str]) -> None:
    app = create_app()
    with app.app_context():
        if argv[0] == "make":
            for n in range(int(argv[1])):
                archive_one(n)
        else:
            print(expected_items())  # read by the test


if __name__ == "__main__":
    main(sys.argv[1:])
