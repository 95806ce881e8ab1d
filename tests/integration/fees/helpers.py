"""Creating fee rules for the integration and API tests."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

DEMO = Path(__file__).resolve().parents[3] / "eoffice" / "demo" / "fees_data.json"


def demo_rule(key: str) -> dict[str, Any]:
    """A copy of the demo rule ``key`` as in fees_data.json."""
    rules = json.loads(DEMO.read_text(encoding="utf-8"))["rules"]
    return copy.deepcopy(next(rule for rule in rules if rule["key"] == key))


def header(item: dict[str, Any], **changes: Any) -> dict[str, Any]:
    """The arguments of fees.create_rule taken from a demo rule."""
    values = {"key": item["key"], "procedure": item["procedure"], "case": item["case"],
              "title": item["title"], "legal_reference": item["legal_reference"],
              "definition": item["definition"], "examples": item["examples"]}
    values.update(changes)
    return values
