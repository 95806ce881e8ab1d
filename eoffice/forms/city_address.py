"""City addresses in forms (control ``city_address``): what the citizen gave, resolved
against the city's street map through a lookup port, so that the stored answer is
always an address code with the facts the server derived from it (pure, no I/O).

The citizen gives either a code (picked from the suggestions, or sent by the API)
or "street name, number" typed without JavaScript. A code is taken when the text
next to it, if any, still agrees with that address; otherwise the text is resolved:
one address matches → taken; a few → the page lists them to choose; none, or too
many → a message. Facts sent with a code (label, postcode, category) are never
trusted: they are recomputed from the code on every validation.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from eoffice import territory
from eoffice.forms.formats import Invalid
from eoffice.shared.i18n import _, ngettext

MAX_CHOICES = 10  # more matches than this: ask for the number instead of listing them
MAX_TEXT = 200
FACTS = ("code", "label", "postcode", "district", "street_category")
GIVEN = frozenset({*FACTS, "text"})
# Leading words that name the kind of street ("Calle", "C/", "Avda.", "Plaça"...), and the
# words just before a number ("n.º 12"): the street map keeps the kind apart from the name.
KIND_WORDS = frozenset({
    "c", "cl", "calle", "carrer", "av", "avd", "avda", "avenida", "avinguda", "pz", "pl",
    "pza", "plaza", "placa", "ps", "pg", "paseo", "passeig", "cm", "cami", "camino",
    "cr", "ctra", "carretera", "gv", "gran", "via", "pj", "pasaje", "passatge", "rd",
    "ronda", "tr", "travesia", "travessia", "bv", "bulevar", "boulevard", "gl",
    "glorieta",
})
PARTICLES = frozenset({"de", "del", "d", "la", "el", "l", "les", "els", "los", "las", "dels"})
NUMBER_WORDS = frozenset({"n", "no", "o", "num", "numero", "nr"})  # "n.º" folds to "n o"
NUMBER = re.compile(r"^(\d{1,5})([a-z]{0,3})$")
CODE = re.compile(r"^[0-9A-Za-z]{1,20}-\d{4}(-[A-Za-z]{1,3})?$")


class AddressLookup(Protocol):
    """The street map as forms see it (``services/addresses.py`` reads the territory)."""

    def find(self, code: str) -> territory.AddressView | None:
        """The address with ``code``, retired ones too."""

    def search(self, text: str, limit: int) -> Sequence[territory.AddressView]:
        """Active addresses whose street has the words of ``text`` (and its number)."""


class NoStreetMap:
    """A lookup that knows no address (pure checks without a database)."""

    def find(self, code: str) -> territory.AddressView | None:
        return None

    def search(self, text: str, limit: int) -> Sequence[territory.AddressView]:
        return []


NO_STREET_MAP = NoStreetMap()


@dataclass(frozen=True)
class Typed:
    """What a typed address says: words of the street name, number and letter."""

    words: tuple[str, ...]
    number: int | None = None
    letter: str = ""

    @property
    def query(self) -> str:
        return " ".join((*self.words, *([str(self.number)] if self.number is not None else [])))


def parse(text: str) -> Typed:
    """``"C/ de Colón, 12 B"`` → words ("de", "colon"), number 12, letter "b"."""
    tokens = territory.fold(text).split()
    while tokens and tokens[0] in KIND_WORDS:
        tokens.pop(0)
    while tokens and tokens[0] in PARTICLES:  # "de Colón": the name holds them or not
        tokens.pop(0)
    words: list[str] = []
    for index, token in enumerate(tokens):
        found = NUMBER.match(token)
        if found:
            letter = found.group(2)
            after = tokens[index + 1] if index + 1 < len(tokens) else ""
            if not letter and len(after) == 1 and after.isalpha():
                letter = after
            while words and words[-1] in NUMBER_WORDS:
                words.pop()
            return Typed(tuple(words), int(found.group(1)), letter)
        words.append(token)
    return Typed(tuple(words))


def agrees(address: territory.AddressView, typed: Typed) -> bool:
    """Whether the typed text still describes ``address`` (its label does)."""
    names = [territory.fold(name) for name in address.street_name.values()]
    return (all(any(word in name for name in names) for word in typed.words)
            and typed.number in (None, address.number)
            and (not typed.letter or typed.letter == address.letter.lower()))


def facts(address: territory.AddressView, locale: str) -> dict[str, Any]:
    """The stored answer: the code and what the street map says of it."""
    return {"code": address.code, "label": address.label(locale),
            "postcode": address.postcode, "district": address.district,
            "street_category": address.street_category}


def shown(value: Any) -> tuple[str, str]:
    """(text, code) to put back in the form for an answer as stored or as typed."""
    if isinstance(value, str):
        return value, ""
    if isinstance(value, Mapping):
        text, code = value.get("text") or value.get("label"), value.get("code")
        return (text if isinstance(text, str) else "", code if isinstance(code, str) else "")
    return "", ""


def given(value: Any) -> tuple[str, str]:
    """(code, text) of an answer: a text, or an object with ``code`` and/or ``text``."""
    if isinstance(value, str):
        return "", value.strip()[:MAX_TEXT + 1]
    if isinstance(value, Mapping) and set(value) <= GIVEN and all(
            isinstance(value.get(name, ""), str | None) for name in ("code", "text")):
        code, text = value.get("code") or "", value.get("text") or ""
        return code.strip()[:40], text.strip()[:MAX_TEXT + 1]
    raise Invalid("invalid_type", _("Give the address as a text, or the code of an address."))


def matches(lookup: AddressLookup, text: str) -> list[territory.AddressView]:
    """The active addresses a typed text may mean (at most ``MAX_CHOICES + 1``)."""
    typed = parse(text)
    if not typed.words:
        return []
    found = lookup.search(typed.query, MAX_CHOICES + 1)
    if typed.number is not None:  # "Colón 12" is number 12, not 12 B
        found = [a for a in found if a.letter.lower() == typed.letter]
    return list(found)


def _taken(address: territory.AddressView, locale: str) -> dict[str, Any]:
    if not address.active:
        raise Invalid("address_retired", _(
            "This address is no longer in the city's street map: give the current one."))
    return facts(address, locale)


def _unknown() -> Invalid:
    return Invalid("address_unknown", _(
        "This address is not in the city's street map. Give the street name and the "
        "number, like “Calle de Colón, 12”."))


def _by_code(code: str, text: str, lookup: AddressLookup) -> territory.AddressView | None:
    """The address of ``code`` if the text beside it (if any) still describes it."""
    found = lookup.find(code) if code else None
    if found is not None and (not text or agrees(found, parse(text))):
        return found
    if code and not text:
        raise _unknown()
    return None


def _by_text(text: str, lookup: AddressLookup) -> territory.AddressView:
    """The one address a typed text (or a code typed as text) means, or :class:`Invalid`."""
    found = lookup.find(text) if CODE.match(text) else None
    if found is not None:
        return found
    candidates = matches(lookup, text)
    if len(candidates) == 1:
        return candidates[0]
    if not candidates:
        raise _unknown()
    if len(candidates) > MAX_CHOICES:
        raise Invalid("address_ambiguous", _(
            "Many addresses match: give the street name and the number, like "
            "“Calle de Colón, 12”."))
    raise Invalid("address_ambiguous", _("Several addresses match: choose yours."))


def resolve(value: Any, lookup: AddressLookup, locale: str) -> dict[str, Any] | None:
    """The stored answer for ``value`` (None when empty), or :class:`Invalid`."""
    code, text = given(value)
    if len(text) > MAX_TEXT:
        raise Invalid("length", ngettext("Give at most %(num)s character.",
                                         "Give at most %(num)s characters.", MAX_TEXT))
    found = _by_code(code, text, lookup)
    if found is None and not text:
        return None
    return _taken(found or _by_text(text, lookup), locale)


def choices(value: Any, lookup: AddressLookup) -> list[territory.AddressView]:
    """The addresses to choose from when ``value`` is a text several addresses match."""
    try:
        code, text = given(value)
    except Invalid:
        return []
    if not text or (code and (found := lookup.find(code)) is not None
                    and agrees(found, parse(text))):
        return []
    candidates = matches(lookup, text)
    return candidates if 1 < len(candidates) <= MAX_CHOICES else []
