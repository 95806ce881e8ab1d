"""Common subprocess ``hearing``: the parties see the hearing phase, a term of ten
business days runs on the file; once the clerk records the allegations the term is met
and the file is in process again."""

from __future__ import annotations

from flask import Flask
from sqlalchemy.orm import Session

from eoffice import deadlines
from tests.scenarios import steps


def test_the_hearing_opens_a_term_and_closes_with_the_allegations(
        app: Flask, db: Session, file_by_hand: str) -> None:
    steps.start_caller(db, file_by_hand, "hearing")
    assert steps.file_row(db, file_by_hand).phase == "hearing"
    term = next(d for d in deadlines.list_deadlines(db, "file", file_by_hand)
                if d.kind == "hearing")
    assert (term.term.value, term.term.unit) == (10, deadlines.TermUnit.BUSINESS_DAYS)
    assert term.state == deadlines.DeadlineState.RUNNING
    assert steps.waiting_task(db, file_by_hand) == ("Task_record_allegations", "URB",
                                                    "clerk")

    steps.complete(db, file_by_hand, "Task_record_allegations", "clerk",
                   allegations="The neighbour objects to the noise.")
    assert steps.file_row(db, file_by_hand).phase == "in_process"
    assert deadlines.get_deadline(db, term.id).state == deadlines.DeadlineState.MET
    assert steps.waiting_task(db, file_by_hand)[0] == "Task_after"
