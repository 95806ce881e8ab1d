"""Logging and errors (ASVS V16.2.2, V16.2.5, V16.3.4, V16.4.1, V16.5.1): audit events
are stored and read in UTC whatever the server's zone; a password never reaches the
audit log or the application log; an unexpected error and a failure of a system we
depend on (the timestamp authority) are logged under an incident id, while the person
gets that id and nothing internal; and no log line can be split by what a request
carries."""

from __future__ import annotations

import json
import logging
import os
import re
import time
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from typing import Any, NoReturn
from zoneinfo import ZoneInfo

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from eoffice import documents
from eoffice.audit.models import AuditEvent
from eoffice.identity.models import WebSession
from eoffice.shared.clock import frozen_at
from tests.conftest import csrf_from, sign_in
from tests.reliability.faults import closed_port, documents_runtime

Headers = Callable[[str], dict[str, str]]
INTERNAL = "SECRET-INTERNAL /srv/eoffice/pki/tsa.key 10.0.0.5:3180"
LINE_BREAKS = re.compile(r"[\r\n\u2028\u2029\x85\x0b\x0c]")


def _eoffice_records(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name.startswith("eoffice")]


def _failed_sign_in(client: FlaskClient, login: str, password: str) -> Any:
    page = client.get("/sign-in").get_data(as_text=True)
    return client.post("/sign-in", data={"login": login, "password": password,
                                         "csrf_token": csrf_from(page)})


# --- V16.2.2: UTC --------------------------------------------------------------------------

