"""A short, language-neutral name for the browser behind a User-Agent header
("Firefox 128 · Linux"), so that a person can tell her sessions apart (ADR 0054).

Pure: no Flask, no session. Only the browsers and systems most people use are named;
anything else is shown as the header itself, cut to a readable length. The header is
whatever the browser chose to send: a hint, never proof of anything.
"""

from __future__ import annotations

import re

#: Longest text shown for a header this module cannot name.
SHOWN_LENGTH = 60

# Order matters: browsers built on Chrome also say "Chrome/", and Chrome says "Safari/".
_BROWSERS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("Edge", re.compile(r"\bEdg(?:e|A|iOS)?/(\d+)")),
    ("Opera", re.compile(r"\b(?:OPR|Opera)/(\d+)")),
    ("Samsung Internet", re.compile(r"\bSamsungBrowser/(\d+)")),
    ("Firefox", re.compile(r"\b(?:Firefox|FxiOS)/(\d+)")),
    ("Chrome", re.compile(r"\b(?:Chrome|CriOS)/(\d+)")),
    ("Safari", re.compile(r"\bVersion/(\d+)[\d.]*(?: Mobile/\S+)? Safari/")),
)
# iPhones and iPads say "like Mac OS X", Android says "Linux": the specific ones first.
_SYSTEMS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("Android", re.compile(r"\bAndroid\b")),
    ("iPhone", re.compile(r"\biPhone\b")),
    ("iPad", re.compile(r"\biPad\b")),
    ("Windows", re.compile(r"\bWindows\b")),
    ("ChromeOS", re.compile(r"\bCrOS\b")),
    ("macOS", re.compile(r"\bMac OS X\b|\bMacintosh\b")),
    ("Linux", re.compile(r"\bLinux\b")),
)


def _first(table: tuple[tuple[str, re.Pattern[str]], ...], text: str,
           ) -> tuple[str, re.Match[str]] | None:
    for name, pattern in table:
        found = pattern.search(text)
        if found:
            return name, found
    return None


def browser_label(user_agent: str | None) -> str | None:
    """"Firefox 128 · Linux", "Safari 17 · iPhone", or the header cut to
    :data:`SHOWN_LENGTH` characters when no known browser is in it; None without one."""
    text = " ".join((user_agent or "").split())
    if not text:
        return None
    browser = _first(_BROWSERS, text)
    if browser is None:
        return text if len(text) <= SHOWN_LENGTH else text[: SHOWN_LENGTH - 1] + "…"
    name, found = browser
    system = _first(_SYSTEMS, text)
    label = f"{name} {found.group(1)}"
    return f"{label} · {system[0]}" if system else label
