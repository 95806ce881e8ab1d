"""Canonical JSON of definitions (what is hashed) and the expanded tree as JSON."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from eoffice.forms.tree import Control, FormTree


def canonical_json(value: Any) -> bytes:
    """Sorted keys, no spaces, UTF-8: the same definition always gives the same bytes."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                      allow_nan=False).encode("utf-8")


def sha256_of(value: Any) -> str:
    return hashlib.sha256(canonical_json(value)).hexdigest()


def control_json(control: Control) -> dict[str, Any]:
    body: dict[str, Any] = {"type": control.type, **control.props}
    if control.is_field:
        body["path"] = control.path
    if control.children:
        body["controls"] = [control_json(child) for child in control.children]
    return body


def tree_json(tree: FormTree) -> dict[str, Any]:
    """The expanded definition: blocks inlined, field names rebased, ``path`` on each field."""
    body: dict[str, Any] = {"key": tree.key, "version": tree.version, "title": dict(tree.title)}
    if tree.description:
        body["description"] = dict(tree.description)
    body["pages" if tree.kind == "form" else "controls"] = [
        control_json(child) for child in tree.children
    ]
    return body
