"""Small rule definitions shared by the unit tests of fees."""

from __future__ import annotations

from typing import Any


def texts(value: str) -> dict[str, str]:
    return {"es": value, "ca": value, "en": value}


def percentage_rule(**extra: Any) -> dict[str, Any]:
    """2 % of the budget, minimum 60.00 €; ``extra`` adds or replaces top-level parts."""
    return {
        "inputs": {
            "budget": {"path": "budget", "type": "number", "unit": "money", "max": "1000000",
                       "label": texts("budget")},
            "large_family": {"path": "applicant.large_family", "type": "boolean",
                             "required": False, "label": texts("large family")},
        },
        "charges": [{"key": "licence", "label": texts("Licence fee"),
                     "base": {"kind": "percentage", "of": "budget", "rate": "2"}}],
        "reductions": [{"key": "large_family", "percent": "50", "reason": texts("large family"),
                        "when": {"input": "large_family", "equals": True}}],
        "minimum": "60.00",
        **extra,
    }
