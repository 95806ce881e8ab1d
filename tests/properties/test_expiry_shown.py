"""What the addressee and the file's clerk read about the expiry of a notification made
available around the changes of summer time and the year's turn (ADR 0049): the days
left on the city's calendar (today included) and the last day on which it can be
accessed; at the last second of that day the buttons are still there, at 00:00 of the
next day they are gone and accessing is refused (the content stays closed)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from eoffice.shared.clock import frozen_at
from tests.conftest import csrf_from, sign_in
from tests.integration.notifications.test_notification_life_cycle import resolution_file
from tests.properties.test_notification_expiry import notify_at

CASES = [
    # made available (UTC), what it is in Valencia, the last day shown, deemed rejected (UTC)
    pytest.param(datetime(2026, 3, 28, 22, 30, tzinfo=UTC), "April 7, 2026",
                 datetime(2026, 4, 7, 22, 0, tzinfo=UTC),
                 id="23:30 CET the night before summer time: ends 00:00 CEST"),
    pytest.param(datetime(2026, 3, 29, 0, 59, tzinfo=UTC), "April 8, 2026",
                 datetime(2026, 4, 8, 22, 0, tzinfo=UTC),
                 id="01:59 CET on the day of the change to summer time"),
    pytest.param(datetime(2026, 10, 15, 10, 0, tzinfo=UTC), "October 25, 2026",
                 datetime(2026, 10, 25, 23, 0, tzinfo=UTC),
                 id="12:00 CEST: the last day has 25 hours, ends 00:00 CET"),
    pytest.param(datetime(2026, 10, 25, 0, 30, tzinfo=UTC), "November 4, 2026",
                 datetime(2026, 11, 4, 23, 0, tzinfo=UTC),
                 id="02:30 CEST before the clocks go back"),
    pytest.param(datetime(2026, 12, 31, 22, 59, 59, tzinfo=UTC), "January 10, 2027",
                 datetime(2027, 1, 10, 23, 0, tzinfo=UTC),
                 id="23:59:59 on 31 December in Valencia"),
    pytest.param(datetime(2026, 12, 31, 23, 30, tzinfo=UTC), "January 11, 2027",
                 datetime(2027, 1, 11, 23, 0, tzinfo=UTC),
                 id="23:30 UTC on 31 December is 1 January in Valencia"),
]


@pytest.mark.parametrize(("available", "last_day", "deemed"), CASES)
def test_the_citizen_and_the_clerk_read_the_last_day_on_the_citys_calendar(
        app: Flask, db: Session, available: datetime, last_day: str,
        deemed: datetime) -> None:
    with app.app_context():
        number, document_id = resolution_file(db)
        made = notify_at(db, available, number, document_id)
    db.flush()
    assert made.expires_at == deemed
    detail = f"/notifications/{made.id}"

    with signed_in_at(app, "ana", available) as ana:
        page = ana.get(detail).get_data(as_text=True)
    assert "11 days left" in page and f"until the end of {last_day}" in page
    with signed_in_at(app, "clerk", deemed - timedelta(hours=12)) as clerk:  # last day
        listing = clerk.get(f"/backoffice/notifications?file={number}").get_data(as_text=True)
    assert "1 day left" in listing and f"until the end of {last_day}" in listing

    with signed_in_at(app, "ana", deemed - timedelta(seconds=1)) as ana:
        page = ana.get(detail).get_data(as_text=True)
    assert "1 day left" in page and 'data-testid="access"' in page

    with signed_in_at(app, "ana", deemed) as ana:
        page = ana.get(detail).get_data(as_text=True)
        refused = ana.post(f"{detail}/access", data={"csrf_token": csrf_from(page)},
                           follow_redirects=True).get_data(as_text=True)
    assert "0 days left" in page and 'data-testid="access"' not in page
    assert "This notification expired: it is deemed rejected" in refused
    assert 'data-testid="document"' not in refused


@contextmanager
def signed_in_at(app: Flask, login: str, moment: datetime) -> Iterator[FlaskClient]:
    """A browser of ``login``, signed in at ``moment``, with the clock frozen there."""
    with frozen_at(moment):
        client = app.test_client()
        sign_in(client, login)
        yield client
