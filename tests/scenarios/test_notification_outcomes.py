"""Common subprocess ``notification``: the resolution is notified to each interested
party (the file's representative named on it), the term of resolution is met once it is
made available, and the process waits until every notification it made has an outcome;
the outcome of another notification of the file does not resume it. The operators
``register_exit`` and ``publish_edict`` register and publish for real, and refuse what
they cannot do."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import update
from sqlalchemy.orm import Session

from eoffice import deadlines, files, notifications, registry
from eoffice.processing.operators import CATALOGUE, RunContext
from eoffice.processing.services import instances
from eoffice.processing.services.notice_outcomes import notification_outcome
from eoffice.shared.clock import frozen_at
from eoffice.shared.outbox import Delivery, OutboxMessage, OutboxStatus
from tests.conftest import run_worker
from tests.scenarios import steps

BERNAT = {"name": "Bernat Soler Ferrer", "id_type": "nif", "id_number": "87654321X",
          "role": "interested"}


def _file(db: Session, *parties: Mapping[str, Any]) -> str:
    """A file of URB for ``parties`` with no process of its own."""
    db.execute(update(OutboxMessage).where(OutboxMessage.status == OutboxStatus.PENDING)
               .values(status=OutboxStatus.DONE))  # only this test's work is delivered
    opened = files.open_file(db, files.NewFile(
        unit_code="URB", subject="Fallen tree on Carrer Major", parties=list(parties)),
        actor="registrar")
    db.flush()
    return opened.id


def _run(db: Session, file_id: str, operator: str, **params: Any) -> dict[str, Any]:
    context = RunContext(session=db, instance_id="test", subject_kind="file",
                         subject_id=file_id, unit_code="URB", actor="clerk",
                         element_id="Task_test")
    return CATALOGUE.operators[operator].run(context, params)


def _resolution(db: Session, file_id: str) -> str:
    made = _run(db, file_id, "render_document", template="resolution",
                values={"text": "The tree will be removed."})
    return str(made["document"])


def _notify_in_process(db: Session, file_id: str) -> None:
    document = _resolution(db, file_id)
    steps.start_caller(db, file_id, "notification",
                       before=f'resolution_document = "{document}"')


def _after(db: Session, file_id: str) -> dict[str, Any]:
    """The data the caller's task after the subprocess holds."""
    row = steps.instance_of(db, file_id)
    workflow = instances.load_workflow(db, row, "test")
    [task] = [t for t in workflow.get_tasks() if t.task_spec.bpmn_id == "Task_after"]
    return dict(task.data)


def _of_file(db: Session, file_id: str) -> list[notifications.NotificationView]:
    return notifications.notifications_of_file(db, steps.file_row(db, file_id).number)


def _tell(app: Flask, db: Session) -> None:
    db.flush()
    run_worker(app)
    db.expire_all()


def test_the_term_is_met_when_made_available_and_the_process_waits_for_the_outcome(
        app: Flask, db: Session, in_app: None) -> None:
    file_id = _file(db, steps.ANA)
    term = deadlines.start_deadline(db, deadlines.NewDeadline(
        subject_kind="file", subject_id=file_id, kind="resolution",
        started_on=date.today(), term={"value": 3, "unit": "months"},
        silence_effect="approval"), actor="registrar")
    _notify_in_process(db, file_id)

    [made] = _of_file(db, file_id)
    assert made.state == "available" and made.exit_number
    assert deadlines.get_deadline(db, term.id).state == deadlines.DeadlineState.MET
    assert steps.open_tasks(db, file_id) == []  # waiting for the outcome
    assert steps.file_row(db, file_id).phase != "notified"

    notifications.reject_notification(db, made.id, steps.principal(db, "ana"))
    _tell(app, db)
    assert steps.waiting_task(db, file_id)[0] == "Task_after"
    assert steps.file_row(db, file_id).phase == "notified"
    data = _after(db, file_id)
    assert data["notification_outcome"] == "rejected"
    assert data["notification_outcome_at"].startswith(date.today().isoformat()[:4])
    assert data["notification"]["exit_numbers"] == [made.exit_number]


