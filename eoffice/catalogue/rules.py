"""Pure rules of the catalogue: which version is current at an instant, when the
next change of visibility happens, what a definition lacks to be published, and
what a search matches. No session, no Flask, no I/O.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from eoffice.catalogue.domain import LANGUAGES, ProcedureDefinition, ProcedureKind, Texts
from eoffice.catalogue.errors import InvalidPublicationPeriod, PastPublicationDate
from eoffice.shared.errors import FieldError
from eoffice.shared.i18n import _

# A start sent as "now" by a client reaches us a little later: that much is still "now".
NOW_LEEWAY = timedelta(minutes=1)


@dataclass(frozen=True)
class Window:
    """When a published version is meant to be visible."""

    number: int
    published_from: datetime
    published_until: datetime | None = None


def current_window(windows: Iterable[Window], at: datetime) -> Window | None:
    """The version visible at ``at``: the highest-numbered one already started,
    unless its own end has passed (a newer publication always wins)."""
    started = [window for window in windows if window.published_from <= at]
    if not started:
        return None
    latest = max(started, key=lambda window: window.number)
    if latest.published_until is not None and latest.published_until <= at:
        return None
    return latest


def next_change(windows: Iterable[Window], after: datetime) -> datetime | None:
    """The first instant after ``after`` at which visibility may change."""
    instants = [
        instant
        for window in windows
        for instant in (window.published_from, window.published_until)
        if instant is not None and instant > after
    ]
    return min(instants, default=None)


def window_state(window: Window, windows: Sequence[Window], at: datetime) -> str:
    """``scheduled``, ``current``, ``ended``, or ``superseded`` and ``withdrawn``
    (both never visible again)."""
    if window.published_until is not None and window.published_until <= window.published_from:
        return "withdrawn"
    horizon = max(at, window.published_from)
    if any(o.number > window.number and o.published_from <= horizon for o in windows):
        return "superseded"
    if window.published_from > at:
        return "scheduled"
    if window.published_until is not None and window.published_until <= at:
        return "ended"
    return "current"


def publication_period(
    now: datetime, published_from: datetime | None, published_until: datetime | None
) -> tuple[datetime, datetime | None]:
    """The (start, end) of a publication asked for now; past dates are refused."""
    if published_from is not None and published_from < now - NOW_LEEWAY:
        raise PastPublicationDate(errors=[FieldError(
            "published_from", _("Give a date and time from now on."), "past_date")])
    start = max(published_from or now, now)
    if published_until is None:
        return start, None
    if published_until <= now:
        raise PastPublicationDate(errors=[FieldError(
            "published_until", _("Give a date and time from now on."), "past_date")])
    if published_until <= start:
        raise InvalidPublicationPeriod(errors=[FieldError(
            "published_until", _("Give a date after the start of publication."), "before_start")])
    return start, published_until


def unpublication_instant(now: datetime, published_until: datetime | None) -> datetime:
    """When an unpublication asked for now takes effect; a past instant is refused."""
    if published_until is None:
        return now
    if published_until < now - NOW_LEEWAY:
        raise PastPublicationDate(errors=[FieldError(
            "published_until", _("Give a date and time from now on."), "past_date")])
    return max(published_until, now)


def _translations(texts: Texts, path: str) -> list[FieldError]:
    return [
        FieldError(f"{path}.{language}", _("Give this text in every language."),
                   "missing_translation")
        for language in LANGUAGES
        if not (texts.get(language) or "").strip()
    ]


def _required(path: str) -> FieldError:
    return FieldError(path, _("This field is required."), "required")


def _duplicates(codes: Sequence[str], path: str) -> list[FieldError]:
    return [
        FieldError(f"{path}.{index}.code", _("This code is repeated."), "duplicate")
        for index, code in enumerate(codes)
        if code in codes[:index]
    ]


def _case_problems(definition: ProcedureDefinition, own_code: str) -> list[FieldError]:
    problems = _duplicates([case.code for case in definition.cases], "cases")
    online = definition.kind is ProcedureKind.CITIZEN_INITIATED
    for index, case in enumerate(definition.cases):
        path = f"cases.{index}"
        problems += _translations(case.title, f"{path}.title")
        if online and case.form is None:
            problems.append(_required(f"{path}.form"))
        if case.requires_procedure == own_code:
            problems.append(FieldError(f"{path}.requires_procedure",
                                       _("A procedure cannot require itself."), "self_reference"))
        documents = case.required_documents
        problems += _duplicates([d.code for d in documents], f"{path}.required_documents")
        for number, document in enumerate(documents):
            problems += _translations(document.title, f"{path}.required_documents.{number}.title")
    return problems


def publication_problems(definition: ProcedureDefinition, *, own_code: str) -> list[FieldError]:
    """Everything that keeps ``definition`` from being published, by field."""
    problems: list[FieldError] = []
    if not definition.unit:
        problems.append(_required("unit"))
    for name in ("title", "summary", "description"):
        problems += _translations(getattr(definition, name), name)
    citizen_initiated = definition.kind is ProcedureKind.CITIZEN_INITIATED
    if citizen_initiated:
        problems += _translations(definition.who_may_apply, "who_may_apply")
        for name in ("channels", "cases", "silence_effect"):
            if not getattr(definition, name):
                problems.append(_required(name))
    if definition.resolution_term is None:
        problems.append(_required("resolution_term"))
    seen = [str(term) for term in definition.terms]
    problems += [
        FieldError(f"terms.{index}", _("This term is repeated."), "duplicate")
        for index, term in enumerate(seen)
        if term in seen[:index]
    ]
    return problems + _case_problems(definition, own_code)


def fold(text: str) -> str:
    """Lower case without accents, so "licencia" finds "Licència"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def matches_query(query: str, texts: Iterable[str]) -> bool:
    """Whether every word of ``query`` appears in ``texts`` (accents and case ignored)."""
    haystack = fold(" ".join(texts))
    return all(word in haystack for word in fold(query).split())
