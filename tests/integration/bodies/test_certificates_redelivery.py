"""The message that the minutes are signed may be delivered more than once (the outbox
delivers at least once): the certificates of the session's agreements are issued, put in
the files and announced to the files' processes once."""

from __future__ import annotations

from flask import Flask
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from eoffice import bodies, files
from eoffice.bodies.certificates import minutes_signed
from eoffice.bodies.models import Body
from eoffice.documents.models import Document
from eoffice.shared.outbox import Delivery
from tests.integration.bodies.test_meetings_cycle import (
    a_file,
    board,
    convened,
    decided_messages,
    held,
    in_app,
    principal,
    proposal_of,
    sign,
    vote,
)

__all__ = ["board", "in_app"]  # fixtures used here


def test_redelivered_minutes_signed_issues_each_certificate_once(
        db: Session, app: Flask, in_app: None, board: Body) -> None:
    opened = a_file(db)
    meeting = held(db, convened(db, proposal_of(db, opened)))
    meeting = vote(db, meeting, 1, (2, 0, 1))
    meeting = bodies.close_meeting(db, meeting.id, principal=principal(db, "secretary"))
    sign(db, meeting.minutes_circuit_id or "", "secretary")
    sign(db, meeting.minutes_circuit_id or "", "mayor")
    delivery = Delivery(message_id=1, topic=bodies.MINUTES_SIGNED_TOPIC,
                        payload={"meeting": meeting.id}, attempt=1)
    for _ in range(3):
        minutes_signed(delivery)
    certificates = db.scalar(select(func.count()).select_from(Document).where(
        Document.doc_type == "certificate", Document.title.like("%Conceder la subvención%")))
    assert certificates == 1
    brief = files.find_file_brief(db, opened.id)
    assert brief is not None
    assert [d.kind for d in brief.documents].count("certificate") == 1
    assert [m["result"] for m in decided_messages(db)] == ["adopted"]
