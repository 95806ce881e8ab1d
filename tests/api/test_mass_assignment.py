"""Mass assignment: a field the API does not take (a status, an owner, a number) is
refused with 422 ``unknown_field`` naming it, and nothing is created or changed."""

from __future__ import annotations

from collections.abc import Callable

from flask.testing import FlaskClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from eoffice.submissions.models import Submission

Headers = Callable[[str], dict[str, str]]


def _unknown_fields(answer_json: dict[str, object]) -> set[str]:
    errors = answer_json.get("errors") or []
    assert isinstance(errors, list)
    return {str(e["field"]) for e in errors if e.get("code") == "unknown_field"}


def test_a_draft_cannot_be_created_sent_or_for_someone_else(
        client: FlaskClient, db: Session, token_for: Headers) -> None:
    before = db.scalar(select(func.count()).select_from(Submission))
    answer = client.post("/api/v1/submissions", headers=token_for("ana"), json={
        "procedure": "general-application", "case": "standard", "status": "sent",
        "owner": "bernat"})
    assert answer.status_code == 422
    assert _unknown_fields(answer.get_json()) >= {"status", "owner"}
    assert db.scalar(select(func.count()).select_from(Submission)) == before


def test_answers_cannot_carry_a_status_past_validation(
        client: FlaskClient, db: Session, token_for: Headers) -> None:
    ana = token_for("ana")
    draft = client.post("/api/v1/submissions", headers=ana,
                        json={"procedure": "general-application", "case": "standard"})
    path = f"/api/v1/submissions/{draft.get_json()['id']}"
    answer = client.patch(path, headers=ana, json={"answers": {}, "status": "sent"})
    assert answer.status_code == 422 and "status" in _unknown_fields(answer.get_json())
    assert client.get(path, headers=ana).get_json()["status"] == "draft"
