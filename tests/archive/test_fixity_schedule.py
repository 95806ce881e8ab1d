"""When fixity checks run: the worker's job every ``archive_fixity_days`` (counted from
the last run, or from the oldest transfer before the first one), on an archivist's
request from the page (the worker runs it as her), and from ``eoffice archive fixity``
(exit 1 on problems). Only archivists see the integrity pages."""

from __future__ import annotations

from datetime import timedelta

from click.testing import CliRunner
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from eoffice.archive.integrity_commands import fixity_command
from eoffice.archive.integrity_jobs import run_fixity_job
from eoffice.archive.runtime import ArchiveRuntime
from eoffice.archive.services import fixity
from eoffice.shared.clock import frozen_at, utcnow
from tests.api.files.sent import Headers
from tests.archive.test_fixity import archived, first_document, flipped
from tests.conftest import csrf_from, database, run_worker, sign_in

EVERY = 30


def test_the_job_checks_the_archive_every_period(
        app: Flask, client: FlaskClient, token_for: Headers, db: Session,
        fresh_archive: ArchiveRuntime) -> None:
    archived(client, token_for, db)
    start = utcnow()

    with app.app_context():
        fresh = run_fixity_job(database(app))
        with frozen_at(start + timedelta(days=EVERY + 1)):
            first = run_fixity_job(database(app))
            same_day = run_fixity_job(database(app))
        with frozen_at(start + timedelta(days=2 * EVERY + 3)):
            second = run_fixity_job(database(app))

    assert (fresh, first, same_day, second) == (0, 1, 0, 1)
    runs = fixity.list_runs(db)
    assert [run.started_by for run in runs[:2]] == ["system", "system"]
    assert all(run.status == "ok" for run in runs[:2])


def test_an_archivist_asks_for_a_check_and_the_worker_runs_it(
        app: Flask, client: FlaskClient, token_for: Headers, db: Session,
        fresh_archive: ArchiveRuntime) -> None:
    archived(client, token_for, db)
    sign_in(client, "archivist")
    page = client.get("/backoffice/archive/fixity").get_data(as_text=True)
    home = client.get("/backoffice/archive").get_data(as_text=True)

    asked = client.post("/backoffice/archive/fixity", data={"csrf_token": csrf_from(page)})
    run_worker(app)

    assert 'data-testid="archive-fixity"' in home
    assert asked.status_code == 303
    runs = fixity.list_runs(db)
    assert runs and runs[0].started_by == "archivist" and runs[0].status == "ok"
    listed = client.get("/backoffice/archive/fixity").get_data(as_text=True)
    assert f'data-testid="run-{runs[0].id}"' in listed and "No problems" in listed


def test_other_staff_and_citizens_do_not_see_integrity_pages(
        client: FlaskClient, db: Session) -> None:
    sign_in(client, "clerk")
    assert client.get("/backoffice/archive/fixity").status_code == 404
    assert client.get("/backoffice/archive/fixity/1").status_code == 404
    assert 'data-testid="archive-fixity"' not in client.get(
        "/backoffice/archive").get_data(as_text=True)
    page = client.get("/backoffice").get_data(as_text=True)
    assert client.post("/backoffice/archive/fixity",
                       data={"csrf_token": csrf_from(page)}).status_code == 404


def test_an_unknown_run_is_not_found(client: FlaskClient, db: Session) -> None:
    sign_in(client, "archivist")
    assert client.get("/backoffice/archive/fixity/999999").status_code == 404


def test_the_command_prints_the_problems_and_fails(
        app: Flask, client: FlaskClient, token_for: Headers, db: Session,
        fresh_archive: ArchiveRuntime) -> None:
    record = archived(client, token_for, db)
    row = first_document(db, record)

    with app.app_context():
        intact = CliRunner().invoke(fixity_command)
        with flipped(fresh_archive.root / record.package_path / row.path):
            damaged = CliRunner().invoke(fixity_command)

    assert intact.exit_code == 0, intact.output
    assert "0 problems" in intact.output
    assert damaged.exit_code == 1
    assert f"{record.file_number} package {row.path}: mismatch" in damaged.output
