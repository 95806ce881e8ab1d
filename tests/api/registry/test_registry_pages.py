"""The registry pages: the office's clerk sees the entry, distributes it; the unit's
clerk returns it with a reason; a clerk of another unit is told it does not exist."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from eoffice import registry
from eoffice.registry import Channel, NewEntry, Party
from tests.conftest import csrf_from, sign_in


def registered(db: Session) -> tuple[str, str]:
    entry = registry.register_entry(db, NewEntry(
        register="RGE", channel=Channel.IN_PERSON, subject="Request for a bench",
        destination_unit="REG", parties=[Party("Bernat Soler Ferrer", "nif", "87654321X")]),
        actor="registrar")
    db.flush()
    return entry.id, entry.number


def test_an_entry_goes_from_the_office_to_the_unit_and_back(
    app: Flask, client: FlaskClient, db: Session,
) -> None:
    entry, number = registered(db)
    sign_in(client, "registrar")
    listing = client.get("/backoffice/registry?lang=en").get_data(as_text=True)
    assert number in listing and 'data-testid="book-RGE"' in listing
    page = client.get(f"/backoffice/registry/{entry}?lang=en").get_data(as_text=True)
    assert "Bernat Soler Ferrer (87654321X)" in page
    assert 'data-testid="move-distributed"' in page and 'data-testid="move-accepted"' not in page
    token = csrf_from(page)
    client.post(f"/backoffice/registry/{entry}/moves",
                data={"csrf_token": token, "to": "distributed", "unit": "URB"})

    clerk = app.test_client()
    sign_in(clerk, "clerk")
    seen = clerk.get(f"/backoffice/registry/{entry}?lang=en").get_data(as_text=True)
    assert 'data-testid="move-returned"' in seen and 'data-testid="move-cancelled"' not in seen
    clerk.post(f"/backoffice/registry/{entry}/moves",
               data={"csrf_token": csrf_from(seen), "to": "returned",
                     "reason": "Parks handle benches"})
    after = clerk.get(f"/backoffice/registry/{entry}?lang=en").get_data(as_text=True)
    assert "Returned by the unit" in after and "Parks handle benches" in after

    other = app.test_client()
    sign_in(other, "clerk2")
    assert other.get(f"/backoffice/registry/{entry}").status_code == 404
    refused = other.post(f"/backoffice/registry/{entry}/moves",
                         data={"csrf_token": csrf_from(other.get("/backoffice").get_data(
                             as_text=True)), "to": "accepted"})
    assert refused.status_code == 404
