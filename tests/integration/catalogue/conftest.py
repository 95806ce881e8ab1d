"""Fixtures of the catalogue's integration tests: the demo catalogue and a helper
to put a procedure in it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from eoffice import catalogue
from eoffice.audit.models import AuditEvent
from eoffice.shared.outbox import OutboxMessage
from tests.unit.catalogue.definitions import definition_json

Publish = Callable[..., catalogue.ProcedureDefinition]


@pytest.fixture
def demo_db(db: Session) -> Session:
    """The test's session; the demo catalogue is loaded once for the run (tests/conftest.py)."""
    return db


@pytest.fixture
def publish(demo_db: Session) -> Callable[..., int]:
    """``publish(code, published_from=None, published_until=None, **changes)``: create
    the procedure from the complete test definition and publish it; its version."""

    def create_and_publish(code: str, *, published_from: datetime | None = None,
                           published_until: datetime | None = None, **changes: Any) -> int:
        definition = catalogue.load_definition(definition_json(**changes))
        version = catalogue.create_procedure(demo_db, code, definition, actor="admin")
        catalogue.publish_version(demo_db, code, version.number, actor="admin",
                                  published_from=published_from,
                                  published_until=published_until)
        return version.number

    return create_and_publish


def audit_count(db: Session, action: str, code: str) -> int:
    query = select(func.count()).select_from(AuditEvent).where(
        AuditEvent.action == action, AuditEvent.object_id == code)
    return db.scalar(query) or 0


def outbox_count(db: Session, topic: str, code: str) -> int:
    messages = db.scalars(select(OutboxMessage).where(OutboxMessage.topic == topic))
    return sum(1 for message in messages if message.payload.get("procedure") == code)


def visible_codes(db: Session) -> list[str]:
    return [item.code for item in catalogue.search_procedures(db, locale="en")]
