"""The signature validation report: plain values a page, the API and callers can show."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class SignatureReport:
    """What can be said of one signature (or document timestamp) of a PDF.

    ``valid`` is the bottom line: intact, cryptographically sound, trusted, not revoked and
    with nothing changed after signing beyond long-term validation data. It is never true
    for a document altered after signing.
    """

    field: str
    kind: str  # "signature" or "document_timestamp"
    signer: str | None
    signed_at: datetime | None
    level: str | None
    intact: bool
    cryptographically_valid: bool
    trusted: bool
    revoked: bool
    revocation_checked: bool
    covers_whole_document: bool
    modifications: str
    valid: bool
    test_pki: bool
    problems: list[str] = dataclasses.field(default_factory=list)
    # the subject's serialNumber (e.g. ``IDCES-12345678Z``): who signed, as an id number
    signer_id: str | None = None


@dataclass(frozen=True)
class ValidationReport:
    """Every signature of a PDF, in signing order, and the empty signature fields."""

    signatures: list[SignatureReport]
    unsigned_fields: list[str]

    @property
    def all_valid(self) -> bool:
        """Whether there is at least one signature and every one is valid."""
        return bool(self.signatures) and all(s.valid for s in self.signatures)
