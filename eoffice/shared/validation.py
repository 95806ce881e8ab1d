"""Stable codes and translated messages for marshmallow's validation messages.

marshmallow speaks English; the API answers in the caller's language with a
stable ``code`` per kind of problem, so clients never parse messages.
"""

from __future__ import annotations

import re
from typing import Any

from eoffice.shared.i18n import _, ngettext

# (pattern of marshmallow's message, stable code, translated message template)
_KNOWN: list[tuple[re.Pattern[str], str, str]] = [
    (re.compile(r"^Missing data for required field\.$"), "required", "required"),
    (re.compile(r"^Unknown field\.$"), "unknown_field", "unknown_field"),
    (re.compile(r"^Field may not be null\.$"), "null", "null"),
    (re.compile(r"^Not a valid email address\.$"), "email", "email"),
    (re.compile(r"^Not a valid (\w+)"), "invalid_type", "invalid_type"),
    (re.compile(r"^Length must be between (\d+) and (\d+)\.$"), "length", "length_between"),
    (re.compile(r"^Shorter than minimum length (\d+)\.$"), "length", "length_min"),
    (re.compile(r"^Longer than maximum length (\d+)\.$"), "length", "length_max"),
    (re.compile(r"^Must be greater than or equal to (\S+?) and less than or equal to "
                r"(\S+?)\.?$"), "range", "range_between"),
    (re.compile(r"^Must be greater than or equal to (\S+?)\.?$"), "range", "range_min"),
    (re.compile(r"^Must be less than or equal to (\S+?)\.?$"), "range", "range_max"),
    (re.compile(r"^Must be one of: "), "choice", "choice"),
]


def _message(key: str, groups: tuple[str | Any, ...]) -> str:
    messages = {
        "required": lambda: _("This field is required."),
        "unknown_field": lambda: _("This field is not expected here."),
        "null": lambda: _("This field cannot be empty."),
        "invalid_type": lambda: _("This value has the wrong type."),
        "email": lambda: _("Give a valid e-mail address."),
        "length_between": lambda: ngettext(
            "Give between %(min)s and %(num)s character.",
            "Give between %(min)s and %(num)s characters.",
            int(groups[1]), min=groups[0],
        ),
        "length_min": lambda: ngettext(
            "Give at least %(num)s character.", "Give at least %(num)s characters.",
            int(groups[0]),
        ),
        "length_max": lambda: ngettext(
            "Give at most %(num)s character.", "Give at most %(num)s characters.",
            int(groups[0]),
        ),
        "range_between": lambda: _(
            "Give a value between %(min)s and %(max)s.", min=groups[0], max=groups[1]
        ),
        "range_min": lambda: _("Give a value of at least %(min)s.", min=groups[0]),
        "range_max": lambda: _("Give a value of at most %(max)s.", max=groups[0]),
        "choice": lambda: _("Choose one of the allowed values."),
    }
    return str(messages[key]())


def describe(message: str) -> tuple[str, str]:
    """(stable code, message in the caller's language) for a marshmallow message."""
    for pattern, code, key in _KNOWN:
        match = pattern.match(message)
        if match:
            return code, _message(key, match.groups())
    return "invalid", _("This value is not valid.")
