"""Numbers typed into the street map's pages and search: superscripts and digits of other
scripts are not numbers here, and never an error page."""

from __future__ import annotations

from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from tests.conftest import sign_in


def test_the_address_search_ignores_digits_it_cannot_read(client: FlaskClient) -> None:
    for words in ("Colón 𐩀", "Colón ٣"):
        answer = client.get("/api/v1/territory/addresses", query_string={"q": words})
        assert answer.status_code == 200, (words, answer.status_code)
        codes = [item["street_code"] for item in answer.get_json()["items"]]
        assert codes and set(codes) == {"01530"}, words  # the calle de Colón
    squared = client.get("/api/v1/territory/addresses", query_string={"q": "Colón ²"})
    assert squared.status_code == 200 and squared.get_json()["items"] == []  # no number 2


def test_the_street_pages_take_any_page_number(client: FlaskClient, db: Session) -> None:
    sign_in(client, "clerk")
    for page in ("²", "99999999999999999999", "-1"):
        answer = client.get("/backoffice/territory", query_string={"page": page})
        assert answer.status_code == 200, (page, answer.status_code)
