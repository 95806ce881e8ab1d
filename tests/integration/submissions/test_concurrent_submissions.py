"""32 citizens' programs send 50 applications each at the same time through the
presentation engine (draft, answers checked, simple signature, registration, file
opened): every registry and file number is unique, there are no gaps, and the counts
equal the submissions that succeeded (some fail on purpose after their numbers were
taken). The receipts are sealed after each commit and are not part of the numbering, so
they are left out here, and so is the rendering of the application PDF: a stand-in
renderer (named below) gives every application the same small PDF, since 1,600 WeasyPrint
renderings would only measure WeasyPrint (tests/api/submissions cover the real one)."""

from __future__ import annotations

import random
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import select

from eoffice import documents, identity
from eoffice.app import create_app
from eoffice.demo import load_demo
from eoffice.files.models import AdministrativeFile
from eoffice.identity.services.access import load_principal
from eoffice.migrate import upgrade
from eoffice.registry.models import RegistryEntry
from eoffice.shared.db import Database
from eoffice.submissions.models import Submission
from eoffice.submissions.services import application_pdf, drafts, submitting
from tests.conftest import make_settings
from tests.live_server import free_port
from tests.pdfs import tiny_pdf

CLIENTS = 32
# on SQLite, 32 writers queue for one lock, unfairly: on a slow machine one may wait
# longer than the default 30 s (the test is about numbers, not waiting)
WRITE_LOCK_PATIENCE = 600
PER_CLIENT = 50
ANSWERS = {"subject": "Bench", "request": "Sent by one of 32 programs at once."}
STAND_IN_PDF = tiny_pdf("application")


class FailsAfterRegistering(Exception):
    """Stands for anything failing after the number was taken."""


def _database(app: Flask) -> Database:
    found: Database = app.extensions["eoffice.database"]
    return found


def _client(app: Flask, number: int) -> int:
    chance, sent = random.Random(number), 0
    with app.app_context():
        database = _database(app)
        with database.reader() as db:
            principal = load_principal(db, identity.get_account(db, "ana"),
                                       authenticated_by="test")
        for _ in range(PER_CLIENT):
            with database.unit_of_work() as db:
                row = drafts.start_submission(db, principal, procedure="general-application",
                                              case="standard")
                drafts.check_answers(db, row, ANSWERS, principal=principal, locale="en")
            # as the pages and the API do: the application PDF is kept before the lock
            application_pdf.bring_up_to_date(row.id, principal, language="en")
            try:
                with database.unit_of_work() as db:
                    row = db.get(Submission, row.id, with_for_update=True)
                    assert row is not None
                    submitting.submit_submission(db, row, principal=principal, register="RGE")
                    if chance.random() < 0.1:
                        raise FailsAfterRegistering()
                sent += 1
            except FailsAfterRegistering:
                continue
    return sent


def _stand_in_renderer(**_kwargs: Any) -> bytes:
    """Fake of documents.render_application_pdf: a fixed small PDF, no WeasyPrint."""
    return STAND_IN_PDF


@pytest.mark.timeout(900)
def test_concurrent_submissions_get_unique_gap_free_numbers(
    scratch_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(documents, "render_application_pdf", _stand_in_renderer)
    upgrade(scratch_url)
    # Its own development PKI on a free port: another app of this test session may still
    # serve its own CA on the default port (the demo seals evidence of powers).
    app = create_app(make_settings(tmp_path / "instance", scratch_url,
                                   dev_pki_port=free_port()))
    database = _database(app)
    database.dispose()
    app.extensions["eoffice.database"] = Database(scratch_url, pool_size=CLIENTS,
                                                  busy_seconds=WRITE_LOCK_PATIENCE)
    with app.app_context(), _database(app).unit_of_work() as session:
        load_demo(session, samples=False)
    try:
        with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
            succeeded = sum(pool.map(lambda n: _client(app, n), range(CLIENTS)))
        with _database(app).reader() as db:
            rows = db.execute(select(RegistryEntry.sequence, RegistryEntry.number,
                                     RegistryEntry.submission_id)).all()
            registered = db.scalars(select(Submission.id)
                                    .where(Submission.status == "registered")).all()
            opened = db.scalars(select(AdministrativeFile.sequence)).all()
    finally:
        _database(app).dispose()
    assert 0 < succeeded < CLIENTS * PER_CLIENT
    assert sorted(sequence for sequence, _n, _s in rows) == list(range(1, succeeded + 1))
    assert len({number for _q, number, _s in rows}) == succeeded
    assert sorted(submission for _q, _n, submission in rows) == sorted(registered)
    assert sorted(opened) == list(range(1, succeeded + 1))  # one file each, no gap
