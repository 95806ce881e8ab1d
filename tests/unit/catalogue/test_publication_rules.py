"""Which version of a procedure the public sees at an instant, and when that changes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eoffice.catalogue.errors import InvalidPublicationPeriod, PastPublicationDate
from eoffice.catalogue.rules import (
    Window,
    current_window,
    next_change,
    publication_period,
    unpublication_instant,
    window_state,
)

T0 = datetime(2030, 3, 1, 9, 0, tzinfo=UTC)
DAY = timedelta(days=1)


def test_a_version_scheduled_for_later_is_not_visible_before_its_date() -> None:
    windows = [Window(1, T0 + DAY)]
    assert current_window(windows, T0) is None
    assert current_window(windows, T0 + DAY) == windows[0]


def test_the_newest_started_version_replaces_the_older_one() -> None:
    old, new = Window(1, T0), Window(2, T0 + DAY)
    assert current_window([old, new], T0 + DAY / 2) == old
    assert current_window([old, new], T0 + 2 * DAY) == new


def test_a_version_scheduled_after_a_newer_publication_never_shows() -> None:
    scheduled, published_now = Window(2, T0 + 10 * DAY), Window(3, T0)
    windows = [Window(1, T0 - DAY), scheduled, published_now]
    assert current_window(windows, T0 + 20 * DAY) == published_now
    assert window_state(scheduled, windows, T0) == "superseded"


def test_a_procedure_past_its_end_date_is_invisible_and_older_versions_do_not_come_back() -> None:
    windows = [Window(1, T0 - 10 * DAY), Window(2, T0 - DAY, T0 + DAY)]
    assert current_window(windows, T0) == windows[1]
    assert current_window(windows, T0 + DAY) is None
    assert window_state(windows[1], windows, T0 + DAY) == "ended"


def test_the_next_change_is_the_earliest_future_start_or_end() -> None:
    windows = [Window(1, T0 - DAY, T0 + 5 * DAY), Window(2, T0 + 3 * DAY)]
    assert next_change(windows, T0) == T0 + 3 * DAY
    assert next_change(windows, T0 + 3 * DAY) == T0 + 5 * DAY
    assert next_change(windows, T0 + 5 * DAY) is None


def test_history_says_what_each_version_is_now() -> None:
    windows = [Window(1, T0 - 5 * DAY), Window(2, T0 - DAY), Window(3, T0 + DAY),
               Window(4, T0 + 2 * DAY, T0 + DAY)]
    assert [window_state(w, windows, T0) for w in windows] == [
        "superseded", "current", "scheduled", "withdrawn"]


windows_strategy = st.lists(
    st.builds(
        lambda number, start, length: Window(
            number, T0 + timedelta(hours=start),
            None if length is None else T0 + timedelta(hours=start + length)),
        st.integers(1, 20), st.integers(-100, 100), st.none() | st.integers(0, 100),
    ),
    max_size=6, unique_by=lambda w: w.number,
)


@given(windows_strategy, st.integers(-150, 250))
def test_the_visible_version_is_the_newest_started_one_and_is_within_its_dates(
    windows: list[Window], hours: int
) -> None:
    at = T0 + timedelta(hours=hours)
    current = current_window(windows, at)
    started = [w for w in windows if w.published_from <= at]
    if current is None:
        newest = max(started, key=lambda w: w.number, default=None)
        assert newest is None or (newest.published_until is not None
                                  and newest.published_until <= at)
    else:
        assert current.published_from <= at
        assert current.published_until is None or at < current.published_until
        assert all(w.number <= current.number for w in started)
        assert window_state(current, windows, at) == "current"


@given(windows_strategy, st.integers(-150, 250))
def test_visibility_never_changes_before_the_announced_next_change(
    windows: list[Window], hours: int
) -> None:
    at = T0 + timedelta(hours=hours)
    change = next_change(windows, at)
    just_before = (change - timedelta(seconds=1)) if change else at + timedelta(days=400)
    assert current_window(windows, just_before) == current_window(windows, at)


def test_publishing_without_a_date_starts_now() -> None:
    assert publication_period(T0, None, None) == (T0, None)


def test_a_start_sent_as_now_a_few_seconds_late_is_still_accepted_as_now() -> None:
    assert publication_period(T0, T0 - timedelta(seconds=5), None) == (T0, None)


def test_a_publication_date_in_the_past_is_refused_naming_the_field() -> None:
    with pytest.raises(PastPublicationDate) as refused:
        publication_period(T0, T0 - DAY, None)
    assert [e.field for e in refused.value.errors] == ["published_from"]


def test_an_end_before_the_start_is_refused_naming_the_end() -> None:
    with pytest.raises(InvalidPublicationPeriod) as refused:
        publication_period(T0, T0 + 2 * DAY, T0 + DAY)
    assert [e.field for e in refused.value.errors] == ["published_until"]


def test_an_unpublication_in_the_past_is_refused_and_none_means_now() -> None:
    assert unpublication_instant(T0, None) == T0
    with pytest.raises(PastPublicationDate) as refused:
        unpublication_instant(T0, T0 - DAY)
    assert refused.value.errors[0].field == "published_until"
