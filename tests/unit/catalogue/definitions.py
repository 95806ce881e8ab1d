"""A complete procedure definition to start tests from (JSON form)."""

from __future__ import annotations

import copy
from typing import Any


def texts(text: str) -> dict[str, str]:
    return {"es": f"{text} (es)", "ca": f"{text} (ca)", "en": text}


COMPLETE: dict[str, Any] = {
    "title": texts("Pavement café licence"),
    "summary": texts("Tables and chairs outside a café"),
    "description": texts("What the licence allows."),
    "who_may_apply": texts("Holders of a café licence."),
    "unit": "URB",
    "kind": "citizen_initiated",
    "channels": ["online", "in_person"],
    "resolution_term": {"value": 30, "unit": "business_days"},
    "silence_effect": "refusal",
    "legal_references": [{"title": "Ley 39/2015", "url": "https://www.boe.es/eli/es/l/2015/10/01/39"}],
    "terms": [{"taxonomy": "themes", "code": "public-road"}],
    "cases": [{
        "code": "standard",
        "title": texts("Yearly"),
        "form": {"key": "general_application", "version": 1},
        "required_documents": [
            {"code": "plans", "title": texts("Plans"), "mandatory": True,
             "accepted_media_types": ["application/pdf"], "max_size_bytes": 10_000_000},
        ],
        "has_fee": True,
    }],
}


def definition_json(**changes: Any) -> dict[str, Any]:
    """A copy of :data:`COMPLETE` with top-level ``changes``."""
    document = copy.deepcopy(COMPLETE)
    document.update(copy.deepcopy(changes))
    return document
