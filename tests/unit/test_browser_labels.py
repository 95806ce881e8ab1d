"""The short name of a browser shown on "My sessions" (ADR 0054)."""

from __future__ import annotations

import pytest

from eoffice.identity.browsers import SHOWN_LENGTH, browser_label


@pytest.mark.parametrize(("user_agent", "label"), [
    ("Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
     "Firefox 128 · Linux"),
    ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
     "Chrome/124.0.0.0 Safari/537.36", "Chrome 124 · Windows"),
    ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
     "Chrome/124.0.0.0 Safari/537.36 Edg/124.0.2478.51", "Edge 124 · Windows"),
    ("Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 (KHTML, like Gecko) "
     "Version/17.4 Safari/605.1.15", "Safari 17 · macOS"),
    ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 "
     "(KHTML, like Gecko) CriOS/123.0.6312.52 Mobile/15E148 Safari/604.1", "Chrome 123 · iPhone"),
    ("Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) "
     "SamsungBrowser/24.0 Chrome/117.0.0.0 Mobile Safari/537.36",
     "Samsung Internet 24 · Android"),
    ("Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) "
     "Chrome/124.0.0.0 Safari/537.36 OPR/109.0.0.0", "Opera 109 · ChromeOS"),
])
def test_common_browsers_are_named_with_their_version_and_system(
        user_agent: str, label: str) -> None:
    assert browser_label(user_agent) == label


def test_an_unknown_header_is_shown_as_sent_cut_to_a_readable_length() -> None:
    assert browser_label("curl/8.5.0") == "curl/8.5.0"
    long = "CityKiosk/3.1 " + "x" * 200
    shown = browser_label(long)
    assert shown is not None and len(shown) == SHOWN_LENGTH and shown.endswith("…")
    assert browser_label("a\tb\n  c") == "a b c"


def test_no_header_gives_no_name() -> None:
    assert browser_label(None) is None
    assert browser_label("   ") is None
