"""The notifications API and pages through HTTP: my notifications with days left, the
content only after access, problem+json 404 for another person's notification and 409
for a second access or a reject after expiry (state unchanged); the citizen's pages with
the buttons of legal effect; the back-office page of a file's notifications."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime, time, timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice import identity, notifications, representation
from eoffice.identity.models import Person
from eoffice.shared.clock import frozen_at, utcnow
from eoffice.shared.localtime import city_timezone, local_date
from tests.conftest import csrf_from, sign_in
from tests.integration.notifications.test_notification_life_cycle import (
    START,
    notify_of,
    resolution_file,
)

Headers = Callable[[str], dict[str, str]]


def noon_of_day(n: int) -> datetime:
    """12:00 in the city on the ``n``-th day after the notification was made available."""
    day = local_date(START) + timedelta(days=n)
    return datetime.combine(day, time(12), tzinfo=city_timezone())


@pytest.fixture
def made(app: Flask, db: Session) -> Iterator[tuple[str, str, str]]:
    """A notification to ana of a resolution: (notification id, file number, doc id)."""
    with app.app_context():
        number, resolution = resolution_file(db)
        view = notify_of(db, number, resolution)
    db.flush()
    yield view.id, number, resolution


def test_my_notifications_list_days_left_and_no_content_before_access(
    client: FlaskClient, token_for: Headers, made: tuple[str, str, str],
) -> None:
    notification_id, number, resolution = made
    with frozen_at(noon_of_day(3)):
        listed = client.get("/api/v1/notifications", headers=token_for("ana")).get_json()
    item = next(i for i in listed["items"] if i["id"] == notification_id)
    assert item["status"] == "available" and item["file_number"] == number
    # Day 3 and the days up to the tenth (ADR 0049: it can be accessed until its end).
    assert item["days_left"] == 8 and item["exit_number"].startswith("S/")
    assert item["document"] is None and item["for_party"] is False
    content = client.get(f"/api/v1/documents/{resolution}/content", headers=token_for("ana"))
    assert content.status_code == 404


def test_access_returns_the_document_and_a_second_access_is_refused(
    client: FlaskClient, token_for: Headers, made: tuple[str, str, str],
) -> None:
    notification_id, _, resolution = made
    with frozen_at(START + timedelta(days=3)):
        ana = token_for("ana")  # tokens last a day
        accessed = client.post(f"/api/v1/notifications/{notification_id}/access", headers=ana)
        assert accessed.status_code == 200
        body = accessed.get_json()
        assert body["status"] == "accessed" and body["document"]["id"] == resolution
        assert "accessed" in [e["kind"] for e in body["events"]]
        again = client.post(f"/api/v1/notifications/{notification_id}/access", headers=ana)
        refused = client.post(f"/api/v1/notifications/{notification_id}/reject", headers=ana)
        pdf = client.get(body["document"]["content_url"], headers=ana)
    assert again.status_code == 409
    assert again.content_type == "application/problem+json"
    assert again.get_json()["code"] == "notifications.already_accessed"
    assert refused.get_json()["code"] == "notifications.already_accessed"
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")


def test_a_reject_after_expiry_is_refused_and_changes_nothing(
    client: FlaskClient, token_for: Headers, made: tuple[str, str, str],
) -> None:
    notification_id, _, _ = made
    with frozen_at(START + timedelta(days=12)):
        ana = token_for("ana")
        refused = client.post(f"/api/v1/notifications/{notification_id}/rejection",
                              headers=ana)
        after = client.get(f"/api/v1/notifications/{notification_id}", headers=ana)
    assert refused.status_code == 409
    assert refused.get_json()["code"] == "notifications.expired"
    assert after.get_json()["rejected_at"] is None


def test_another_persons_notification_is_not_found(
    client: FlaskClient, token_for: Headers, made: tuple[str, str, str],
) -> None:
    notification_id, _, _ = made
    bernat = token_for("bernat")
    for answer in (client.get(f"/api/v1/notifications/{notification_id}", headers=bernat),
                   client.post(f"/api/v1/notifications/{notification_id}/access",
                               headers=bernat)):
        assert answer.status_code == 404
        assert answer.get_json()["code"] == "notifications.unknown_notification"
    assert client.get("/api/v1/notifications?kind=letter",
                      headers=bernat).status_code == 422
    ana = client.get(f"/api/v1/notifications/{notification_id}", headers=token_for("ana"))
    assert ana.get_json()["status"] == "available"


def test_the_citizen_page_warns_of_legal_effect_then_shows_the_document(
    client: FlaskClient, made: tuple[str, str, str],
) -> None:
    notification_id, number, _ = made
    with frozen_at(noon_of_day(1)):
        sign_in(client, "ana")  # a web session lasts hours
        listing = client.get("/notifications").get_data(as_text=True)
        assert "10 days left" in listing and number in listing
        page = client.get(f"/notifications/{notification_id}").get_data(as_text=True)
        assert 'data-testid="legal-warning"' in page and 'data-testid="document"' not in page
        done = client.post(f"/notifications/{notification_id}/access",
                           data={"csrf_token": csrf_from(page)}, follow_redirects=True)
    opened = done.get_data(as_text=True)
    assert 'data-testid="document"' in opened and 'data-testid="access"' not in opened
    assert notifications.NotificationState.ACCESSED.value in opened or "Accessed" in opened


def test_the_back_office_lists_a_files_notifications_only_to_its_units_staff(
    client: FlaskClient, made: tuple[str, str, str],
) -> None:
    notification_id, number, _ = made
    sign_in(client, "clerk")
    page = client.get(f"/backoffice/notifications?file={number}")
    assert page.status_code == 200
    assert f'data-testid="notification-{notification_id}"' in page.get_data(as_text=True)
    client.post("/sign-out", data={"csrf_token": csrf_from(page.get_data(as_text=True))})
    sign_in(client, "clerk3")
    assert client.get(f"/backoffice/notifications?file={number}").status_code == 404


def test_a_representative_sees_the_notification_marked_for_the_party(
    client: FlaskClient, db: Session, token_for: Headers, made: tuple[str, str, str],
) -> None:
    notification_id, _, _ = made
    ana = identity.load_principal(db, identity.get_account(db, "ana"),
                                  authenticated_by="session")
    representation.grant_power(db, representation.NewPower(
        representative_id_number="87654321X", representative_name="Bernat Soler Ferrer"),
        principal=ana)
    db.flush()
    listed = client.get("/api/v1/notifications", headers=token_for("bernat")).get_json()
    item = next(i for i in listed["items"] if i["id"] == notification_id)
    assert item["for_party"] is True and item["addressee_name"] == "Ana García Puig"
    sign_in(client, "bernat")
    page = client.get("/notifications").get_data(as_text=True)
    assert "for Ana García Puig" in page


def test_a_clerk_records_the_postal_outcome_and_a_day_to_come_is_refused(
    app: Flask, client: FlaskClient, db: Session,
) -> None:
    person = db.scalar(select(Person).where(Person.id_number == "12345678Z"))
    assert person is not None
    person.notification_channel = "postal"
    with app.app_context():
        number, resolution = resolution_file(db)
        view = notify_of(db, number, resolution)
    db.flush()
    sign_in(client, "clerk")
    page = client.get(f"/backoffice/notifications?file={number}").get_data(as_text=True)
    assert 'data-testid="postal-outcome"' in page
    url = f"/backoffice/notifications/{view.id}/postal-outcome"
    tomorrow = (local_date(utcnow()) + timedelta(days=1)).isoformat()
    refused = client.post(url, data={"csrf_token": csrf_from(page), "outcome": "delivered",
                                     "day": tomorrow}, follow_redirects=True)
    assert "Choose delivered or failed" in refused.get_data(as_text=True)
    assert notifications.notifications_of_file(db, number)[0].state == "postal_pending"
    done = client.post(url, data={"csrf_token": csrf_from(page), "outcome": "failed",
                                  "day": local_date(utcnow()).isoformat()},
                       follow_redirects=True)
    assert "The postal outcome is recorded." in done.get_data(as_text=True)
    assert notifications.notifications_of_file(db, number)[0].state == "failed"
