"""The archive's search cluster unreachable for minutes (the OpenSearch adapter pointed at
a loopback port nothing listens on): a file transferred to the archive meanwhile is
archived all the same, its index update waiting in the outbox and never given up on; a
search is refused clearly (``archive.index_unavailable``, 503). When the cluster (an
OpenSearch-compatible osmem-server on loopback) answers again the file is indexed once,
every item once, within 30 s of the worker's clock, and the search finds it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from eoffice.archive.index.opensearch import OpenSearchIndex
from eoffice.archive.models import Record
from eoffice.archive.runtime import EXTENSION as ARCHIVE_RUNTIME
from eoffice.archive.runtime import ArchiveRuntime
from eoffice.archive.services import indexing
from eoffice.archive.topics import INDEX_TOPIC
from eoffice.shared.outbox import OutboxMessage, OutboxStatus
from tests.archive.archived_files import archived_file
from tests.reliability.faults import (
    RESUME_WITHIN,
    WorkerClock,
    closed_port,
    failed,
    moment,
    pending,
    unique_name,
)

osmem_server = pytest.importorskip("osmem_server", reason="osmem-server is a test dependency")

pytestmark = pytest.mark.reliability
Headers = Callable[[str], dict[str, str]]
# after the demo catalogue is published (by the session app, once the tests are collected)
START = datetime.now(UTC).replace(microsecond=0) + timedelta(minutes=10)
OUTAGE = timedelta(minutes=3)
WORD = "cormorant"
SEARCH = "/api/v1/archive/search"


@pytest.fixture
def cluster(app: Flask, db: Session, tmp_path: Path) -> Iterator[OpenSearchIndex]:
    """A live OpenSearch-compatible cluster with this test's index, and the archive's own
    package folder; only this test's outbox work is delivered."""
    db.execute(update(OutboxMessage).where(OutboxMessage.status == OutboxStatus.PENDING)
               .values(status=OutboxStatus.DONE))
    server = osmem_server.OsmemServer.start(japanese=False)
    previous = app.extensions[ARCHIVE_RUNTIME]
    live = OpenSearchIndex(server.url, alias=unique_name("archive-faults"))
    app.extensions[ARCHIVE_RUNTIME] = ArchiveRuntime(index=live, root=tmp_path / "archive")
    try:
        with app.app_context():
            live.ensure()
        yield live
    finally:
        app.extensions[ARCHIVE_RUNTIME] = previous
        server.close()


def test_with_the_search_cluster_unreachable_files_are_archived_and_indexed_once_it_returns(
    app: Flask, client: FlaskClient, db: Session, token_for: Headers,
    cluster: OpenSearchIndex,
) -> None:
    runtime: ArchiveRuntime = app.extensions[ARCHIVE_RUNTIME]
    runtime.index = OpenSearchIndex(f"http://127.0.0.1:{closed_port()}",
                                    alias=cluster.alias)  # the cluster is gone
    clock = WorkerClock(app, START)
    archivist = token_for("archivist")
    with moment(clock):
        with app.app_context():  # a clerk closes the file, the archive takes it over
            archived = archived_file(app, db, unit="URB", subject="Harbour wall repair",
                                     resolution=f"The {WORD} nest on the harbour wall stays.")
        refused = client.get(SEARCH, query_string={"q": WORD}, headers=archivist)
    assert db.get(Record, archived.record_id) is not None  # archived all the same
    assert refused.status_code == 503
    assert refused.get_json()["code"] == "archive.index_unavailable"
    assert pending(db, INDEX_TOPIC) == 1

    clock.run_for(OUTAGE)
    assert pending(db, INDEX_TOPIC) == 1 and failed(db) == []
    message = db.scalar(select(OutboxMessage).where(OutboxMessage.topic == INDEX_TOPIC,
                                                    OutboxMessage.status == "pending"))
    assert message is not None and "IndexUnavailable" in (message.last_error or "")

    runtime.index = cluster  # the cluster answers again
    clock.run_until(lambda: pending(db, INDEX_TOPIC) == 0, within=RESUME_WITHIN)
    clock.run_for(timedelta(minutes=1))

    record = db.get(Record, archived.record_id)
    assert record is not None
    with app.app_context():
        assert cluster.record_ids() == {archived.record_id}
        assert cluster.count() == len(indexing.items_of_record(db, record))  # each once
    with moment(clock):
        found = client.get(SEARCH, query_string={"q": WORD}, headers=archivist)
    assert found.status_code == 200, found.get_json()
    assert archived.number in {item["file_number"] for item in found.get_json()["items"]}
    assert failed(db) == []