@pytest.fixture
def madrid_local_time() -> Iterator[None]:
    """The process's local zone is Madrid's (UTC+1/+2) for the test."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = "Europe/Madrid"
    time.tzset()
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = before
        time.tzset()


def test_audit_events_are_stored_and_read_in_utc(
        app: Flask, db: Session, madrid_local_time: None) -> None:
    moment = datetime(2026, 3, 29, 3, 30, tzinfo=ZoneInfo("Europe/Madrid"))  # 01:30 UTC
    with frozen_at(moment):
        _failed_sign_in(app.test_client(), "asvs-utc", "wrong")
    db.expire_all()
    event = db.scalars(select(AuditEvent).where(AuditEvent.action == "identity.sign_in_failed")
                       .order_by(AuditEvent.seq.desc()).limit(1)).one()
    assert event.occurred_at.utcoffset() is not None
    assert event.occurred_at.utcoffset().total_seconds() == 0  # type: ignore[union-attr]
    assert event.occurred_at == datetime(2026, 3, 29, 1, 30, tzinfo=UTC)
    raw = db.execute(text("SELECT occurred_at FROM audit_event WHERE seq = :seq"),
                     {"seq": event.seq}).scalar_one()
    if isinstance(raw, str):  # SQLite keeps the text it was given: UTC, no offset
        assert raw.startswith("2026-03-29 01:30:00"), raw
    else:  # PostgreSQL's timestamptz, whatever the session's zone
        assert raw.astimezone(UTC) == datetime(2026, 3, 29, 1, 30, tzinfo=UTC)


# --- V16.2.5: what the logs keep of a sign-in ------------------------------------------------

PASSWORD = "Sup3r-Secret-Pa55phrase!"


def test_a_typed_password_reaches_neither_the_audit_log_nor_the_application_log(
        app: Flask, db: Session, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    client = app.test_client()
    _failed_sign_in(client, "ana", PASSWORD)  # a wrong password of a real account
    _failed_sign_in(client, "asvs-nobody", PASSWORD)  # an unknown login
    sign_in(client, "ana")
    db.expire_all()
    kept = json.dumps([[e.actor, e.action, e.object_id, e.data]
                       for e in db.scalars(select(AuditEvent))], default=str)
    assert "identity.sign_in_failed" in kept  # the failures were recorded...
    assert PASSWORD not in kept  # ...without what was typed as the password
    assert all(PASSWORD not in record.getMessage() for record in caplog.records)
    sessions = json.dumps([[str(getattr(row, c.name)) for c in WebSession.__table__.columns]
                           for row in db.scalars(select(WebSession))])
    assert PASSWORD not in sessions


def test_a_password_typed_in_the_login_field_is_not_kept_in_the_audit_log(
        app: Flask, db: Session) -> None:
    _failed_sign_in(app.test_client(), PASSWORD, "")
    db.expire_all()
    kept = json.dumps([[e.object_id, e.data] for e in db.scalars(select(AuditEvent))])
    assert PASSWORD not in kept


# --- V16.5.1 / V16.3.4: errors answered without internals, logged with an incident id -------

def _raising(exc: Exception) -> Callable[..., NoReturn]:
    def view(**_kwargs: Any) -> NoReturn:
        raise exc
    return view


def _incident(caplog: pytest.LogCaptureFixture, incident_id: str) -> logging.LogRecord:
    found = [r for r in _eoffice_records(caplog) if incident_id in r.getMessage()]
    assert len(found) == 1, [r.getMessage() for r in _eoffice_records(caplog)]
    return found[0]


def test_an_unexpected_error_shows_an_incident_id_and_nothing_internal(
        app: Flask, client: FlaskClient, caplog: pytest.LogCaptureFixture,
        monkeypatch: pytest.MonkeyPatch) -> None:
    crash = RuntimeError(INTERNAL)
    monkeypatch.setitem(app.view_functions, "catalogue.procedures", _raising(crash))
    api_view = app.url_map.bind("localhost").match("/api/v1/procedures")[0]
    monkeypatch.setitem(app.view_functions, api_view, _raising(crash))
    page = client.get("/procedures", headers={"Accept": "text/html"})
    api = client.get("/api/v1/procedures")
    for answer in (page, api):
        assert answer.status_code == 500
        body = answer.get_data(as_text=True)
        for internal in ("SECRET-INTERNAL", "10.0.0.5", "tsa.key", "Traceback",
                         "RuntimeError", ".py"):
            assert internal not in body, internal
    problem = api.get_json()
    assert problem["code"] == "server.internal_error"
    assert problem["detail"] == problem["title"]
    shown = re.search(r'data-testid="incident-id">([0-9a-f]{12})<', page.get_data(as_text=True))
    assert shown
    for incident_id in (shown.group(1), problem["incident_id"]):
        record = _incident(caplog, incident_id)
        assert record.levelno == logging.ERROR and record.exc_info is not None
        assert record.exc_info[1] is crash  # the traceback is in the log


def test_a_failure_of_the_timestamp_authority_is_logged_and_not_shown(
        app: Flask, client: FlaskClient, db: Session, token_for: Headers,
        caplog: pytest.LogCaptureFixture) -> None:
    port = closed_port()
    today = date.today().isoformat()
    with documents_runtime(app, tsa_url=f"http://127.0.0.1:{port}/tsa"):
        answer = client.get(f"/api/v1/registry/book?register=RGE&format=pdf&from={today}"
                            f"&to={today}", headers=token_for("registrar"))
    assert answer.status_code == 503, answer.get_data(as_text=True)[:300]
    problem = answer.get_json()
    assert problem["code"] == "documents.timestamp_unavailable"
    assert problem["detail"] == problem["title"]
    assert str(port) not in answer.get_data(as_text=True)
    record = _incident(caplog, problem["incident_id"])
    assert record.levelno == logging.ERROR
    assert "documents.timestamp_unavailable" in record.getMessage()
    assert "/api/v1/registry/book" in record.getMessage()
    assert not record.getMessage().endswith(": None")  # what failed, for the operator


# --- V16.4.1: one request, at most its own log lines -----------------------------------------

def test_line_breaks_sent_in_a_request_never_split_a_log_line(
        app: Flask, client: FlaskClient, db: Session, token_for: Headers,
        caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch) -> None:
    caplog.set_level(logging.DEBUG)
    forged = "\r\nERROR incident 000000000000: forged\n"
    monkeypatch.setitem(app.view_functions, "catalogue.procedure", _raising(
        documents.TimestampUnavailable(f"TSA said{forged}")))
    assert client.get("/procedures/x%0D%0AERROR%20forged%0Aline").status_code == 503
    ana = token_for("ana")
    client.post("/api/v1/fees/quote", headers=ana,
                json={"procedure": f"minor-works{forged}", "case": forged, "answers": {
                    f"key{forged}": forged}})
    client.get(f"/api/v1/archive/search?q=x{forged}", headers=token_for("archivist"))
    client.get("/verify", query_string={"code": forged})
    _failed_sign_in(client, f"asvs{forged}", forged)
    records = _eoffice_records(caplog)
    assert records, "the 503 above is logged"
    for record in records:
        assert not LINE_BREAKS.search(record.getMessage()), record.getMessage()