def test_every_party_is_notified_and_the_process_waits_for_all_of_them(
        app: Flask, db: Session, in_app: None) -> None:
    file_id = _file(db, steps.ANA, BERNAT)
    _notify_in_process(db, file_id)
    by_party = {made.addressee_id_number: made for made in _of_file(db, file_id)}
    assert set(by_party) == {"12345678Z", "87654321X"}
    numbers = [made.exit_number for made in by_party.values()]
    assert len(set(numbers)) == 2 and all(numbers)  # one exit each, none twice

    other = notifications.notify(db, notifications.NewNotification(
        file_number=steps.file_row(db, file_id).number,
        document_id=by_party["12345678Z"].document_id, addressee_id_number="12345678Z",
        addressee_name="Ana García Puig", subject="Copy by hand", sending_unit="URB"),
        actor="clerk")
    notifications.access_notification(db, other.id, steps.principal(db, "ana"))
    notifications.access_notification(db, by_party["12345678Z"].id,
                                       steps.principal(db, "ana"))
    _tell(app, db)
    assert steps.open_tasks(db, file_id) == []  # bernat has not opened his yet

    notifications.access_notification(db, by_party["87654321X"].id,
                                       steps.principal(db, "bernat"))
    _tell(app, db)
    assert steps.waiting_task(db, file_id)[0] == "Task_after"
    heard = _after(db, file_id)["notification_outcomes"]
    assert sorted(h["notification"] for h in heard) == sorted(
        made.id for made in by_party.values())


def test_the_representative_is_named_on_the_notification_of_the_party(
        app: Flask, db: Session, in_app: None) -> None:
    file_id = _file(db, steps.ANA, {**BERNAT, "role": "representative"})
    _notify_in_process(db, file_id)
    [made] = _of_file(db, file_id)
    assert (made.addressee_id_number, made.representative_id_number) == (
        "12345678Z", "87654321X")


def test_a_file_without_a_term_of_resolution_is_notified_all_the_same(
        app: Flask, db: Session, in_app: None) -> None:
    file_id = _file(db, steps.ANA)
    _notify_in_process(db, file_id)
    [made] = _of_file(db, file_id)
    notifications.access_notification(db, made.id, steps.principal(db, "ana"))
    _tell(app, db)
    assert steps.file_row(db, file_id).phase == "notified"
    assert _after(db, file_id)["resolution_term"]["deadline"] is None


def test_a_file_without_an_interested_party_is_not_notified(
        app: Flask, db: Session, in_app: None) -> None:
    file_id = _file(db, {**steps.ANA, "role": "representative"})
    document = _resolution(db, file_id)
    with pytest.raises(ValueError, match="no interested party"):
        _run(db, file_id, "notify_party", document=document)
    assert _of_file(db, file_id) == []


def test_an_outcome_no_process_waits_for_is_only_logged(
        app: Flask, db: Session, in_app: None) -> None:
    file_id = _file(db, steps.ANA)
    number = steps.file_row(db, file_id).number
    with app.app_context():
        notification_outcome(Delivery(1, notifications.OUTCOME_TOPIC, {
            "notification": "n-1", "file_number": number, "outcome": "accessed",
            "at": "2026-12-03T10:00:00+00:00"}, 1))
        notification_outcome(Delivery(2, notifications.OUTCOME_TOPIC, {
            "notification": "n-2", "file_number": "URB/1999/404", "outcome": "expired",
            "at": "2026-12-03T10:00:00+00:00"}, 1))


def test_a_document_sent_by_post_is_registered_as_an_exit(
        app: Flask, db: Session, in_app: None) -> None:
    file_id = _file(db, steps.ANA)
    document = _resolution(db, file_id)
    done = _run(db, file_id, "register_exit", document=document)
    entry = registry.get_entry(db, done["entry"])
    assert entry.number == done["exit_number"]
    assert entry.channel == "postal" and entry.file_number == steps.file_row(
        db, file_id).number
    with pytest.raises(ValueError, match="unknown exit channel 'pigeon'"):
        _run(db, file_id, "register_exit", document=document, channel="pigeon")


def test_an_edict_of_the_file_is_published_for_its_days(
        app: Flask, db: Session, in_app: None) -> None:
    file_id = _file(db, steps.ANA)
    document = _resolution(db, file_id)
    now = datetime.now(UTC).replace(microsecond=0)
    with frozen_at(now):
        done = _run(db, file_id, "publish_edict", document=document, days=15)
        [edict] = [e for e in notifications.list_public_edicts(db)
                   if e.id == done["edict"]]
    assert (edict.publish_from, edict.publish_until) == (now, now + timedelta(days=15))
    assert edict.personal_data and "Ana García Puig" in edict.personal_data["es"]
    with pytest.raises(ValueError, match="from 1 to 183 days, not 0"):
        _run(db, file_id, "publish_edict", document=document, days=0)
