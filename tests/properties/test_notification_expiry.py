"""Law 39/2015 art. 43.2 as a property (ADR 0049): a notification made available at any
instant of a year is deemed rejected at 00:00, on the official clock, of the day after the
tenth calendar day that follows the day it was made available, whatever summer time does
in between and across the year's turn. Until then its addressee can access it (the last
microsecond of the tenth day included), the days left she reads count down to 1 on that
last day, and the worker's expiry records that very moment, stored in UTC."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, available_timezones

import pytest
from flask import Flask
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy.orm import Session

from eoffice import identity, notifications
from eoffice.identity import Principal
from eoffice.notifications import NewNotification, NotificationState
from eoffice.notifications.domain import expiry_of
from eoffice.notifications.services.life_cycle import expire_due
from eoffice.shared.clock import frozen_at
from tests.conftest import rolled_back
from tests.integration.notifications.test_notification_life_cycle import ANA, resolution_file
from tests.properties.strategies import (
    DATABASE_PROPERTY,
    MADRID,
    instants_of,
    local_midnight,
    undone,
)

YEARS = range(2025, 2031)
LAST_MOMENT = timedelta(microseconds=1)
#: Zones the official time zone setting may name; a few skip their midnight at the change
#: of time (Santiago, Asunción, Beirut, Havana), where the day starts at 01:00.
ZONES = sorted(z for z in available_timezones()
               if "/" in z and not z.startswith(("Etc/", "SystemV/", "posix/", "right/")))


def local_day(moment: datetime, zone: ZoneInfo = MADRID) -> date:
    return moment.astimezone(zone).date()


@settings(max_examples=400, deadline=None, database=None)
@given(available=instants_of(YEARS), days=st.integers(1, 90))
def test_the_expiry_is_local_midnight_after_the_last_calendar_day(
        available: datetime, days: int) -> None:
    deemed = expiry_of(available, days, MADRID)
    assert deemed.tzinfo is UTC
    assert deemed.astimezone(MADRID).time() == time(0)
    assert local_day(deemed) == local_day(available) + timedelta(days=days + 1)
    # The whole last day is inside: on the city's clock more than ``days`` days and at
    # most ``days + 1`` pass, whatever the hours summer time adds or takes in UTC.
    wall = (deemed.astimezone(MADRID).replace(tzinfo=None)
            - available.astimezone(MADRID).replace(tzinfo=None))
    assert timedelta(days=days) < wall <= timedelta(days=days + 1)
    assert abs((deemed - available) - wall) <= timedelta(hours=1)


@settings(max_examples=300, deadline=None, database=None)
@given(zone=st.sampled_from(ZONES).map(ZoneInfo),
       available=st.datetimes(min_value=datetime(2016, 1, 1),
                              max_value=datetime(2037, 12, 31), timezones=st.just(UTC)))
def test_in_any_official_zone_the_expiry_is_the_first_instant_of_the_eleventh_day(
        zone: ZoneInfo, available: datetime) -> None:
    deemed = expiry_of(available, 10, zone)
    eleventh = local_day(available, zone) + timedelta(days=11)
    assert local_day(deemed, zone) == eleventh
    assert local_day(deemed - LAST_MOMENT, zone) == eleventh - timedelta(days=1)


def ana_of(db: Session) -> Principal:
    return identity.load_principal(db, identity.get_account(db, "ana"),
                                   authenticated_by="session")


def notify_at(db: Session, moment: datetime, number: str, document_id: str
              ) -> notifications.NotificationView:
    with frozen_at(moment):
        return notifications.notify(db, NewNotification(
            file_number=number, document_id=document_id, addressee_id_number=ANA[0],
            addressee_name=ANA[1], subject="Resolution of your terrace licence",
            sending_unit="URB", procedure="general-application"), actor="clerk")


def seen_at(db: Session, moment: datetime, notification_id: str
            ) -> notifications.NotificationView:
    with frozen_at(moment):
        return notifications.get_notification_for(db, notification_id, ana_of(db))


def check_life_cycle(db: Session, available: datetime, number: str, document_id: str
                     ) -> None:
    """One example: made available at ``available``, then the last moment and expiry."""
    made = notify_at(db, available, number, document_id)
    tenth = local_day(available) + timedelta(days=10)
    assert made.expires_at == local_midnight(tenth + timedelta(days=1))
    assert made.last_day == tenth and made.days_left == 11
    last = made.expires_at - LAST_MOMENT
    assert seen_at(db, last, made.id).days_left == 1

    with undone(db), frozen_at(last):
        accessed = notifications.access_notification(db, made.id, ana_of(db))
        assert accessed.state == NotificationState.ACCESSED and accessed.accessed_at == last
    expire_due(db, last)
    assert seen_at(db, last, made.id).state == NotificationState.AVAILABLE

    late = seen_at(db, made.expires_at, made.id)
    assert late.days_left == 0
    for act in (notifications.access_notification, notifications.reject_notification):
        with frozen_at(made.expires_at), pytest.raises(notifications.NotificationExpired):
            act(db, made.id, ana_of(db))
    expire_due(db, made.expires_at)
    db.expire_all()  # read back what was stored (UTC)
    expired = seen_at(db, made.expires_at + timedelta(days=1), made.id)
    assert expired.state == NotificationState.EXPIRED and expired.expires_at == made.expires_at
    assert expired.expired_at == made.expires_at and expired.accessed_at is None


def test_any_notification_of_a_year_can_be_accessed_until_the_end_of_the_tenth_day_only(
        app: Flask) -> None:
    with app.app_context(), rolled_back(app) as db:
        number, document_id = resolution_file(db)

        @DATABASE_PROPERTY
        @given(available=instants_of(YEARS))
        def example(available: datetime) -> None:
            with undone(db):
                check_life_cycle(db, available, number, document_id)

        example()
