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
