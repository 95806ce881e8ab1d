"""Publishing the sample definitions through the real services."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from eoffice.forms.services import versions
from tests.unit.forms.samples import sample_form, vehicle_block


def publish_definition(db: Session, kind: str, definition: dict[str, Any]) -> Any:
    row = versions.start_draft(db, kind, definition["key"], actor="test", definition=definition)
    return versions.publish(db, kind, row.key, row.version, actor="test")


def publish_samples(db: Session) -> None:
    publish_definition(db, "block", vehicle_block())
    publish_definition(db, "form", sample_form())
