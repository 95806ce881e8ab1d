"""The objects the authorisation matrix calls routes on, built once per module.

Citizen A is ``ana``: a draft and a sent application (which opens a file of the urban
planning unit ``URB`` where she is a party, with its registry entry and documents), a
second URB file holding a resolution notified to her, a payment, a power she granted and
a web session in another browser.
The unit's side is the same URB file, the task its process opened, a URB document and
the registry entry. Citizen B (``bernat``) and a clerk of another unit (``clerk3``, ODP)
must find none of them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice import identity
from eoffice.documents.models import Document
from eoffice.identity.models import WebSession
from eoffice.identity.services.web_sessions import (
    SessionLimits,
    open_web_session,
    token_digest,
)
from eoffice.payments.models import Payment
from eoffice.processing.models import UserTask as Task
from eoffice.registry.models import RegistryEntry
from eoffice.submissions.models import Submission
from tests.api.folder.support import citizen_with_everything
from tests.conftest import rolled_back, run_worker, sign_in

CSRF_HEADER = re.compile(r'"X-CSRFToken": "([^"]+)"')


@dataclass
class Caller:
    """One demo role as an API client (bearer token) and as a browser (session)."""

    login: str | None  # None: anonymous
    headers: dict[str, str] = field(default_factory=dict)
    browser: FlaskClient | None = None
    csrf: str = ""


@dataclass
class World:
    app: Flask
    db: Session
    callers: dict[str, Caller]
    samples: dict[str, dict[str, Any]]


def _issue(db: Session, login: str) -> dict[str, str]:
    account = identity.get_account(db, login)
    issued = identity.issue_token(db, account, name="matrix", valid_for=timedelta(days=1),
                                  actor="test")
    db.flush()
    return {"Authorization": f"Bearer {issued.secret}"}


def _browser(app: Flask, login: str) -> tuple[FlaskClient, str]:
    browser = app.test_client()
    signed = sign_in(browser, login)
    assert signed.status_code in (302, 303), f"{login} could not sign in"  # type: ignore[attr-defined]
    page = browser.get("/").get_data(as_text=True)
    match = CSRF_HEADER.search(page)
    assert match, "the layout carries no CSRF token"
    return browser, match.group(1)


def _web_session_of(db: Session, login: str) -> int:
    """A live web session of ``login`` in another browser (the row id, never the token)."""
    token = open_web_session(db, identity.get_account(db, login), client="192.0.2.7",
                             limits=SessionLimits(absolute=timedelta(hours=8),
                                                  idle=timedelta(hours=8)))
    row = db.scalar(select(WebSession).filter_by(token_sha256=token_digest(token)))
    assert row is not None
    return row.id


def _build_objects(db: Session, api: FlaskClient,
                   callers: dict[str, Caller]) -> dict[str, dict[str, Any]]:
    def token_for(login: str) -> dict[str, str]:
        return callers[login].headers

    held = citizen_with_everything(api, db, token_for, "ana")
    drafts = [s for s in held.submission_ids
              if db.get_one(Submission, s).status in ("draft", "validated")]
    sent = [s for s in held.submission_ids if s not in drafts]
    assert len(drafts) == 1 and len(sent) == 1, held
    sent_row = db.get_one(Submission, sent[0])
    entry = db.scalar(select(RegistryEntry).where(RegistryEntry.submission_id == sent[0]))
    assert entry is not None and entry.destination_unit == "URB", held
    run_worker(api.application)  # hands the file to processing: a task of URB opens
    application_file, other_file = sorted(held.file_numbers)
    power = api.post("/api/v1/powers", headers=token_for("ana"), json={
        "representative_id_number": "99999999R", "representative_name": "Sergi Bosch Vila"})
    assert power.status_code == 201, power.get_json()
    paid, pending = sorted(held.payment_references, key=lambda reference: db.scalar(
        select(Payment.paid_at).where(Payment.reference == reference)) is None)
    task = db.scalar(select(Task).where(Task.unit_code == "URB", Task.state == "open"))
    assert task is not None, "no open task of URB after the application was sent"
    db.flush()
    return {
        "ana_draft": {"submission_id": drafts[0]},
        "ana_sent": {"submission_id": sent_row.id},
        "ana_file": {"number": application_file},
        "ana_resolution_file": {"number": other_file},
        "ana_notification": {"notification_id": next(iter(held.notification_ids))},
        "ana_document": {"document_id": sent_row.application_document_id},
        "ana_payment": {"reference": paid},
        "ana_pending_payment": {"reference": pending},
        "ana_power": {"power_id": power.get_json()["id"]},
        "ana_web_session": {"session_id": _web_session_of(db, "ana")},
        "urb_task": {"task_id": task.id},
        "urb_entry": {"entry_id": entry.id},
        "ana_verify": {"code": db.get_one(Document,
                                          sent_row.application_document_id).verification_code},
    }


@contextmanager
def built(app: Flask, logins: list[str]) -> Iterator[World]:
    """The world in one transaction that is rolled back when the module is done."""
    with rolled_back(app) as db:
        anonymous = app.test_client()
        page = anonymous.get("/sign-in").get_data(as_text=True)
        match = CSRF_HEADER.search(page)
        assert match, "the layout carries no CSRF token"
        callers = {"anonymous": Caller(None, browser=anonymous, csrf=match.group(1))}
        for login in logins:
            callers[login] = Caller(login, headers=_issue(db, login))
        with app.app_context():
            samples = _build_objects(db, app.test_client(), callers)
        for login in logins:
            callers[login].browser, callers[login].csrf = _browser(app, login)
        yield World(app, db, callers, samples)
