"""Registry staff see their office's entries, distribute them and read the book; the
destination unit accepts or returns what reached it; nobody else sees an entry."""

from __future__ import annotations

from collections.abc import Callable

from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from eoffice import registry
from eoffice.registry import Channel, EntryState, NewEntry, Party

Headers = Callable[[str], dict[str, str]]


def registered(db: Session, destination: str = "REG") -> str:
    entry = registry.register_entry(db, NewEntry(
        register="RGE", channel=Channel.IN_PERSON, subject="Complaint about a bar",
        destination_unit=destination, parties=[Party("Bernat Soler Ferrer", "nif",
                                                     "87654321X")]), actor="registrar")
    db.flush()
    return entry.id


def test_the_office_distributes_and_the_unit_returns_with_a_reason(
    client: FlaskClient, db: Session, token_for: Headers,
) -> None:
    entry = registered(db)
    path = f"/api/v1/registry/entries/{entry}"
    registrar, clerk = token_for("registrar"), token_for("clerk")
    assert client.get(path, headers=clerk).status_code == 404  # not for URB yet
    listed = client.get("/api/v1/registry/entries", headers=registrar).get_json()
    assert entry in [item["id"] for item in listed["items"]]

    sent = client.post(f"{path}/moves", json={"to": "distributed", "unit": "URB"},
                       headers=registrar)
    assert sent.status_code == 200 and sent.get_json()["destination_unit"] == "URB"
    assert client.get(path, headers=clerk).status_code == 200  # now it reached URB
    assert client.post(f"{path}/moves", json={"to": "cancelled", "reason": "x"},
                       headers=clerk).status_code == 409  # only the office cancels

    no_reason = client.post(f"{path}/moves", json={"to": "returned"}, headers=clerk)
    assert no_reason.status_code == 422
    assert no_reason.get_json()["code"] == "registry.reason_required"
    back = client.post(f"{path}/moves", json={"to": "returned",
                                              "reason": "Belongs to Finance"}, headers=clerk)
    body = back.get_json()
    assert body["state"] == EntryState.RETURNED.value
    assert [m["to_state"] for m in body["moves"]] == ["registered", "distributed", "returned"]
    assert body["moves"][-1]["reason"] == "Belongs to Finance"


def test_other_units_and_citizens_do_not_see_entries(
    client: FlaskClient, db: Session, token_for: Headers,
) -> None:
    entry = registered(db, destination="URB")
    path = f"/api/v1/registry/entries/{entry}"
    assert client.get(path, headers=token_for("clerk")).status_code == 200
    assert client.get(path, headers=token_for("clerk2")).status_code == 404
    assert client.get(path, headers=token_for("ana")).status_code == 403
    moved = client.post(f"{path}/moves", json={"to": "accepted"}, headers=token_for("clerk2"))
    assert moved.status_code == 404


def test_the_book_is_csv_for_the_office_only(
    client: FlaskClient, db: Session, token_for: Headers,
) -> None:
    registered(db)
    book = client.get("/api/v1/registry/book?register=RGE", headers=token_for("registrar"))
    assert book.status_code == 200 and book.mimetype == "text/csv"
    assert "Complaint about a bar" in book.get_data(as_text=True)
    refused = client.get("/api/v1/registry/book?register=RGE", headers=token_for("clerk"))
    assert refused.status_code == 404
    stats = client.get("/api/v1/registry/statistics", headers=token_for("registrar")).get_json()
    assert stats["by_channel"].get("in_person", 0) >= 1


def test_absurd_periods_and_unknown_units_are_refused_not_crashed(
    client: FlaskClient, db: Session, token_for: Headers,
) -> None:
    registrar = token_for("registrar")
    for query in ("from=9999-12-31", "from=0001-01-01&to=9999-12-31",
                  "from=2026-05-02&to=2026-05-01"):
        answer = client.get(f"/api/v1/registry/entries?{query}", headers=registrar)
        assert answer.status_code == 422, query
    book = client.get("/api/v1/registry/book?register=RGE&from=2026-01-01&to=9999-12-31",
                      headers=registrar)
    assert book.status_code == 422
    entry = registered(db)
    moved = client.post(f"/api/v1/registry/entries/{entry}/moves",
                        json={"to": "distributed", "unit": "NOPE"}, headers=registrar)
    assert moved.status_code == 422 and moved.get_json()["errors"][0]["field"] == "unit"
    assert client.get(f"/api/v1/registry/entries/{entry}",
                      headers=registrar).get_json()["state"] == "registered"
