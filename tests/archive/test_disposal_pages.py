"""The destruction lists' pages: archivists prepare lists and see them all, heads see
their units' lists, approve buttons only for who may approve, a refused action says why
and changes nothing; anyone else finds no such page."""

from __future__ import annotations

from datetime import date

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session
from werkzeug.test import TestResponse

from eoffice.archive.models import DisposalList, Record
from tests.archive.disposal_files import destroy_series, stored_record
from tests.conftest import csrf_from, sign_in

PAGES = "/backoffice/archive/disposal"


def _client(app: Flask, login: str) -> FlaskClient:
    client = app.test_client()
    sign_in(client, login)
    return client


def _post(client: FlaskClient, path: str, **data: str) -> TestResponse:
    token = csrf_from(client.get(PAGES).get_data(as_text=True))
    return client.post(path, data={"csrf_token": token, **data})


def test_an_archivist_prepares_lists_and_approves_once(app: Flask, db: Session) -> None:
    record = stored_record(db, series=destroy_series(db).upper(), until=date(2020, 1, 1))
    archivist = _client(app, "archivist")
    assert "Prepare lists now" in archivist.get(PAGES).get_data(as_text=True)

    done = archivist.post(f"{PAGES}/prepare", data={
        "csrf_token": csrf_from(archivist.get(PAGES).get_data(as_text=True))})
    assert done.status_code == 303
    listed = db.scalars(select(DisposalList)).one()
    page = archivist.get(f"{PAGES}/{listed.id}").get_data(as_text=True)
    assert record.file_number in page and 'data-testid="approve-form"' in page

    first = _post(archivist, f"{PAGES}/{listed.id}/approve")
    assert first.status_code == 303
    page = archivist.get(f"{PAGES}/{listed.id}").get_data(as_text=True)
    assert 'data-testid="approve-form"' not in page  # hers is given
    again = _post(archivist, f"{PAGES}/{listed.id}/approve")
    assert again.status_code == 409
    assert 'data-testid="disposal-error"' in again.get_data(as_text=True)


def test_the_head_sees_her_units_list_and_others_find_nothing(app: Flask,
                                                              db: Session) -> None:
    record = stored_record(db, series=destroy_series(db).upper(), until=date(2020, 1, 1))
    archivist = _client(app, "archivist")
    archivist.post(f"{PAGES}/prepare", data={
        "csrf_token": csrf_from(archivist.get(PAGES).get_data(as_text=True))})
    listed = db.scalars(select(DisposalList)).one()

    head = _client(app, "head")
    overview = head.get(PAGES).get_data(as_text=True)
    assert listed.number in overview and "Prepare lists now" not in overview
    assert 'data-testid="archive-disposal"' in head.get("/backoffice/archive").get_data(
        as_text=True)
    assert 'data-testid="approve-form"' in head.get(f"{PAGES}/{listed.id}").get_data(
        as_text=True)
    assert _post(head, f"{PAGES}/prepare").status_code == 403

    other = _client(app, "head2")
    assert listed.number not in other.get(PAGES).get_data(as_text=True)
    assert other.get(f"{PAGES}/{listed.id}").status_code == 404
    assert _post(other, f"{PAGES}/{listed.id}/approve").status_code == 404
    clerk = _client(app, "clerk")
    assert clerk.get(PAGES).status_code == 404
    assert 'data-testid="archive-disposal"' not in clerk.get("/backoffice/archive").get_data(
        as_text=True)
    db.expire_all()
    assert db.get(Record, record.id).status == "listed"  # type: ignore[union-attr]


def test_excluding_without_a_reason_says_why_and_changes_nothing(app: Flask,
                                                                 db: Session) -> None:
    record = stored_record(db, series=destroy_series(db).upper(), until=date(2020, 1, 1))
    archivist = _client(app, "archivist")
    archivist.post(f"{PAGES}/prepare", data={
        "csrf_token": csrf_from(archivist.get(PAGES).get_data(as_text=True))})
    listed = db.scalars(select(DisposalList)).one()

    refused = _post(archivist, f"{PAGES}/{listed.id}/items/{record.file_number}/exclude",
                    reason=" ")
    assert refused.status_code == 422
    assert "Give a reason." in refused.get_data(as_text=True)
    db.expire_all()
    assert db.get(Record, record.id).status == "listed"  # type: ignore[union-attr]

    excluded = _post(archivist, f"{PAGES}/{listed.id}/items/{record.file_number}/exclude",
                     reason="Still needed by the unit")
    assert excluded.status_code == 303
    page = archivist.get(f"{PAGES}/{listed.id}").get_data(as_text=True)
    assert "Still needed by the unit" in page
    db.expire_all()
    assert db.get(Record, record.id).status == "archived"  # type: ignore[union-attr]
