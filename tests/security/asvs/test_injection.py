"""Injection (ASVS V1): hostile text in a form's labels, options and conditions reaches
the browser escaped (V1.2.3); quotes and FTS5 syntax sent to the archive search are
words, never SQL or index syntax (V1.2.4); patterns built from data match only their
text (V1.2.9); a PDF template never makes the server fetch a URL (V1.3.6); a line break
in an alert's subject adds no mail header (V1.3.11)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from lxml import html as lxml_html
from sqlalchemy import select
from sqlalchemy.orm import Session
from werkzeug.datastructures import MultiDict

from eoffice import forms
from eoffice.archive.index.opensearch import OpenSearchIndex
from eoffice.archive.index.port import IndexedItem, Scope, SearchRequest
from eoffice.archive.index.query import parse_query
from eoffice.archive.runtime import ArchiveRuntime
from eoffice.archive.services.packages_build import attempt_folders
from eoffice.catalogue.admin_pages.draft_form import _indices as row_indices
from eoffice.catalogue.admin_pages.draft_form import from_fields
from eoffice.documents.errors import TemplateFailed
from eoffice.documents.rendering.render import html_to_pdfa
from eoffice.notifications.mail import deliver_email, queue_email
from eoffice.shared.outbox import Delivery, OutboxMessage
from tests.security.asvs.listeners import Listener, noting_server
from tests.smtp_sink import SmtpSink, smtp_relay

Headers = Callable[[str], dict[str, str]]
HOSTILE = "\"'><script>alert(1)</script><img src=x onerror=alert(2)>"


def _text(value: str) -> dict[str, str]:
    return {"es": value, "ca": value, "en": value}


# --- V1.2.3: data going to the browser as HTML and as JSON in attributes ----------------

def _hostile_form() -> tuple[dict[str, Any], dict[str, Any]]:
    rule = {"==": [{"var": "kind"}, HOSTILE]}
    definition = {"key": "asvs_hostile", "version": 1, "title": _text(HOSTILE), "pages": [
        {"key": "main", "title": _text("Main"), "controls": [
            {"type": "select", "key": "kind", "label": _text(HOSTILE),
             "hint": _text(HOSTILE), "options": [
                 {"value": "a", "label": _text(HOSTILE)},
                 {"value": "b", "label": _text("Plain")}]},
            {"type": "text", "key": "detail", "label": _text("Detail"), "show_if": rule},
        ]},
    ]}
    return definition, rule


def test_hostile_labels_options_and_condition_values_reach_the_browser_escaped(
        app: Flask, db: Session) -> None:
    definition, rule = _hostile_form()
    with app.test_request_context("/"):
        page = str(forms.render_draft_html(db, definition, answers={"detail": HOSTILE}))
    assert "<script>" not in page and "<img" not in page
    tree = lxml_html.fromstring(f"<div>{page}</div>")
    assert not tree.xpath("//script[not(@src)] | //img | //*[@onerror]")
    assert all(src.startswith("/static/") for src in tree.xpath("//script/@src"))
    [detail] = tree.xpath("//*[@data-eo-path='detail']")
    assert json.loads(detail.get("data-eo-show-if")) == rule  # the exact value, as JSON
    assert HOSTILE in tree.text_content()  # shown as text, not dropped
    [option] = tree.xpath("//option[@value='a']")
    assert option.text_content().strip() == HOSTILE


# --- V1.2.4: the archive search through the API ----------------------------------------

def _item(number: str, title: str, text: str) -> IndexedItem:
    record = number.replace("/", "-")
    return IndexedItem(id=f"file:{record}", kind="file", record_id=record, file_number=number,
                       title=title, text=text, unit="URB", series="URB-LIC", year=2026,
                       confidentiality="restricted", procedure="minor-works",
                       date=date(2026, 3, 1))


@pytest.fixture
def two_files(fresh_archive: ArchiveRuntime) -> ArchiveRuntime:
    fresh_archive.index.ensure()
    fresh_archive.index.put([
        _item("URB/2026/000101", "Pergola permit", "secret pergola beside the market"),
        _item("URB/2026/000102", "Fence permit", "a fence beside the school"),
    ])
    return fresh_archive


def _search(client: FlaskClient, headers: dict[str, str], **query: Any) -> Any:
    return client.get("/api/v1/archive/search", query_string=query, headers=headers)


PERGOLA, FENCE = "URB/2026/000101", "URB/2026/000102"
REFUSED = 422


@pytest.mark.parametrize(("query", "expected"), [
    ("pergola' OR '1'='1", {PERGOLA}),  # SQL: the words "pergola" or "1 1"
    ("NEAR(secret market)", set()),  # FTS5's NEAR would find the pergola: "near" is a word
    ("title:fence", set()),  # a column filter would find the fence: a phrase here
    ("body_1:fence", set()),  # neither a table nor a column of the index
    ("fence NOT pergola", set()),  # FTS5's NOT would find the fence: "not" is a word
    ('"pergola" NOT "x" *', set()),
    ("*", {PERGOLA, FENCE}),  # no word: everything (browsing), not an FTS5 syntax error
    ("'", {PERGOLA, FENCE}),
    ("pergola OR fence", {PERGOLA, FENCE}),  # the query language's own OR
    ("^fence", {FENCE}),
    ("pergol*", {PERGOLA}),
    ('"', REFUSED),
    ("'; DROP TABLE audit_event; --", REFUSED),
    ("pergola)", REFUSED),
    ("((", REFUSED),
])
def test_quotes_and_index_syntax_in_an_archive_search_are_taken_as_words(
        client: FlaskClient, token_for: Headers, two_files: ArchiveRuntime, query: str,
        expected: set[str] | int) -> None:
    archivist = token_for("archivist")
    answer = _search(client, archivist, q=query)
    if expected == REFUSED:
        assert answer.status_code == REFUSED, answer.get_data(as_text=True)[:300]
        assert answer.get_json()["code"].startswith("archive.")
    else:
        assert answer.status_code == 200, answer.get_data(as_text=True)[:300]
        assert {item["file_number"] for item in answer.get_json()["items"]} == expected
    assert _search(client, archivist, q="pergola").get_json()["total"] == 1  # still there


def test_facet_filters_of_the_archive_search_are_values_not_sql(
        client: FlaskClient, token_for: Headers, two_files: ArchiveRuntime) -> None:
    archivist = token_for("archivist")
    assert _search(client, archivist, unit="URB").get_json()["total"] == 2
    for hostile in ("URB' OR '1'='1", "URB') OR 1=1 --", "x\" OR 1=1 --", "2026 OR 1=1"):
        for facet in ("unit", "series", "procedure", "kind", "year"):
            answer = _search(client, archivist, **{facet: hostile})
            assert answer.status_code in (200, REFUSED), (facet, answer.status_code)
            if answer.status_code == 200:
                assert answer.get_json()["total"] == 0, (facet, hostile)
    # Below the API's own check of the values, the index binds them as parameters.
    everyone = Scope(units=None, confidentiality=frozenset({"restricted"}))
    for facet in ("unit", "series", "procedure", "kind", "year"):
        for hostile in ("URB' OR '1'='1", "x') OR 1=1 --"):
            asked = SearchRequest(query=parse_query(""), scope=everyone,
                                  filters={facet: (hostile,)})
            assert two_files.index.search(asked).total == 0, (facet, hostile)
    plain = SearchRequest(query=parse_query(""), scope=everyone, filters={"unit": ("URB",)})
    assert two_files.index.search(plain).total == 2


# --- V1.2.9: regular expressions built from data -----------------------------------------

def test_rows_of_the_procedure_editor_are_found_by_their_literal_prefix() -> None:
    # The prefix is taken literally: "." is a dot, and "(" no broken pattern.
    fields = MultiDict([("case.x-0-code", "a"), ("caseXx-1-code", "b"), ("c(-2-code", "c")])
    assert row_indices(fields, "case.x") == [0]
    assert row_indices(fields, "c(") == [2]
    posted = MultiDict([("cases-0-code", "standard"),
                        ("cases-0-required_documents-0-code", "plans")])
    [case] = from_fields(posted).cases
    assert [document.code for document in case.documents] == ["plans"]


def test_bag_folders_of_a_file_are_found_by_their_literal_name(tmp_path: Path) -> None:
    for name in ("URB.2026.000001", "URB.2026.000001-0a1b2c3d", "URBX2026X000001",
                 "URB.2026.000001-0a1b2c3d-more"):
        (tmp_path / name).mkdir()
    found = [p.name for p in attempt_folders(tmp_path, "URB.2026.000001")]
    assert found == ["URB.2026.000001", "URB.2026.000001-0a1b2c3d"]
    assert attempt_folders(tmp_path, "URB.2026.(") == []  # not a broken pattern


def test_archive_index_generations_are_recognised_by_the_literal_alias() -> None:
    index = OpenSearchIndex("http://127.0.0.1:9", alias="city.archive")
    assert index._next_name(["city.archive-1", "cityXarchive-7", "city.archive-3"]) == (
        "city.archive-4")
    assert OpenSearchIndex("http://127.0.0.1:9", alias="a+(")._next_name(["a+(-2"]) == "a+(-3"


# --- V1.3.6: PDF rendering fetches nothing --------------------------------------------

@pytest.fixture
def listener() -> Iterator[Listener]:
    with noting_server() as server:
        yield server


@pytest.mark.parametrize("resource", [
    '<link rel="stylesheet" href="{url}/style.css">',
    "<style>@import url('{url}/imported.css');</style>",
    '<img src="{url}/pixel.png">',
    '<object data="{url}/object.svg"></object>',
    '<img src="file://{secret}">',
    '<link rel="stylesheet" href="file://{secret}">',
])
def test_a_pdf_template_never_makes_the_server_fetch_a_url(
        listener: Listener, tmp_path: Path, resource: str) -> None:
    secret = tmp_path / "secret.css"
    secret.write_text("body { color: blue; }")
    html = ("<html><head></head><body><p>Text</p>"
            + resource.format(url=listener.url, secret=secret) + "</body></html>")
    with pytest.raises(TemplateFailed, match="asks for a resource"):
        html_to_pdfa(html)
    assert listener.asked == []


def test_inline_data_urls_are_what_a_pdf_template_may_use() -> None:
    pixel = "data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7"
    assert html_to_pdfa(f'<html><body><p>Text</p><img src="{pixel}"></body></html>'
                        ).startswith(b"%PDF-")


# --- V1.3.11: mail headers ---------------------------------------------------------------

class EnvelopeSink(SmtpSink):
    """The loopback SMTP sink, also keeping each message's envelope recipients (where an
    injected ``Bcc`` would end up: smtplib moves it from the headers to the envelope)."""

    def __init__(self) -> None:
        super().__init__()
        self.recipients: list[list[str]] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.recipients.append(list(envelope.rcpt_tos))
        return await super().handle_DATA(server, session, envelope)


@pytest.fixture
def envelope_sink(app: Flask) -> Iterator[EnvelopeSink]:
    sink = EnvelopeSink()
    sink.start()
    try:
        with smtp_relay(app, sink.url):
            yield sink
    finally:
        sink.stop()


def test_a_line_break_in_an_alert_subject_adds_no_header_and_no_recipient(
        app: Flask, db: Session, envelope_sink: EnvelopeSink) -> None:
    subject = "Your file\r\nBcc: mallory@evil.test\r\nX-Injected: yes\nSubject: forged"
    assert queue_email(db, to="ana@demo.eoffice.test", subject=subject, body="Body",
                       dedup_key="asvs-crlf")
    queued = db.scalar(select(OutboxMessage).where(
        OutboxMessage.dedup_key == "notifications.email:asvs-crlf"))
    assert queued is not None
    with app.app_context():
        deliver_email(Delivery(message_id=queued.id, topic=queued.topic,
                               payload=queued.payload, attempt=1))
    assert envelope_sink.recipients == [["ana@demo.eoffice.test"]]
    [mail] = envelope_sink.received
    assert mail.get_all("X-Injected") is None and mail.get_all("Bcc") is None
    assert mail.get_all("To") == ["ana@demo.eoffice.test"]
    [shown] = mail.get_all("Subject") or []
    assert "mallory@evil.test" in str(shown)  # kept as text of the one subject line
