"""Pure rules of the edict board: where an edict stands at a moment, when personal data
are shown, the checks of texts and periods, and the fingerprint of the text."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from eoffice.notifications.edicts.domain import (
    EdictState,
    format_number,
    period_problems,
    shows_personal_data,
    state_at,
    text_fingerprint,
    text_problems,
)

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
END = T0 + timedelta(days=10)


@pytest.mark.parametrize(("now", "withdrawn", "state"), [
    (T0 - timedelta(seconds=1), None, EdictState.SCHEDULED),
    (T0, None, EdictState.ON_DISPLAY),
    (END - timedelta(seconds=1), None, EdictState.ON_DISPLAY),
    (END, None, EdictState.ENDED),
    (T0 + timedelta(days=1), T0 + timedelta(hours=1), EdictState.WITHDRAWN),
])
def test_the_state_of_an_edict_follows_its_dates(now: datetime, withdrawn: datetime | None,
                                                 state: EdictState) -> None:
    assert state_at(publish_from=T0, publish_until=END, withdrawn_at=withdrawn,
                    now=now) == state


def test_personal_data_are_shown_only_until_the_period_ends_or_the_withdrawal() -> None:
    assert [s for s in EdictState if shows_personal_data(s)] == [
        EdictState.SCHEDULED, EdictState.ON_DISPLAY]


def test_texts_are_required_in_the_three_languages_but_personal_data_may_be_absent() -> None:
    fields = [p.field for p in text_problems("titles", {"es": "Aviso"}, required=True,
                                             max_length=10)]
    assert fields == ["titles.en", "titles.ca"]
    assert text_problems("personal_data", None, required=False, max_length=10) == []
    assert [p.code for p in text_problems("titles", {"en": "x" * 11, "es": "x", "ca": "x"},
                                          required=True, max_length=10)] == ["too_long"]


@pytest.mark.parametrize(("start", "end", "code"), [
    (T0, T0, "before_start"),
    (T0, T0 + timedelta(days=184), "too_long"),
    (T0 - timedelta(hours=1), END, "in_the_past"),
])
def test_bad_periods_are_named(start: datetime, end: datetime, code: str) -> None:
    assert code in [p.code for p in period_problems(start, end, now=T0)]


def test_a_good_period_has_no_problem() -> None:
    assert period_problems(T0, T0 + timedelta(days=183), now=T0) == []


def test_the_fingerprint_changes_with_any_text_personal_data_included() -> None:
    texts = {"en": "a", "es": "b", "ca": "c"}
    base = text_fingerprint(texts, texts, None)
    assert base == text_fingerprint(dict(reversed(texts.items())), texts, None)
    assert base != text_fingerprint(texts, texts, {"en": "x", "es": "x", "ca": "x"})
    assert format_number(2026, 42) == "ED-2026-000042"
