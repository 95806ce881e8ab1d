"""Small definitions shared by the forms tests."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from eoffice.forms.tree import FormTree
from eoffice.forms.validation import check_definition

PRODUCT_FORMS = Path(__file__).resolve().parents[3] / "forms"


def T(text: str) -> dict[str, str]:
    """The same text in every language (tests only)."""
    return {"es": f"{text} (es)", "ca": f"{text} (ca)", "en": text}


def vehicle_block(version: int = 1, *, extra: list[dict[str, Any]] | None = None,
                  ) -> dict[str, Any]:
    return {"key": "test_vehicle", "version": version, "title": T("Vehicle"), "controls": [
        {"type": "text", "key": "plate", "label": T("Plate"), "required": True,
         "format": "vehicle_plate"},
        {"type": "text", "key": "make", "label": T("Make"),
         "show_if": {"!!": {"var": "plate"}}},
        *(extra or []),
    ]}


def sample_form(key: str = "test_form", version: int = 1, *, block_version: int = 1,
                ) -> dict[str, Any]:
    """A form with a condition, a section, a computed value, a repeated block and an address."""
    return {"key": key, "version": version, "title": T("Test form"), "pages": [
        {"key": "main", "title": T("Main"), "controls": [
            {"type": "yes_no", "key": "road", "label": T("Occupies the road"), "required": True},
            {"type": "section", "title": T("Scaffolding"),
             "show_if": {"==": [{"var": "road"}, True]}, "controls": [
                {"type": "number", "key": "m2", "label": T("Area"), "required": True,
                 "min": 1, "max": 100, "suffix": "m²"},
                {"type": "computed", "key": "double", "label": T("Twice"),
                 "expression": {"*": [{"var": "m2"}, 2]}},
             ]},
            {"type": "select", "key": "kind", "label": T("Kind"), "options": [
                {"value": "a", "label": T("Option A")}, {"value": "b", "label": T("Option B")}]},
            {"type": "email", "key": "email", "label": T("E-mail"),
             "required": {"==": [{"var": "kind"}, "b"]},
             "messages": {"required": {"es": "Falta el correo.", "ca": "Falta el correu.",
                                       "en": "The e-mail is missing."}}},
            {"type": "block", "key": "vehicles", "block": "test_vehicle",
             "version": block_version, "repeat": {"min": 1, "max": 3},
             "item_label": T("Vehicle")},
            {"type": "postal_address", "key": "site", "label": T("Site")},
            {"type": "file", "key": "plans", "label": T("Plans"), "document": "plans"},
        ]},
    ]}


def blocks_lookup(*blocks: dict[str, Any]) -> Any:
    found = {(b["key"], b["version"]): b for b in blocks}
    return lambda key, version: found.get((key, version))


def sample_tree() -> FormTree:
    tree, problems = check_definition(sample_form(), kind="form",
                                      lookup=blocks_lookup(vehicle_block()))
    assert problems == [] and tree is not None
    return tree


def product_files() -> dict[tuple[str, str, int], Any]:
    found = {}
    for kind, folder in (("block", "blocks"), ("form", "forms")):
        for path in sorted((PRODUCT_FORMS / folder).glob("*/v*.json")):
            found[(kind, path.parent.name, int(path.stem[1:]))] = json.loads(path.read_text())
    return found
