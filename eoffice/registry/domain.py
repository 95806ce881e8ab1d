"""Rules of the entry and exit registers: how a number is written, which states an
entry goes through, and who the parties are. Pure: no session, no Flask."""

from __future__ import annotations

import enum
import string
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

REGISTERED_TOPIC = "registry.entry_registered"
RECEIPT_DUE_TOPIC = "registry.receipt_due"
RECEIPT_ISSUED_TOPIC = "registry.receipt_issued"  # {entry, document}: the sealed receipt
NUMBER_FIELDS = frozenset({"prefix", "year", "sequence", "office"})
DEFAULT_FORMAT = "{prefix}/{year}/{sequence:06d}"


class RegisterKind(enum.StrEnum):
    ENTRY = "entry"
    EXIT = "exit"


class Channel(enum.StrEnum):
    ONLINE = "online"
    IN_PERSON = "in_person"
    OTHER_ADMINISTRATION = "other_administration"


class EntryState(enum.StrEnum):
    """The states registries use (SICRES-like): registered, sent on to a unit, accepted
    or returned by it, or cancelled with a reason."""

    REGISTERED = "registered"
    DISTRIBUTED = "distributed"
    ACCEPTED = "accepted"
    RETURNED = "returned"
    CANCELLED = "cancelled"


E = EntryState
MOVES: Mapping[EntryState, frozenset[EntryState]] = {
    E.REGISTERED: frozenset({E.DISTRIBUTED, E.CANCELLED}),
    E.DISTRIBUTED: frozenset({E.ACCEPTED, E.RETURNED}),
    E.RETURNED: frozenset({E.DISTRIBUTED, E.CANCELLED}),
    E.ACCEPTED: frozenset(),
    E.CANCELLED: frozenset(),
}
NEEDS_REASON = frozenset({E.RETURNED, E.CANCELLED})


def may_move(current: EntryState, to: EntryState) -> bool:
    return to in MOVES[current]


class InvalidNumberFormat(ValueError):
    """The number format names fields other than prefix, year, sequence and office."""


def check_number_format(pattern: str) -> str:
    """``pattern`` when it only uses the allowed fields and includes the sequence."""
    try:
        names = {name for _text, name, _spec, _conv in string.Formatter().parse(pattern)
                 if name is not None}
        format_number(pattern, prefix="E", year=2026, sequence=1, office="X")
    except (ValueError, KeyError, IndexError) as exc:
        raise InvalidNumberFormat(str(exc)) from exc
    if not names <= NUMBER_FIELDS or "sequence" not in names or "year" not in names:
        raise InvalidNumberFormat(f"use only {sorted(NUMBER_FIELDS)}, with year and sequence")
    return pattern


def format_number(pattern: str, *, prefix: str, year: int, sequence: int,
                  office: str) -> str:
    """The entry number as people read it, e.g. ``E/2026/000123``."""
    return pattern.format(prefix=prefix, year=year, sequence=sequence, office=office)


@dataclass(frozen=True)
class Party:
    """An interested party or the representative acting for one."""

    name: str
    id_type: str
    id_number: str
    role: str = "interested"  # or "representative"
    #: The representative's registered power (representation context), when checked.
    power: str | None = None

    def as_dict(self) -> dict[str, str]:
        facts = {"name": self.name, "id_type": self.id_type, "id_number": self.id_number,
                 "role": self.role}
        return {**facts, "power": self.power} if self.power else facts


@dataclass(frozen=True)
class DeliveredDocument:
    """A document delivered with an entry, identified by its content's SHA-256."""

    title: str
    sha256: str
    size: int
    media_type: str

    def as_dict(self) -> dict[str, str | int]:
        return {"title": self.title, "sha256": self.sha256, "size": self.size,
                "media_type": self.media_type}


#: Largest book issued as a sealed PDF/A; a longer period is refused
#: (``registry.book_too_large``): narrow the period or use the CSV book. WeasyPrint lays
#: out ~25-35 entries a second here, so 500 entries keep the request within ~20 s.
MAX_BOOK_PDF_ENTRIES = 500
#: What one delivery from another administration may carry (ADR 0021): at most this
#: many documents, each within the documents context's ``max_pdf_bytes`` setting, and
#: together at most this many decoded bytes (what fits, base64-encoded, in the default
#: 25 MB ``max_request_bytes``).
MAX_RECEIVED_DOCUMENTS = 50
MAX_RECEIVED_CONTENT_BYTES = 18 * 1024 * 1024
#: Formats accepted from other administrations (ENI's common formats).
RECEIVED_MEDIA_TYPES = frozenset({
    "application/pdf", "application/xml", "text/xml", "text/plain", "text/csv",
    "image/jpeg", "image/png", "image/tiff", "image/svg+xml",
    "application/vnd.oasis.opendocument.text",
    "application/vnd.oasis.opendocument.spreadsheet",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/zip", "application/xsig", "application/pkcs7-signature",
})


@dataclass(frozen=True)
class ForeignOrigin:
    """Where an entry received from another administration was first registered: the
    administration's DIR3 code and name, its entry number and registration time."""

    administration_code: str
    administration_name: str
    entry_number: str
    registered_at: datetime

    def as_origin(self) -> dict[str, str]:
        """The ``origin`` recorded on the entry."""
        return {"kind": "other_administration",
                "administration_code": self.administration_code,
                "administration_name": self.administration_name,
                "entry_number": self.entry_number,
                "registered_at": self.registered_at.isoformat(timespec="seconds")}
