"""The administrators' calendar page: the holidays of a year, adding and removing local
ones; nobody else may see it."""

from __future__ import annotations

from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from eoffice import deadlines
from tests.conftest import csrf_from, sign_in


def page(client: FlaskClient, path: str = "/admin/calendar?year=2026&lang=en") -> str:
    response = client.get(path)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_an_administrator_sees_the_holidays_of_a_year(client: FlaskClient) -> None:
    sign_in(client, "admin")
    html = page(client)
    assert 'data-testid="holiday-2026-03-19"' in html
    assert "Saint Joseph" in html or "Saint Joseph&#39;s Day" in html
    assert 'data-testid="remove-2026-01-22"' in html
    assert 'data-testid="remove-2026-03-19"' not in html


def test_an_administrator_adds_and_removes_a_local_holiday(client: FlaskClient,
                                                          db: Session) -> None:
    sign_in(client, "admin")
    token = csrf_from(page(client))
    added = client.post("/admin/calendar?lang=en", data={
        "csrf_token": token, "day": "2026-03-24", "name-es": "Fiesta", "name-ca": "Festa",
        "name-en": "Feast"})
    assert added.status_code == 302
    assert "Feast" in page(client)
    assert "2026-03-24" in {v.day.isoformat() for v in deadlines.list_holidays(db, 2026)}
    removed = client.post("/admin/calendar/2026-03-24/remove?lang=en",
                          data={"csrf_token": token})
    assert removed.status_code == 302
    assert "Feast" not in page(client)


def test_a_bad_date_or_missing_name_is_shown_on_the_page(client: FlaskClient) -> None:
    sign_in(client, "admin")
    token = csrf_from(page(client))
    response = client.post("/admin/calendar?lang=en", data={
        "csrf_token": token, "day": "2026-02-30", "name-es": "Fiesta"})
    assert response.status_code == 422
    assert 'data-testid="calendar-errors"' in response.get_data(as_text=True)
    response = client.post("/admin/calendar?lang=en", data={
        "csrf_token": token, "day": "2026-03-24", "name-es": "Fiesta"})
    assert response.status_code == 422
    assert "names.ca" in response.get_data(as_text=True)


def test_only_administrators_see_the_calendar_page(client: FlaskClient) -> None:
    sign_in(client, "clerk")
    assert client.get("/admin/calendar").status_code == 403


def test_a_year_that_is_not_plain_digits_shows_this_year(client: FlaskClient) -> None:
    sign_in(client, "admin")
    for year in ("²⁰²⁶", "2o26", "99999999999999999999"):
        assert 'data-testid="holiday-' in page(client, f"/admin/calendar?year={year}&lang=en")
