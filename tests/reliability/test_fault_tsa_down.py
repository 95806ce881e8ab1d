"""The timestamp authority down for minutes (its URL a loopback port nothing listens on):
an application sent meanwhile is registered and acknowledged at once, its sealed receipt
waits in the outbox; a sealed document asked for on the spot (the registry book as PDF)
is refused clearly (``documents.timestamp_unavailable``, 503) and nothing is recorded.
Once the authority answers again the receipt is sealed exactly once, within 30 s of the
worker's clock."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from eoffice.documents.models import Document
from eoffice.registry.domain import RECEIPT_DUE_TOPIC, RECEIPT_ISSUED_TOPIC
from eoffice.registry.models import RegistryEntry
from eoffice.shared.localtime import local_today
from eoffice.shared.outbox import OutboxMessage, OutboxStatus
from tests.api.submissions.test_submit_api import validated
from tests.reliability.faults import (
    RESUME_WITHIN,
    WorkerClock,
    closed_port,
    documents_runtime,
    failed,
    moment,
    pending,
)

pytestmark = pytest.mark.reliability
Headers = Callable[[str], dict[str, str]]
# after the demo catalogue is published (by the session app, once the tests are collected)
START = datetime.now(UTC).replace(microsecond=0) + timedelta(minutes=10)
OUTAGE = timedelta(minutes=3)


def _documents(db: Session) -> int:
    db.expire_all()
    return int(db.scalar(select(func.count()).select_from(Document)) or 0)


def test_with_the_tsa_down_for_minutes_receipts_wait_and_are_sealed_once_it_returns(
    app: Flask, client: FlaskClient, db: Session, token_for: Headers,
) -> None:
    db.execute(update(OutboxMessage).where(OutboxMessage.status == OutboxStatus.PENDING)
               .values(status=OutboxStatus.DONE))  # only this test's work is delivered
    ana, registrar = token_for("ana"), token_for("registrar")
    clock = WorkerClock(app, START)
    with documents_runtime(app, tsa_url=f"http://127.0.0.1:{closed_port()}/tsa"):
        with moment(clock):
            paths = [validated(client, ana) for _ in range(2)]
            sent = [client.post(f"{path}/submit", json={}, headers=ana) for path in paths]
        assert [s.status_code for s in sent] == [200, 200]
        assert all(s.get_json()["status"] == "registered" for s in sent)  # acknowledged
        assert all(s.get_json()["receipt"] is None for s in sent)
        entries = [db.scalar(select(RegistryEntry).where(
            RegistryEntry.submission_id == s.get_json()["id"])) for s in sent]
        assert all(e is not None and e.receipt_document_id is None for e in entries)

        before = _documents(db)
        today = local_today().isoformat()
        with moment(clock):
            book = client.get(f"/api/v1/registry/book?register=RGE&format=pdf&from={today}"
                              f"&to={today}", headers=registrar)
        assert book.status_code == 503, book.get_data(as_text=True)[:500]
        assert book.get_json()["code"] == "documents.timestamp_unavailable"
        assert _documents(db) == before  # no unsigned or half-recorded document

        clock.run_for(OUTAGE)
        assert pending(db, RECEIPT_DUE_TOPIC) == 2 and failed(db) == []
        assert _documents(db) == before

    def sealed() -> bool:
        db.expire_all()
        return all(db.get(RegistryEntry, e.id).receipt_document_id for e in entries if e)

    clock.run_until(sealed, within=RESUME_WITHIN)
    clock.run_for(timedelta(minutes=1))  # later rounds seal nothing more
    assert pending(db, RECEIPT_DUE_TOPIC) == 0 and failed(db) == []
    assert _documents(db) == before + 2  # one receipt each, no more
    issued = db.scalar(select(func.count()).select_from(OutboxMessage).where(
        OutboxMessage.topic == RECEIPT_ISSUED_TOPIC))
    assert issued == 2
    for path, entry in zip(paths, entries, strict=True):
        shown = client.get(path, headers=ana).get_json()
        assert entry is not None
        assert shown["status"] in ("registered", "handed_over")
