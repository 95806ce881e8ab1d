"""The presentation engine's rules: the states of a submission and the steps between
them, and the fingerprint of what a citizen signs. Pure: no session, no Flask."""

from __future__ import annotations

import enum
import hashlib
import json
from collections.abc import Mapping, Sequence
from typing import Any


class SubmissionStatus(enum.StrEnum):
    """Where a submission is on its way from the first answer to processing.

    ``fee_settled``, ``registered`` and ``handed_over`` arrive with the fees,
    registry and processing steps; the states are listed here so the model and
    the pages already speak the whole journey.
    """

    DRAFT = "draft"
    VALIDATED = "validated"
    FEE_SETTLED = "fee_settled"
    SIGNED = "signed"
    REGISTERED = "registered"
    HANDED_OVER = "handed_over"
    EXPIRED = "expired"  # a draft nobody touched for the configured days


S = SubmissionStatus
EDITABLE = frozenset({S.DRAFT, S.VALIDATED})  # answers may change
OPEN = frozenset({S.DRAFT, S.VALIDATED, S.FEE_SETTLED})  # not sent: files, check, sign
SENT = frozenset({S.SIGNED, S.REGISTERED, S.HANDED_OVER})
STEPS: Mapping[SubmissionStatus, frozenset[SubmissionStatus]] = {
    S.DRAFT: frozenset({S.DRAFT, S.VALIDATED, S.EXPIRED}),
    S.VALIDATED: frozenset({S.DRAFT, S.VALIDATED, S.FEE_SETTLED, S.SIGNED, S.EXPIRED}),
    S.FEE_SETTLED: frozenset({S.SIGNED}),
    S.SIGNED: frozenset({S.REGISTERED}),
    S.REGISTERED: frozenset({S.HANDED_OVER}),
    S.HANDED_OVER: frozenset(),
    S.EXPIRED: frozenset(),
}


def may_step(current: SubmissionStatus, to: SubmissionStatus) -> bool:
    """Whether the engine may move a submission from ``current`` to ``to``."""
    return to in STEPS[current]


def canonical_json(value: Any) -> bytes:
    """One byte form for the same answers, whatever the key order: what is hashed."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False,
                      separators=(",", ":")).encode("utf-8")


def answers_digest(answers: Mapping[str, Any]) -> str:
    """SHA-256 (hex) of the canonical answers: what a simple signature binds to."""
    return hashlib.sha256(canonical_json(dict(answers))).hexdigest()


def bundle_digest(answers_sha256: str, documents: Sequence[tuple[str, str]],
                  application_sha256: str | None = None) -> str:
    """SHA-256 of what the applicant signs: the answers' digest, the rendered application
    PDF's digest (when given) and, by document code, the digest of every file delivered
    (the same files give the same digest in any order)."""
    bundle: dict[str, Any] = {
        "answers": answers_sha256, "documents": sorted([list(d) for d in documents])}
    if application_sha256 is not None:
        bundle["application"] = application_sha256
    return hashlib.sha256(canonical_json(bundle)).hexdigest()
