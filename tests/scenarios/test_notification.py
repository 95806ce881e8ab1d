"""Common subprocess ``notification``: the signed resolution is to be notified and
registered as an exit (intents until those contexts carry them out), the term of
resolution is met and the file's parties see it notified."""

from __future__ import annotations

from datetime import date

from flask import Flask
from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice import deadlines
from eoffice.processing.models import Intent
from tests.scenarios import steps


def test_the_resolution_is_notified_and_its_term_met(
        app: Flask, db: Session, file_by_hand: str) -> None:
    term = deadlines.start_deadline(db, deadlines.NewDeadline(
        subject_kind="file", subject_id=file_by_hand, kind="resolution",
        started_on=date.today(), term={"value": 3, "unit": "months"},
        silence_effect="approval"), actor="registrar")
    row = steps.start_caller(db, file_by_hand, "notification",
                             before='resolution_document = "doc-1"')

    intents = db.scalars(select(Intent).where(Intent.instance_id == row.id)
                         .order_by(Intent.id)).all()
    assert [(i.operator, i.params) for i in intents] == [
        ("notify_party", {"document": "doc-1"}), ("register_exit", {"document": "doc-1"})]
    assert deadlines.get_deadline(db, term.id).state == deadlines.DeadlineState.MET
    assert steps.file_row(db, file_by_hand).phase == "notified"
    assert steps.waiting_task(db, file_by_hand)[0] == "Task_after"


def test_a_file_without_a_term_of_resolution_is_notified_all_the_same(
        app: Flask, db: Session, file_by_hand: str) -> None:
    steps.start_caller(db, file_by_hand, "notification",
                       before='resolution_document = "doc-1"')
    assert steps.file_row(db, file_by_hand).phase == "notified"
