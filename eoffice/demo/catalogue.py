"""The demo catalogue: eight procedures of a Spanish city in three languages, the
taxonomies that classify them and the units that resolve them
(``catalogue_data.json``). Loading twice changes nothing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from eoffice import catalogue, identity

DATA = Path(__file__).with_name("catalogue_data.json")


def _current_sha256(session: Session, code: str) -> tuple[bool, str | None, int | None]:
    """(exists, content hash of the version visible now, number of the open draft)."""
    try:
        history = catalogue.list_version_history(session, code)
    except catalogue.UnknownProcedure:
        return False, None, None
    current = next((v.content_sha256 for v in history if v.state == "current"), None)
    draft = next((v.number for v in history if v.status == "draft"), None)
    return True, current, draft


def _ensure_published(session: Session, code: str,
                      definition: catalogue.ProcedureDefinition) -> str:
    """``unchanged``, ``published`` or ``draft`` (publication refused: see the log)."""
    exists, current, draft = _current_sha256(session, code)
    if current == catalogue.content_sha256(catalogue.dump_definition(definition)):
        return "unchanged"
    if not exists:
        number = catalogue.create_procedure(session, code, definition, actor="demo").number
    elif draft is not None:
        number = catalogue.save_draft(session, code, draft, definition, actor="demo").number
    else:
        number = catalogue.start_draft(session, code, actor="demo",
                                       definition=definition).number
    try:
        catalogue.publish_version(session, code, number, actor="demo")
    except (catalogue.NotPublishable, catalogue.MissingUnit):
        return "draft"
    return "published"


def load_demo_catalogue(session: Session) -> str:
    """Create or update the demo catalogue; returns a one-line summary.

    Load it after the demo units and the demo forms: a procedure whose pinned
    form is missing stays a draft (and the summary says which).
    """
    data: dict[str, Any] = json.loads(DATA.read_text(encoding="utf-8"))
    for unit in data["units"]:
        identity.ensure_unit(session, code=unit["code"], names=unit["names"],
                             parent_code=unit["parent"])
    catalogue.import_taxonomies(session, data["taxonomies"], actor="demo")
    outcomes: dict[str, str] = {}
    for item in data["procedures"]:
        fields = dict(item)
        code = fields.pop("code")
        outcomes[code] = _ensure_published(session, code, catalogue.load_definition(fields))
    drafts = sorted(code for code, outcome in outcomes.items() if outcome == "draft")
    summary = f"{len(outcomes)} procedures, {len(data['taxonomies']['taxonomies'])} taxonomies"
    return summary + (f" (left as drafts, forms missing?: {', '.join(drafts)})" if drafts else "")
