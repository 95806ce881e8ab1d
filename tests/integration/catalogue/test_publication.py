"""Publication on time without anyone acting, recorded once, and immutable versions."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from flask import Flask
from sqlalchemy.orm import Session

from eoffice import catalogue
from eoffice.catalogue.errors import NotPublished, PublishedIsImmutable
from eoffice.shared.clock import frozen_at, utcnow
from eoffice.shared.db import Database
from eoffice.shared.worker import Worker
from tests.integration.catalogue.conftest import audit_count, outbox_count, visible_codes
from tests.unit.catalogue.definitions import definition_json

PUBLISHED = "catalogue.procedure_published"
UNPUBLISHED = "catalogue.procedure_unpublished"


def database(app: Flask) -> Database:
    db: Database = app.extensions["eoffice.database"]
    return db


def test_a_procedure_published_for_a_future_date_becomes_visible_when_the_date_passes(
    demo_db: Session, publish: Callable[..., int]
) -> None:
    start = utcnow() + timedelta(days=2)
    publish("pavement-cafe", published_from=start)
    assert "pavement-cafe" not in visible_codes(demo_db)
    with pytest.raises(catalogue.UnknownProcedure):
        catalogue.get_procedure_detail(demo_db, "pavement-cafe", locale="en")
    with frozen_at(start + timedelta(seconds=1)):
        assert "pavement-cafe" in visible_codes(demo_db)
        detail = catalogue.get_procedure_detail(demo_db, "pavement-cafe", locale="ca")
    assert detail.title == "Pavement café licence (ca)"
    assert detail.published_from == start


def test_the_worker_job_records_a_scheduled_publication_once(
    app: Flask, demo_db: Session, publish: Callable[..., int]
) -> None:
    start = utcnow() + timedelta(hours=3)
    publish("pavement-cafe", published_from=start)
    demo_db.flush()
    assert audit_count(demo_db, PUBLISHED, "pavement-cafe") == 0
    job = app.extensions["eoffice.background"].jobs["catalogue.publication"]
    assert job(database(app)) == 0  # not due yet
    with frozen_at(start + timedelta(minutes=1)):
        assert job(database(app)) == 1
        assert job(database(app)) == 0
    assert audit_count(demo_db, PUBLISHED, "pavement-cafe") == 1
    assert outbox_count(demo_db, PUBLISHED, "pavement-cafe") == 1


def test_two_workers_record_an_unpublication_once_and_deliver_its_message(
    app: Flask, demo_db: Session, publish: Callable[..., int]
) -> None:
    end = utcnow() + timedelta(days=1)
    publish("pavement-cafe", published_until=end)
    assert audit_count(demo_db, PUBLISHED, "pavement-cafe") == 1  # visible at once
    background = app.extensions["eoffice.background"]
    workers = [Worker(database(app), background, max_attempts=3, poll_seconds=0)
               for _ in range(2)]
    with frozen_at(end + timedelta(seconds=1)):
        for worker in workers:
            worker.run_once()
        assert "pavement-cafe" not in visible_codes(demo_db)
    assert audit_count(demo_db, UNPUBLISHED, "pavement-cafe") == 1
    assert outbox_count(demo_db, UNPUBLISHED, "pavement-cafe") == 1


def test_publishing_now_is_visible_and_recorded_in_the_same_transaction(
    demo_db: Session, publish: Callable[..., int]
) -> None:
    publish("pavement-cafe")
    assert "pavement-cafe" in visible_codes(demo_db)
    assert audit_count(demo_db, "catalogue.procedure_created", "pavement-cafe") == 1
    assert audit_count(demo_db, "catalogue.version_published", "pavement-cafe") == 1
    assert audit_count(demo_db, PUBLISHED, "pavement-cafe") == 1
    assert outbox_count(demo_db, PUBLISHED, "pavement-cafe") == 1


def test_a_published_version_cannot_be_edited_or_published_again(
    demo_db: Session, publish: Callable[..., int]
) -> None:
    number = publish("pavement-cafe")
    definition = catalogue.load_definition(definition_json(unit="HAC"))
    with pytest.raises(PublishedIsImmutable):
        catalogue.save_draft(demo_db, "pavement-cafe", number, definition, actor="admin")
    with pytest.raises(PublishedIsImmutable):
        catalogue.publish_version(demo_db, "pavement-cafe", number, actor="admin")


def test_a_new_version_replaces_the_published_one_on_its_date_and_history_keeps_both(
    demo_db: Session, publish: Callable[..., int]
) -> None:
    publish("pavement-cafe")
    changed = catalogue.load_definition(definition_json(title={
        "es": "Terraza", "ca": "Terrassa", "en": "Terrace"}))
    draft = catalogue.start_draft(demo_db, "pavement-cafe", actor="admin", definition=changed)
    start = utcnow() + timedelta(days=7)
    catalogue.publish_version(demo_db, "pavement-cafe", draft.number, actor="admin",
                              published_from=start)
    assert catalogue.get_procedure_detail(demo_db, "pavement-cafe", locale="en").version == 1
    with frozen_at(start):
        assert catalogue.get_procedure_detail(demo_db, "pavement-cafe", locale="en").title == (
            "Terrace")
        states = [v.state for v in catalogue.list_version_history(demo_db, "pavement-cafe")]
    assert states == ["superseded", "current"]


def test_unpublishing_now_hides_the_procedure_and_scheduled_versions_with_it(
    demo_db: Session, publish: Callable[..., int]
) -> None:
    publish("pavement-cafe")
    draft = catalogue.start_draft(demo_db, "pavement-cafe", actor="admin")
    catalogue.publish_version(demo_db, "pavement-cafe", draft.number, actor="admin",
                              published_from=utcnow() + timedelta(days=1))
    catalogue.unpublish(demo_db, "pavement-cafe", actor="admin")
    assert "pavement-cafe" not in visible_codes(demo_db)
    with frozen_at(utcnow() + timedelta(days=2)):
        assert "pavement-cafe" not in visible_codes(demo_db)
    assert audit_count(demo_db, UNPUBLISHED, "pavement-cafe") == 1
    with pytest.raises(NotPublished):
        catalogue.unpublish(demo_db, "pavement-cafe", actor="admin")
