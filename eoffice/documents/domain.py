"""Pure vocabulary of documents: types, origin, elaboration state and signature levels,
with their codes in Spain's ENI (Esquema Nacional de Interoperabilidad) metadata."""

from __future__ import annotations

import enum
import uuid
from datetime import datetime

LANGUAGES = ("es", "ca", "en")


class DocumentType(enum.StrEnum):
    RECEIPT = "receipt"
    REQUIREMENT = "requirement"
    REPORT = "report"
    RESOLUTION = "resolution"
    NOTIFICATION = "notification"
    CERTIFICATE = "certificate"
    FILE_INDEX = "file_index"
    REGISTRY_BOOK = "registry_book"  # the entries of a register for a period
    MINUTES = "minutes"  # of a session of a collegiate body
    RESOLUTION_BOOK = "resolution_book"  # a body's book of resolutions for a period
    APPLICATION = "application"  # what a citizen submits
    OTHER = "other"  # any other incoming document


#: ENI "tipo documental" of each type (TD09 acuse de recibo, TD06 comunicación, …).
ENI_DOCUMENT_TYPE: dict[DocumentType, str] = {
    DocumentType.RECEIPT: "TD09",
    DocumentType.REQUIREMENT: "TD06",
    DocumentType.REPORT: "TD13",
    DocumentType.RESOLUTION: "TD01",
    DocumentType.NOTIFICATION: "TD07",
    DocumentType.CERTIFICATE: "TD11",
    DocumentType.MINUTES: "TD10",
    DocumentType.RESOLUTION_BOOK: "TD99",  # ENI has no type for a book: "otros"
    DocumentType.FILE_INDEX: "TD99",
    DocumentType.REGISTRY_BOOK: "TD99",  # ENI has no type for a register book: "otros"
    DocumentType.APPLICATION: "TD14",
    DocumentType.OTHER: "TD99",
}


class Origin(enum.StrEnum):
    """ENI origin: produced by a citizen (0) or by an administration (1)."""

    CITIZEN = "citizen"
    ADMINISTRATION = "administration"


class ElaborationState(enum.StrEnum):
    """ENI state of elaboration (EE01 … EE99)."""

    ORIGINAL = "EE01"
    COPY_FORMAT_CHANGE = "EE02"
    COPY_OF_PAPER = "EE03"
    PARTIAL_COPY = "EE04"
    OTHER = "EE99"


class SignatureLevel(enum.StrEnum):
    """PAdES baseline levels (ETSI EN 319 142-1)."""

    B_B = "B-B"
    B_T = "B-T"
    B_LT = "B-LT"
    B_LTA = "B-LTA"


class SignatureKind(enum.StrEnum):
    SEAL = "seal"  # the office's electronic seal, for automatic documents
    PERSONAL = "personal"  # an authorised official's signature


def eni_identifier(unit_code: str, issued_at: datetime) -> str:
    """An ENI document identifier: ``ES_<unit>_<year>_<30 characters>``."""
    specific = uuid.uuid4().hex[:30].upper()
    return f"ES_{unit_code.upper()}_{issued_at.year}_{specific}"
