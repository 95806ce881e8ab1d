"""Pure rules of the edict board (no session, no Flask): kinds and states, the checks of
texts in the three languages and of the display period, the state an edict is in at a
moment, the readable number and the fingerprint of an edict's text."""

from __future__ import annotations

import enum
import hashlib
import json
from collections.abc import Mapping
from datetime import datetime, timedelta

from eoffice.shared.errors import FieldError
from eoffice.shared.i18n import _

LANGUAGES = ("en", "es", "ca")
MAX_PERIOD = timedelta(days=183)  # about six months
#: A start this far in the past still counts as "now" (the form was slow to send).
START_TOLERANCE = timedelta(minutes=10)
TITLE_MAX = 300
BODY_MAX = 20_000
PERSONAL_DATA_MAX = 5_000
REASON_MAX = 1_000


class EdictKind(enum.StrEnum):
    EDICT = "edict"
    ANNOUNCEMENT = "announcement"


class EdictState(enum.StrEnum):
    SCHEDULED = "scheduled"
    ON_DISPLAY = "on_display"
    ENDED = "ended"
    WITHDRAWN = "withdrawn"


def format_number(year: int, sequence: int) -> str:
    """The readable number of an edict: ``ED-2026-000042``."""
    return f"ED-{year}-{sequence:06d}"


def state_at(*, publish_from: datetime, publish_until: datetime,
             withdrawn_at: datetime | None, now: datetime) -> EdictState:
    """Where an edict stands at ``now`` (computed from its dates, so the public sees the
    change on time whether or not the worker has recorded it yet)."""
    if withdrawn_at is not None:
        return EdictState.WITHDRAWN
    if now < publish_from:
        return EdictState.SCHEDULED
    if now < publish_until:
        return EdictState.ON_DISPLAY
    return EdictState.ENDED


def shows_personal_data(state: EdictState, *, corrected: bool = False) -> bool:
    """Personal data are shown only while the edict serves its purpose (on display, and
    not replaced by a correction, which is often made because they were wrong);
    afterwards they stay in the database for the file and the certificate."""
    return not corrected and state in (EdictState.SCHEDULED, EdictState.ON_DISPLAY)


def text_problems(field: str, texts: Mapping[str, str] | None, *, required: bool,
                  max_length: int) -> list[FieldError]:
    """Problems of a text given in en/es/ca: missing languages (all three or, when not
    ``required``, none), too long, or a language that is not ours."""
    if not texts or not any((texts.get(lang) or "").strip() for lang in LANGUAGES):
        if required:
            return [FieldError(f"{field}.{lang}", _("Give this text in every language."),
                               "required") for lang in LANGUAGES]
        return []
    problems = [FieldError(f"{field}.{lang}", _("Give this text in every language."),
                           "required")
                for lang in LANGUAGES if not (texts.get(lang) or "").strip()]
    problems += [FieldError(f"{field}.{lang}",
                            _("At most %(count)d characters.", count=max_length), "too_long")
                 for lang in LANGUAGES if len(texts.get(lang) or "") > max_length]
    problems += [FieldError(f"{field}.{lang}", _("Only en, es and ca are used."),
                            "unknown_language")
                 for lang in sorted(texts) if lang not in LANGUAGES]
    return problems


def period_problems(publish_from: datetime, publish_until: datetime,
                    now: datetime) -> list[FieldError]:
    """Problems of a display period: it starts in the past, ends before it starts, or
    lasts longer than :data:`MAX_PERIOD`."""
    problems = []
    if publish_from.tzinfo is None or publish_until.tzinfo is None:
        return [FieldError("publish_from", _("Give the time zone of the dates."),
                           "naive_datetime")]
    if publish_from < now - START_TOLERANCE:
        problems.append(FieldError("publish_from", _("The display cannot start in the past."),
                                   "in_the_past"))
    elif publish_from > now + MAX_PERIOD:
        problems.append(FieldError("publish_from",
                                   _("The display starts at most %(days)d days ahead.",
                                     days=MAX_PERIOD.days), "too_far"))
    if publish_until <= publish_from:
        problems.append(FieldError("publish_until",
                                   _("The display must end after it starts."),
                                   "before_start"))
    elif publish_until - publish_from > MAX_PERIOD:
        problems.append(FieldError("publish_until",
                                   _("The display lasts at most %(days)d days.",
                                     days=MAX_PERIOD.days), "too_long"))
    return problems


def text_fingerprint(titles: Mapping[str, str], bodies: Mapping[str, str],
                     personal_data: Mapping[str, str] | None) -> str:
    """SHA-256 of the edict's whole text (personal data included) as canonical JSON: the
    certificate names it, so the text in the file can be proved to be what was shown."""
    canonical = json.dumps({"titles": dict(titles), "bodies": dict(bodies),
                            "personal_data": dict(personal_data) if personal_data else None},
                           sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def clean_texts(texts: Mapping[str, str] | None) -> dict[str, str] | None:
    """The three languages' texts stripped; None when no language has any text."""
    if not texts or not any((texts.get(lang) or "").strip() for lang in LANGUAGES):
        return None
    return {lang: (texts.get(lang) or "").strip() for lang in LANGUAGES}
