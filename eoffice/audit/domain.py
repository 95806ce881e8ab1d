"""Pure rules of the audit chain: how an event is hashed."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from datetime import datetime
from typing import Any

GENESIS_HASH = "0" * 64


FIELDS = (
    "seq", "occurred_at", "actor", "action", "object_type", "object_id", "unit_code", "data",
    "prev_hash",
)


def event_hash(fields: Mapping[str, Any]) -> str:
    """SHA-256 over the canonical JSON of the event's ``FIELDS`` (previous hash included)."""
    canonical = {name: fields[name] for name in FIELDS}
    occurred_at: datetime = canonical["occurred_at"]
    canonical["occurred_at"] = occurred_at.isoformat(timespec="microseconds")
    text = json.dumps(canonical, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
