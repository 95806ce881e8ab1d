"""Every text a person can see is translated into Spanish and Valencian.

The catalogs live in ``eoffice/translations``: ``messages.pot`` (extracted from
the sources with ``babel.cfg``) and one ``LC_MESSAGES/messages.po`` per language.
English is the source language: its text is the msgid, so it needs no catalog.

When a test here fails after you add or change a string:

    pybabel extract -F babel.cfg -k _l -o eoffice/translations/messages.pot .
    pybabel update -i eoffice/translations/messages.pot -d eoffice/translations
    # translate the new entries in es and ca, remove any "#, fuzzy" line, then
    pybabel compile -d eoffice/translations
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "eoffice" / "translations"
POT = TRANSLATIONS / "messages.pot"
LANGUAGES = ("es", "ca")
EXTRACT_ARGS = ("extract", "-F", "babel.cfg", "-k", "_l")  # as in the docstring

# printf-style placeholders as Python's % operator reads them: %(name)s, %s, %d...
PLACEHOLDER = re.compile(
    r"%(?:\((?P<name>[^)]*)\))?[#0\- +]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[hlL]?[diouxXeEfFgGcrsa%]"
)

Key = tuple[str, str | None]  # (msgid, msgctxt)


def _read(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=locale)


def _key(message: Message) -> Key:
    msgid = message.id[0] if isinstance(message.id, tuple | list) else message.id
    return str(msgid), message.context


def _entries(catalog: Catalog) -> dict[Key, Message]:
    return {_key(m): m for m in catalog if m.id}


def _where(message: Message) -> str:
    return ", ".join(f"{path}:{line}" for path, line in message.locations) or "?"


def _placeholders(text: str) -> Counter[str]:
    return Counter(m.group(0) for m in PLACEHOLDER.finditer(text) if m.group(0) != "%%")


def _forms(message: Message) -> tuple[list[str], list[str]]:
    """(source texts, translated texts), for singular and plural messages alike."""
    ids = message.id if isinstance(message.id, tuple | list) else (message.id,)
    strings = message.string if isinstance(message.string, tuple | list) else (message.string,)
    return [str(i) for i in ids], [str(s or "") for s in strings]


@pytest.fixture(scope="module")
def template() -> dict[Key, Message]:
    return _entries(_read(POT))


@pytest.fixture(scope="module", params=LANGUAGES)
def catalog(request: pytest.FixtureRequest) -> Catalog:
    path = TRANSLATIONS / request.param / "LC_MESSAGES" / "messages.po"
    assert path.is_file(), f"no catalog for {request.param!r}: run pybabel init"
    return _read(path, locale=request.param)


def test_the_template_is_up_to_date_with_the_sources(tmp_path: Path) -> None:
    fresh_pot = tmp_path / "messages.pot"
    subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", "-q", *EXTRACT_ARGS,
         "-o", str(fresh_pot), "."],
        cwd=ROOT, check=True, capture_output=True, text=True,
    )
    fresh, stored = _entries(_read(fresh_pot)), _entries(_read(POT))
    added = [f"{key[0]!r} ({_where(fresh[key])})" for key in fresh.keys() - stored.keys()]
    gone = [repr(key[0]) for key in stored.keys() - fresh.keys()]
    assert fresh, "extraction found no message at all: check babel.cfg"
    assert not added and not gone, (
        "eoffice/translations/messages.pot is out of date: re-extract and update the catalogs."
        + "".join(f"\n  new in the sources: {text}" for text in sorted(added))
        + "".join(f"\n  no longer in the sources: {text}" for text in sorted(gone))
    )


def test_every_message_is_translated(template: dict[Key, Message], catalog: Catalog) -> None:
    entries = _entries(catalog)
    problems = []
    for key, source in sorted(template.items(), key=lambda item: item[0][0]):
        message = entries.get(key)
        if message is None:
            problems.append(f"missing (run pybabel update): {key[0]!r} ({_where(source)})")
        elif message.fuzzy:
            problems.append(f"fuzzy: {key[0]!r} ({_where(source)})")
        elif not all(text.strip() for text in _forms(message)[1]):
            problems.append(f"not translated: {key[0]!r} ({_where(source)})")
    assert not problems, f"[{catalog.locale}] " + f"\n[{catalog.locale}] ".join(problems)


def test_translations_keep_the_placeholders(catalog: Catalog) -> None:
    problems = []
    for message in catalog:
        if not message.id:
            continue
        ids, strings = _forms(message)
        wanted = _placeholders(ids[-1])
        for index, text in enumerate(strings):
            if not text:
                continue  # reported by test_every_message_is_translated
            got = _placeholders(text)
            # a singular form may leave the number out ("one file"), never add names
            ok = got == wanted if index or len(ids) == 1 else not got - wanted
            if not ok:
                problems.append(
                    f"{ids[0]!r}: {text!r} has {sorted(got.elements())}, "
                    f"expected {sorted(wanted.elements())}"
                )
    assert not problems, f"[{catalog.locale}] " + f"\n[{catalog.locale}] ".join(problems)


def test_catalogs_pass_babels_checks_and_compile(catalog: Catalog) -> None:
    assert not catalog.fuzzy, f"[{catalog.locale}] the header is fuzzy: compile would skip it"
    errors = [
        f"{message.id!r}: {error}" for message, found in catalog.check() for error in found
    ]
    assert not errors, f"[{catalog.locale}] " + f"\n[{catalog.locale}] ".join(errors)


def test_no_catalog_keeps_strings_the_sources_dropped(
    template: dict[Key, Message], catalog: Catalog
) -> None:
    stale = sorted(key[0] for key in _entries(catalog).keys() - template.keys())
    assert not stale, f"[{catalog.locale}] not in the .pot any more (run pybabel update): {stale}"
