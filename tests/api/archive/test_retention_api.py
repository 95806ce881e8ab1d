"""The retention API: series (archivists write, others read), holds, date corrections
and the calendar, each refused with a problem+json and a stable code when it must be,
changing nothing then."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from tests.archive.test_retention import add_series, archived

Headers = Callable[[str], dict[str, str]]
SERIES = {"code": "T-API", "title": {"en": "API series"}, "procedure_code": "test-proc",
          "retention_years": 2, "trigger": "closure", "action": "destroy"}


def test_series_are_read_by_staff_and_written_by_archivists(
        client: FlaskClient, token_for: Headers, db: Session) -> None:
    created = client.post("/api/v1/archive/series", json=SERIES,
                          headers=token_for("archivist"))
    assert created.status_code == 201, created.get_json()
    assert created.get_json()["retention_years"] == 2
    listed = client.get("/api/v1/archive/series", headers=token_for("clerk"))
    assert "T-API" in {s["code"] for s in listed.get_json()["items"]}
    refused = client.post("/api/v1/archive/series", json={**SERIES, "code": "T-API2"},
                          headers=token_for("clerk"))
    assert refused.status_code == 403
    assert refused.get_json()["code"] == "archive.not_allowed"
    assert client.get("/api/v1/archive/series", headers=token_for("ana")).status_code == 403

    record = archived(db)
    changed = client.put("/api/v1/archive/series/T-API",
                         json={**SERIES, "retention_years": 7},
                         headers=token_for("archivist"))
    assert changed.status_code == 200, changed.get_json()
    db.expire_all()
    assert record.retention_until == date(2034, 1, 1)


def test_an_invalid_series_is_a_422_with_field_errors(
        client: FlaskClient, token_for: Headers) -> None:
    bad = client.post("/api/v1/archive/series", json={**SERIES, "retention_years": -3,
                                                      "action": "sample"},
                      headers=token_for("archivist"))
    assert bad.status_code == 422
    body = bad.get_json()
    assert body["code"] == "archive.invalid_series"
    assert {e["field"] for e in body["errors"]} == {"retention_years", "sample_percent"}
    listed = client.get("/api/v1/archive/series", headers=token_for("archivist"))
    assert "T-API" not in {s["code"] for s in listed.get_json()["items"]}
    missing = client.put("/api/v1/archive/series/NOPE", json=SERIES,
                         headers=token_for("archivist"))
    assert missing.status_code == 404


def test_holds_through_the_api(client: FlaskClient, token_for: Headers, db: Session) -> None:
    record = archived(db)
    url = f"/api/v1/archive/records/{record.file_number}/holds"
    assert client.post(url, json={}, headers=token_for("archivist")).get_json()["code"] \
        == "archive.reason_required"
    assert client.post(url, json={"reason": "x"}, headers=token_for("clerk")).status_code \
        == 403
    assert client.post(url, json={"reason": "x"}, headers=token_for("clerk3")).status_code \
        == 404
    placed = client.post(url, json={"reason": "Court case"}, headers=token_for("archivist"))
    assert placed.status_code == 201, placed.get_json()
    lift = f"/api/v1/archive/holds/{placed.get_json()['id']}/lift"
    assert client.post(lift, json={"reason": "x"}, headers=token_for("clerk3")).status_code \
        == 404
    lifted = client.post(lift, json={"reason": "Closed"}, headers=token_for("archivist"))
    assert lifted.status_code == 200 and lifted.get_json()["lifted_by"] == "archivist"
    again = client.post(lift, json={"reason": "Closed"}, headers=token_for("archivist"))
    assert again.status_code == 409 and again.get_json()["code"] == "archive.hold_lifted"


def test_correcting_dates_through_the_api(
        client: FlaskClient, token_for: Headers, db: Session) -> None:
    add_series(db, "T-RES", procedure="test-proc", years=6, trigger="resolution")
    record = archived(db)
    url = f"/api/v1/archive/records/{record.file_number}/metadata"
    bad = client.patch(url, json={"resolution_date": "31/12/2026"},
                       headers=token_for("archivist"))
    assert bad.status_code == 422 and bad.get_json()["code"] == "archive.invalid_metadata"
    assert bad.get_json()["errors"][0]["field"] == "resolution_date"
    assert client.patch(url, json={"resolution_date": "2026-02-01"},
                        headers=token_for("clerk")).status_code == 403
    done = client.patch(url, json={"resolution_date": "2026-02-01"},
                        headers=token_for("archivist"))
    assert done.status_code == 200, done.get_json()
    assert done.get_json()["retention_until"] == "2032-02-01"


def test_the_calendar_is_trimmed_to_what_each_user_sees(
        client: FlaskClient, token_for: Headers, db: Session) -> None:
    add_series(db, "T-SOON", procedure="test-proc", years=0)
    urb = archived(db)  # ends 2027-01-01, in URB
    odp = archived(db, unit="ODP")

    def numbers(login: str) -> set[str]:
        answer = client.get("/api/v1/archive/calendar", headers=token_for(login))
        assert answer.status_code == 200, answer.get_json()
        body = answer.get_json()
        return {e["file_number"] for e in body["due"]} | {
            e["file_number"] for month in body["months"] for e in month["items"]}

    assert {urb.file_number, odp.file_number} <= numbers("archivist")
    assert urb.file_number in numbers("clerk") and odp.file_number not in numbers("clerk")
    assert odp.file_number in numbers("clerk3") and urb.file_number not in numbers("clerk3")
    assert client.get("/api/v1/archive/calendar", headers=token_for("ana")).status_code == 403


def test_a_date_out_of_the_calendar_is_a_422_and_changes_nothing(
        client: FlaskClient, token_for: Headers, db: Session) -> None:
    add_series(db, "T-RES", procedure="test-proc", years=6, trigger="resolution")
    record = archived(db, resolution=date(2026, 3, 15))
    url = f"/api/v1/archive/records/{record.file_number}/metadata"
    for value in ("9999-12-31", "0202-03-01"):
        bad = client.patch(url, json={"resolution_date": value},
                           headers=token_for("archivist"))
        assert bad.status_code == 422, bad.get_json()
        body = bad.get_json()
        assert body["code"] == "archive.invalid_metadata"
        assert [(e["field"], e["code"]) for e in body["errors"]] == [
            ("resolution_date", "archive.invalid_date")]
        db.expire_all()
        assert record.resolution_date == date(2026, 3, 15)
        assert record.retention_until == date(2032, 3, 15)
