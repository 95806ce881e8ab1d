"""The submissions API: a draft pinned to the versions in force, answers validated
against the pinned form, history of steps; another citizen's submission is 404."""

from __future__ import annotations

from collections.abc import Callable

from flask.testing import FlaskClient
from sqlalchemy.orm import Session

Headers = Callable[[str], dict[str, str]]
START = {"procedure": "general-application", "case": "standard"}


def test_a_draft_is_started_validated_and_kept_with_its_history(
    client: FlaskClient, db: Session, token_for: Headers,
) -> None:
    ana = token_for("ana")
    created = client.post("/api/v1/submissions", json=START, headers=ana)
    assert created.status_code == 201, created.get_json()
    draft = created.get_json()
    assert draft["status"] == "draft" and draft["form"]["key"]
    path = f"/api/v1/submissions/{draft['id']}"

    incomplete = client.patch(path, json={"answers": {"subject": "Noise"}},
                              headers={**ana, "Accept-Language": "ca"})
    body = incomplete.get_json()
    assert incomplete.status_code == 200 and body["status"] == "draft"
    assert body["validation"]["valid"] is False
    assert {"field": "request", "message": "Este camp és obligatori.",
            "code": "required"} in body["validation"]["errors"]
    assert body["answers"] == {"subject": "Noise"}  # a draft keeps what was given

    complete = client.patch(path, json={"answers": {"subject": "Noise",
                                                    "request": "Check the terrace."}},
                            headers=ana).get_json()
    assert complete["status"] == "validated" and complete["validation"]["valid"] is True
    assert len(complete["answers_sha256"]) == 64

    shown = client.get(path, headers=ana).get_json()
    assert [step["action"] for step in shown["history"]] == [
        "Application started", "Answers saved", "Answers checked"]


def test_another_citizen_is_told_the_submission_does_not_exist(
    client: FlaskClient, db: Session, token_for: Headers,
) -> None:
    draft = client.post("/api/v1/submissions", json=START, headers=token_for("ana")).get_json()
    bernat = token_for("bernat")
    path = f"/api/v1/submissions/{draft['id']}"
    for response in (client.get(path, headers=bernat),
                     client.patch(path, json={"answers": {"subject": "Mine now"}},
                                  headers=bernat)):
        assert response.status_code == 404
        assert response.get_json()["code"] == "submissions.unknown_submission"
    assert client.get(path, headers=token_for("ana")).get_json()["answers"] == {}
    assert client.get("/api/v1/submissions/not-a-uuid" + "x" * 60,
                      headers=bernat).status_code == 404


def test_a_case_that_cannot_be_applied_for_is_refused(
    client: FlaskClient, db: Session, token_for: Headers,
) -> None:
    ana = token_for("ana")
    unknown = client.post("/api/v1/submissions",
                          json={"procedure": "general-application", "case": "nope"}, headers=ana)
    assert unknown.status_code == 404 and unknown.get_json()["code"] == "catalogue.unknown_case"
    missing = client.post("/api/v1/submissions", json={"procedure": "x"}, headers=ana)
    assert missing.status_code == 422
    assert client.post("/api/v1/submissions", json=START).status_code == 401


def test_staff_cannot_start_a_citizens_submission(
    client: FlaskClient, db: Session, token_for: Headers,
) -> None:
    refused = client.post("/api/v1/submissions", json=START, headers=token_for("clerk"))
    assert refused.status_code == 403
