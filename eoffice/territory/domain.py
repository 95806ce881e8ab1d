"""Pure rules of the territory database: street kinds, parity of numbers, which section
a number falls in, the folding used to search names, address codes and cadastral
references (python-stdnum checks their control letters)."""

from __future__ import annotations

import enum
import unicodedata

from stdnum.es import referenciacatastral


class StreetKind(enum.StrEnum):
    """The street types of the INE street map (abbreviations as cities publish them)."""

    CALLE = "CL"
    AVENIDA = "AV"
    PLAZA = "PZ"
    PASEO = "PS"
    CAMINO = "CM"
    CARRETERA = "CR"
    GRAN_VIA = "GV"
    PASAJE = "PJ"
    RONDA = "RD"
    TRAVESIA = "TR"
    BULEVAR = "BV"
    GLORIETA = "GL"


class Parity(enum.StrEnum):
    ODD = "odd"
    EVEN = "even"
    BOTH = "both"


class ImportKind(enum.StrEnum):
    STREETS = "streets"
    SECTIONS = "sections"
    ADDRESSES = "addresses"
    CADASTRE = "cadastre"


def fold(text: str) -> str:
    """Lower case without accents or punctuation, for searching names ("Plaça de
    l'Ajuntament" → "placa de l ajuntament")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join("".join(ch if ch.isalnum() else " " for ch in bare).split())


def is_postcode(text: str) -> bool:
    """A Spanish postal code: five ASCII digits."""
    return len(text) == 5 and text.isascii() and text.isdigit()


def covers(parity: str, number_from: int, number_to: int, number: int) -> bool:
    """Whether a section (its parity and range, both ends included) covers ``number``."""
    if not number_from <= number <= number_to:
        return False
    if parity == Parity.ODD:
        return number % 2 == 1
    if parity == Parity.EVEN:
        return number % 2 == 0
    return True


def address_code(street_code: str, number: int, letter: str = "") -> str:
    """The address code: street code, number and letter (``03021-0012-B``)."""
    return f"{street_code}-{number:04d}" + (f"-{letter.upper()}" if letter else "")


def valid_cadastral_reference(value: str) -> bool:
    """A 20-character cadastral reference whose two control letters are right."""
    return len(value) == 20 and bool(referenciacatastral.is_valid(value))


# How cities write street types in their files (INE abbreviations, Spanish and
# Valencian words), folded; the abbreviations themselves are accepted too.
KIND_WORDS: dict[str, StreetKind] = {
    "calle": StreetKind.CALLE, "carrer": StreetKind.CALLE, "c": StreetKind.CALLE,
    "avenida": StreetKind.AVENIDA, "avinguda": StreetKind.AVENIDA,
    "avda": StreetKind.AVENIDA, "plaza": StreetKind.PLAZA, "placa": StreetKind.PLAZA,
    "pl": StreetKind.PLAZA, "plza": StreetKind.PLAZA, "paseo": StreetKind.PASEO,
    "passeig": StreetKind.PASEO, "pg": StreetKind.PASEO, "camino": StreetKind.CAMINO,
    "cami": StreetKind.CAMINO, "carretera": StreetKind.CARRETERA,
    "gran via": StreetKind.GRAN_VIA, "pasaje": StreetKind.PASAJE,
    "passatge": StreetKind.PASAJE, "ronda": StreetKind.RONDA, "travesia": StreetKind.TRAVESIA,
    "travessia": StreetKind.TRAVESIA, "bulevar": StreetKind.BULEVAR,
    "boulevard": StreetKind.BULEVAR, "glorieta": StreetKind.GLORIETA,
}
PARITY_WORDS: dict[str, Parity] = {
    "odd": Parity.ODD, "i": Parity.ODD, "impar": Parity.ODD, "impares": Parity.ODD,
    "senar": Parity.ODD, "senars": Parity.ODD, "1": Parity.ODD,
    "even": Parity.EVEN, "p": Parity.EVEN, "par": Parity.EVEN, "pares": Parity.EVEN,
    "parell": Parity.EVEN, "parells": Parity.EVEN, "2": Parity.EVEN,
    "both": Parity.BOTH, "t": Parity.BOTH, "a": Parity.BOTH, "ambos": Parity.BOTH,
    "todos": Parity.BOTH, "tots": Parity.BOTH, "0": Parity.BOTH, "": Parity.BOTH,
}


def street_kind_of(text: str) -> StreetKind | None:
    """The street type a file writes as ``CL``, ``Calle``, ``Avinguda``, ``PL.``…"""
    abbreviation = text.strip().rstrip(".").upper()
    if abbreviation in {kind.value for kind in StreetKind}:
        return StreetKind(abbreviation)
    return KIND_WORDS.get(fold(text))


def parity_of(text: str) -> Parity | None:
    """The parity a file writes as ``odd``, ``I``/``P``/``T``, ``impares``, ``1``…"""
    return PARITY_WORDS.get(fold(text))


def overlaps(first: tuple[str, int, int], second: tuple[str, int, int]) -> bool:
    """Whether two sections ``(parity, from, to)`` of a street share some number."""
    (parity_a, from_a, to_a), (parity_b, from_b, to_b) = first, second
    low, high = max(from_a, from_b), min(to_a, to_b)
    if low > high:
        return False
    if Parity.BOTH in (parity_a, parity_b) or parity_a == parity_b:
        return any(covers(parity_a, from_a, to_a, n) and covers(parity_b, from_b, to_b, n)
                   for n in (low, low + 1) if n <= high)
    return False


def cadastral_parcel(value: str) -> str | None:
    """The parcel (first 14 characters) of a cadastral reference: a full 20-character
    reference whose control letters are right, or a bare 14-character parcel."""
    compact = "".join(value.split()).upper()
    if len(compact) == 14 and compact.isalnum():
        return compact
    return compact[:14] if valid_cadastral_reference(compact) else None
