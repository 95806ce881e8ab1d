"""Download names (RFC 6266): one header however odd the name, never split by quotes,
semicolons or line breaks, never carrying a directory; names outside ASCII are sent as
``filename*`` too."""

from __future__ import annotations

import pytest
from werkzeug.http import parse_options_header

from eoffice.shared.downloads import content_disposition, safe_name


@pytest.mark.parametrize(("name", "expected"), [
    ("receipt.pdf", "receipt.pdf"),
    ("informe final.pdf", "informe final.pdf"),
    ('x"; filename=evil.exe', 'x"; filename=evil.exe'),
    ("../../etc/passwd", "passwd"),
    ("C:\\Users\\ana\\dni.pdf", "dni.pdf"),
    ("a\r\nSet-Cookie: x=1", "aSet-Cookie: x=1"),
    ("", "download"),
    ("...", "download"),
])
def test_the_name_a_browser_reads_back_is_the_clean_name(name: str, expected: str) -> None:
    value = content_disposition(name)
    assert "\r" not in value and "\n" not in value
    kind, options = parse_options_header(value)
    assert (kind, options["filename"]) == ("attachment", expected)


def test_a_name_outside_ascii_comes_with_an_ascii_fallback_and_its_utf8_form() -> None:
    kind, options = parse_options_header(content_disposition("Resolución ñ.pdf", inline=True))
    assert kind == "inline"
    assert options["filename"] == "Resolución ñ.pdf"  # Werkzeug prefers filename*
    assert "filename=\"Resolucion n.pdf\"" in content_disposition("Resolución ñ.pdf")


def test_a_long_name_keeps_its_extension() -> None:
    kept = safe_name("a" * 300 + ".pdf")
    assert len(kept) == 150 and kept.endswith(".pdf")
