"""The calendar API: public holidays of a year; local holidays added and removed by
administrators only; bad input gets problem+json."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from eoffice import deadlines
from eoffice.deadlines import Term, TermUnit

Tokens = Callable[[str], dict[str, str]]
FEAST = {"day": "2026-03-24", "names": {"es": "Fiesta", "ca": "Festa", "en": "Feast"}}


def test_anyone_reads_the_holidays_of_a_year(client: FlaskClient) -> None:
    response = client.get("/api/v1/calendar/holidays?year=2026&lang=ca")
    assert response.status_code == 200
    body = response.get_json()
    assert body["year"] == 2026 and body["region"] == "VC"
    by_day = {item["day"]: item for item in body["items"]}
    assert by_day["2026-03-19"]["name"] == "Sant Josep"
    assert by_day["2026-03-19"] | {"names": None} == {
        "day": "2026-03-19", "scope": "regional", "region": "VC", "names": None,
        "name": "Sant Josep", "source": "library", "removable": False}
    assert by_day["2026-01-22"]["scope"] == "local"
    assert by_day["2026-01-22"]["removable"] is True
    assert body["total"] == len(body["items"])


def test_an_administrator_adds_a_local_holiday_and_a_term_over_it_ends_a_day_later(
        client: FlaskClient, db: Session, token_for: Tokens) -> None:
    term = Term(10, TermUnit.BUSINESS_DAYS)
    before = deadlines.term_end(date(2026, 3, 12), term, deadlines.working_calendar(db))
    response = client.post("/api/v1/calendar/holidays?lang=en", json=FEAST,
                           headers=token_for("admin"))
    assert response.status_code == 201, response.get_json()
    assert response.get_json()["name"] == "Feast"
    after = deadlines.term_end(date(2026, 3, 12), term, deadlines.working_calendar(db))
    assert (before, after) == (date(2026, 3, 27), date(2026, 3, 30))
    again = client.post("/api/v1/calendar/holidays", json=FEAST, headers=token_for("admin"))
    assert again.status_code == 409
    assert again.get_json()["code"] == "deadlines.already_holiday"


def test_an_administrator_removes_a_local_holiday_but_not_a_library_one(
        client: FlaskClient, token_for: Tokens) -> None:
    admin = token_for("admin")
    assert client.post("/api/v1/calendar/holidays", json=FEAST, headers=admin).status_code \
        == 201
    assert client.delete("/api/v1/calendar/holidays/2026-03-24", headers=admin).status_code \
        == 204
    library = client.delete("/api/v1/calendar/holidays/2026-03-19", headers=admin)
    assert library.status_code == 404
    assert library.get_json()["code"] == "deadlines.unknown_holiday"


def test_someone_who_is_not_an_administrator_gets_403(client: FlaskClient,
                                                     token_for: Tokens) -> None:
    for login in ("clerk", "ana"):
        response = client.post("/api/v1/calendar/holidays", json=FEAST,
                               headers=token_for(login))
        assert response.status_code == 403
        assert response.headers["Content-Type"] == "application/problem+json"
        removing = client.delete("/api/v1/calendar/holidays/2026-01-22",
                                 headers=token_for(login))
        assert removing.status_code == 403
    assert client.post("/api/v1/calendar/holidays", json=FEAST).status_code == 401


def test_bad_dates_give_422_problem_json(client: FlaskClient, token_for: Tokens) -> None:
    admin = token_for("admin")
    for body in ({**FEAST, "day": "2026-02-30"}, {**FEAST, "day": "tomorrow"},
                 {"day": "2026-03-24", "names": {"es": "Fiesta"}},
                 {**FEAST, "day": "1850-03-24"}):
        response = client.post("/api/v1/calendar/holidays", json=body, headers=admin)
        assert response.status_code == 422, body
        assert response.headers["Content-Type"] == "application/problem+json"
        assert response.get_json()["errors"], body
    removing = client.delete("/api/v1/calendar/holidays/2026-13-01", headers=admin)
    assert removing.status_code == 422
    assert removing.get_json()["errors"][0]["code"] == "deadlines.bad_date"
    for year in ("1999", "abc"):
        listing = client.get(f"/api/v1/calendar/holidays?year={year}")
        assert listing.status_code == 422
        assert listing.headers["Content-Type"] == "application/problem+json"
