"""Must show 1 and 2 of the archive: a file is closed, transferred and indexed by the
worker, then found by a word of its resolution's text, in both adapters (FTS5 and an
OpenSearch-compatible server); a clerk of another unit does not find it (API and page),
the archivist and the clerk of its unit do."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from eoffice.archive.index.port import ArchiveIndex
from eoffice.archive.runtime import ArchiveRuntime
from tests.archive.archived_files import Archived, archived_file
from tests.conftest import run_worker, sign_in

Headers = Callable[[str], dict[str, str]]
WORD = "zarzaparrilla"
API = "/api/v1/archive/search"
PAGE = "/backoffice/archive/search"


@pytest.fixture
def archive(app: Flask, fresh_archive: ArchiveRuntime,
            index_backend: Callable[[], ArchiveIndex]) -> ArchiveRuntime:
    fresh_archive.index = index_backend()  # this test's index of the backend under test
    return fresh_archive


@pytest.fixture
def archived(app: Flask, db: Session, archive: ArchiveRuntime) -> Archived:
    with app.app_context():  # only while archiving: each request has its own context
        found = archived_file(
            app, db, unit="URB", subject="Terrace licence for Bar Centre",
            resolution=f"The terrace is granted; the {WORD} planters stay off the pavement.")
    run_worker(app)  # the worker indexes what the transfer enqueued
    return found


def numbers(client: FlaskClient, headers: dict[str, str], query: str) -> list[str]:
    answer = client.get(API, query_string={"q": query}, headers=headers)
    assert answer.status_code == 200, answer.get_json()
    return [hit["file_number"] for hit in answer.get_json()["items"]]


def test_a_closed_file_is_found_by_a_word_of_its_resolution(
        client: FlaskClient, token_for: Headers, archive: ArchiveRuntime,
        archived: Archived) -> None:
    assert archive.index.record_ids() == {archived.record_id}
    answer = client.get(API, query_string={"q": WORD}, headers=token_for("archivist"))
    body = answer.get_json()
    assert body["total"] >= 1
    hit = next(h for h in body["items"] if h["kind"] == "document")
    assert hit["file_number"] == archived.number
    assert hit["closed_at"] is not None and hit["unit"] == "URB"
    assert any(f"<mark>{WORD}</mark>" in h.lower() for h in hit["highlights"])
    # the file's own metadata is indexed too (subject, parties)
    assert archived.number in numbers(client, token_for("archivist"), "terrace Ana")


def test_a_clerk_of_another_unit_does_not_find_it_the_archivist_and_its_clerk_do(
        app: Flask, client: FlaskClient, token_for: Headers, archived: Archived) -> None:
    assert archived.number in numbers(client, token_for("archivist"), WORD)
    assert archived.number in numbers(client, token_for("clerk"), WORD)
    other = client.get(API, query_string={"q": WORD}, headers=token_for("clerk3")).get_json()
    assert other["total"] == 0 and other["items"] == []
    assert all(v == [] for v in other["facets"].values())  # not even counted

    sign_in(client, "clerk3")
    page = client.get(PAGE, query_string={"q": WORD}).get_data(as_text=True)
    assert archived.number not in page and 'data-testid="no-hits"' in page
    archivist = app.test_client()
    sign_in(archivist, "archivist")
    page = archivist.get(PAGE, query_string={"q": WORD}).get_data(as_text=True)
    assert archived.number in page and f"<mark>{WORD}</mark>" in page.lower()
