"""The demo fee rules: one per demo procedure case with a fee, with their example
cases (``fees_data.json``). Loading twice changes nothing; a rule whose content
changed in the file gets a new version, in force from tomorrow."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from eoffice import fees

DATA = Path(__file__).with_name("fees_data.json")


def _ensure(session: Session, item: dict[str, Any]) -> str:
    """``unchanged``, ``created`` or ``updated``."""
    wanted = fees.content_sha256(item["definition"], item["examples"])
    found = fees.find_rule(session, item["key"])
    if found is None:
        new = fees.NewRule(key=item["key"], procedure=item["procedure"], case=item["case"],
                           title=item["title"], legal_reference=item["legal_reference"])
        number = fees.create_rule(session, new, definition=item["definition"],
                                  examples=item["examples"], actor="demo").number
        start, outcome = date.fromisoformat(item["valid_from"]), "created"
    else:
        published = [v for v in found.versions if v.state == "published"]
        if published and published[-1].content_sha256 == wanted:
            return "unchanged"
        draft = found.draft
        number = (draft.number if draft else
                  fees.start_draft(session, item["key"], actor="demo").number)
        fees.save_draft(session, item["key"], number, definition=item["definition"],
                        examples=item["examples"], actor="demo")
        start, outcome = fees.local_today() + timedelta(days=1), "updated"
    fees.publish(session, item["key"], number, valid_from=start, actor="demo")
    return outcome


def load_demo_fees(session: Session) -> str:
    """Create or update the demo fee rules; returns a one-line summary.

    Load it after the catalogue: a rule is checked against its case's pinned form."""
    data: dict[str, Any] = json.loads(DATA.read_text(encoding="utf-8"))
    outcomes = [_ensure(session, item) for item in data["rules"]]
    return f"{len(outcomes)} fee rules"
