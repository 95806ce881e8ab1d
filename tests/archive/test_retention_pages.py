"""The retention pages: the calendar trimmed to each user's units, the series page with
its form errors, the holds page, and the retention panel of an archived file where an
archivist places and lifts a hold and corrects a date, all without JavaScript."""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from eoffice.archive.runtime import ArchiveRuntime
from eoffice.archive.services import holds
from eoffice.demo.archive_series import load_demo_series
from tests.api.archive.closed import closed_file, transfer
from tests.archive.test_retention import add_series, archived
from tests.archive.test_series import principal
from tests.conftest import csrf_from, sign_in

Headers = Callable[[str], dict[str, str]]


def test_the_calendar_shows_each_user_her_units(app: Flask, client: FlaskClient,
                                                db: Session) -> None:
    add_series(db, "T-SOON", procedure="test-proc", years=0)
    urb, odp = archived(db), archived(db, unit="ODP")
    sign_in(client, "clerk3")
    page = client.get("/backoffice/archive/calendar").get_data(as_text=True)
    assert odp.file_number in page and urb.file_number not in page
    client = app.test_client()
    sign_in(client, "archivist")
    page = client.get("/backoffice/archive/calendar").get_data(as_text=True)
    assert odp.file_number in page and urb.file_number in page
    home = client.get("/backoffice/archive").get_data(as_text=True)
    assert "/backoffice/archive/calendar" in home and "/backoffice/archive/series" in home


def test_the_series_form_shows_its_errors_and_creates(app: Flask, client: FlaskClient,
                                                      db: Session) -> None:
    sign_in(client, "archivist")
    page = client.get("/backoffice/archive/series").get_data(as_text=True)
    form = {"csrf_token": csrf_from(page), "code": "T-FORM", "title_en": "Form series",
            "procedure_code": "test-proc", "retention_years": "-2", "trigger": "closure",
            "action": "destroy", "confidentiality": "restricted"}
    bad = client.post("/backoffice/archive/series", data=form)
    assert bad.status_code == 422
    assert "Give a whole number from 0 to 999." in bad.get_data(as_text=True)
    assert 'data-testid="series-T-FORM"' not in bad.get_data(as_text=True)
    good = client.post("/backoffice/archive/series", data={**form, "retention_years": "3"},
                       follow_redirects=True)
    assert good.status_code == 200 and 'data-testid="series-T-FORM"' in good.get_data(
        as_text=True)
    clerk = app.test_client()
    sign_in(clerk, "clerk")
    page = clerk.get("/backoffice/archive/series").get_data(as_text=True)
    assert "T-FORM" in page and 'data-testid="series-form"' not in page
    refused = clerk.post("/backoffice/archive/series", data={
        **form, "code": "T-CLERK", "retention_years": "3", "csrf_token": csrf_from(page)})
    assert refused.status_code == 403
    assert 'data-testid="series-T-CLERK"' not in clerk.get(
        "/backoffice/archive/series").get_data(as_text=True)


def test_the_record_panel_places_and_lifts_a_hold_and_corrects_a_date(
        client: FlaskClient, token_for: Headers, db: Session,
        fresh_archive: ArchiveRuntime) -> None:
    load_demo_series(db)
    number = closed_file(client, token_for)
    transfer(client, token_for("archivist"), number)
    sign_in(client, "archivist")
    url = f"/backoffice/archive/records/{number}"
    page = client.get(url).get_data(as_text=True)
    assert "URB.01" in page  # general applications: 5 years from closure, destroyed
    token = csrf_from(page)
    empty = client.post(f"{url}/holds", data={"csrf_token": token, "reason": " "},
                        follow_redirects=True)
    assert "Give a reason." in empty.get_data(as_text=True)
    held = client.post(f"{url}/holds", data={"csrf_token": token, "reason": "Court case 7"},
                       follow_redirects=True).get_data(as_text=True)
    assert 'data-testid="record-held"' in held and "Court case 7" in held
    holds_page = client.get("/backoffice/archive/holds").get_data(as_text=True)
    assert number in holds_page
    hold_id = held.split('data-testid="lift-hold-')[1].split('"')[0]
    lifted = client.post(f"/backoffice/archive/holds/{hold_id}/lift",
                         data={"csrf_token": token, "reason": "Closed"},
                         follow_redirects=True).get_data(as_text=True)
    assert 'data-testid="record-held"' not in lifted
    bad = client.post(f"{url}/metadata", data={"csrf_token": token, "key": "judgment_date",
                                               "value": "tomorrow"}, follow_redirects=True)
    assert "Give a date as YYYY-MM-DD." in bad.get_data(as_text=True)
    done = client.post(f"{url}/metadata", data={"csrf_token": token, "key": "judgment_date",
                                                "value": "2026-06-30"}, follow_redirects=True)
    assert "2026-06-30" in done.get_data(as_text=True)


def test_changing_a_series_in_its_page_recomputes_its_files(
        app: Flask, client: FlaskClient, db: Session) -> None:
    add_series(db, "T-EDIT", procedure="test-proc", years=2)
    record = archived(db)
    sign_in(client, "archivist")
    page = client.get("/backoffice/archive/series/T-EDIT").get_data(as_text=True)
    form = {"csrf_token": csrf_from(page), "title_en": "Edited", "procedure_code": "test-proc",
            "retention_years": "2", "trigger": "closure", "action": "sample",
            "sample_percent": "", "confidentiality": "restricted"}
    bad = client.post("/backoffice/archive/series/T-EDIT", data=form)
    assert bad.status_code == 422
    assert "Give the percentage kept, from 1 to 99." in bad.get_data(as_text=True)
    done = client.post("/backoffice/archive/series/T-EDIT",
                       data={**form, "action": "destroy", "retention_years": "9"},
                       follow_redirects=True)
    assert done.status_code == 200 and "9 years" in done.get_data(as_text=True)
    db.expire_all()
    assert record.retention_until is not None and record.retention_until.year == 2036
    assert client.get("/backoffice/archive/series/NOPE").status_code == 404


def test_the_holds_page_shows_only_files_the_user_sees(
        app: Flask, client: FlaskClient, db: Session) -> None:
    record = archived(db)  # of URB
    holds.place_hold(db, record.file_number, "Audit office review", principal(db, "archivist"))
    db.flush()
    sign_in(client, "clerk")
    assert "Audit office review" in client.get("/backoffice/archive/holds").get_data(
        as_text=True)
    other = app.test_client()
    sign_in(other, "clerk3")
    assert "Audit office review" not in other.get("/backoffice/archive/holds").get_data(
        as_text=True)
