"""The demo's archived files: three files opened, resolved, closed and transferred (a
valid bag each), the same three on a second load, and the terrace licence found by a
word of its resolution ("veladores") by the archivist and by ODP's clerk, not by URB's."""

from __future__ import annotations

import bagit
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice.archive.models import Record
from eoffice.archive.runtime import ArchiveRuntime
from eoffice.demo.archive import DEMO_FILES, load_demo_archive
from tests.api.files.sent import Headers
from tests.conftest import run_worker


def _numbers(client: FlaskClient, headers: dict[str, str]) -> set[str]:
    found = client.get("/api/v1/archive/search", query_string={"q": "veladores"},
                       headers=headers)
    assert found.status_code == 200, found.get_json()
    return {hit["file_number"] for hit in found.get_json()["items"]}


def test_the_demo_archives_three_files_once_and_the_terrace_is_found(
        app: Flask, client: FlaskClient, token_for: Headers, db: Session,
        fresh_archive: ArchiveRuntime) -> None:
    with app.app_context():
        summary = load_demo_archive()
        assert load_demo_archive() == summary
    records = db.scalars(select(Record).order_by(Record.file_number)).all()
    assert sorted(r.subject for r in records) == sorted(d.subject for d in DEMO_FILES)
    assert {r.unit_code for r in records} == {"ODP", "URB"}
    for record in records:
        assert record.receipt_document_id and record.resolution_date is not None
        assert bagit.Bag(str(fresh_archive.root / record.package_path)).validate(processes=1)

    run_worker(app)  # the index follows through the outbox
    terrace = next(r.file_number for r in records if r.unit_code == "ODP")
    assert terrace in _numbers(client, token_for("archivist"))
    assert terrace in _numbers(client, token_for("clerk3"))
    assert terrace not in _numbers(client, token_for("clerk"))
