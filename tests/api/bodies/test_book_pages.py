"""The back-office page of the book of resolutions: staff search it; a row links to its
file, and to the signed document only for those who may read it; the export form is
there only for the secretary's office; bad input is named on the page."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from tests.api.bodies.test_book_api import signed_decree
from tests.conftest import sign_in

PAGE = "/backoffice/bodies/resolutions"


def test_a_clerk_finds_a_decree_with_links_to_its_file_and_document(
        app: Flask, client: FlaskClient, db: Session) -> None:
    decree = signed_decree(app, db, "Acceso a la licencia de la calle Nueva")
    sign_in(client, "clerk")  # URB: the decree was drafted in URB
    page = client.get(f"{PAGE}?q=calle+nueva&year=2026")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert f'data-testid="resolution-2026/{decree.number}"' in html
    assert "Acceso a la licencia de la calle Nueva" in html
    assert f"/api/v1/documents/{decree.document_id}/content" in html
    assert "/backoffice/files/URB/2026/41" in html
    assert 'data-testid="book-export"' not in html  # clerks do not export the book


def test_staff_of_another_unit_see_the_row_without_the_document(
        app: Flask, client: FlaskClient, db: Session) -> None:
    decree = signed_decree(app, db, "Acceso al archivo de obras")
    sign_in(client, "clerk3")  # ODP may not read URB's documents
    html = client.get(f"{PAGE}?q=archivo+de+obras").get_data(as_text=True)
    assert f'data-testid="resolution-2026/{decree.number}"' in html
    assert f"/api/v1/documents/{decree.document_id}/content" not in html


def test_the_secretary_gets_the_export_form(client: FlaskClient, db: Session) -> None:
    sign_in(client, "secretary")
    html = client.get(PAGE).get_data(as_text=True)
    assert 'data-testid="book-export"' in html and 'action="/api/v1/bodies/book"' in html


def test_bad_search_input_is_named_and_nothing_is_listed(
        client: FlaskClient, db: Session) -> None:
    sign_in(client, "clerk")
    page = client.get(f"{PAGE}?year=twenty&from=2026-02-30")
    html = page.get_data(as_text=True)
    assert page.status_code == 422
    assert 'data-testid="book-errors"' in html
    assert "Give a whole number from 1900 to 2999." in html
    assert "Give a date such as 2026-12-31." in html


def test_nothing_found_says_so(client: FlaskClient, db: Session) -> None:
    sign_in(client, "clerk")
    html = client.get(f"{PAGE}?q=no+such+decree+anywhere").get_data(as_text=True)
    assert 'data-testid="no-resolutions"' in html


def test_citizens_may_not_look(client: FlaskClient, db: Session) -> None:
    sign_in(client, "ana")
    assert client.get(PAGE).status_code == 403
