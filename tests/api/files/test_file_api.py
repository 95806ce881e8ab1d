"""The file of a sent application through the API: its documents (the application, the
sealed receipt) are in it, the history tells what happened, annotations and movements
between units change who is responsible, and only staff of the units concerned see it."""

from __future__ import annotations

from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice import files
from eoffice.files.models import AdministrativeFile
from eoffice.submissions.models import Submission
from tests.api.files.sent import Headers, file_path, send_application


def test_the_application_documents_are_in_the_file_after_it_is_sent(
    client: FlaskClient, db: Session, token_for: Headers,
) -> None:
    sent = send_application(client, token_for)
    number = sent["file"]["number"]
    shown = client.get(file_path(number), headers=token_for("clerk"))
    assert shown.status_code == 200
    file = shown.get_json()
    assert (file["number"], file["procedure"], file["status"], file["unit"]) == (
        number, "general-application", "open", "URB")
    assert file["parties"][0]["id_number"] == "12345678Z"
    submission = db.scalar(select(Submission).where(Submission.id == sent["id"]))
    assert submission is not None
    by_role = {d["role"]: d for d in file["documents"]}
    assert by_role["application"]["document_id"] == submission.application_document_id
    assert by_role["application"]["sha256"] == submission.application_sha256
    assert by_role["receipt"]["document_id"] == sent["receipt"]["document_id"]
    assert [h["kind"] for h in file["history"]][:1] == ["opened"]
    assert sum(h["kind"] == "document_added" for h in file["history"]) == 2
    assert file["index"] is None
    # The procedure's term of resolution (3 months, approval by silence) counts from the
    # day of entry; the clerk sees its last day and the days left.
    [term] = file["deadlines"]
    assert (term["kind"], term["term"], term["state"], term["silence_effect"]) == (
        "resolution", {"value": 3, "unit": "months"}, "running", "approval")
    assert term["due_on"] > file["opened_at"][:10] and term["days_left"] > 80
    file_id = db.scalar(select(AdministrativeFile.id).where(AdministrativeFile.number == number))
    assert file_id is not None  # the announcement delivered again counts nothing twice
    assert files.start_resolution_term(db, file_id, term=term["term"],
                                       silence_effect="approval", actor="worker") is False

    content = client.get(file_path(number, f"/documents/{by_role['receipt']['position']}"
                                            "/content"), headers=token_for("clerk"))
    assert content.status_code == 200 and content.data.startswith(b"%PDF")
    assert content.headers["ETag"] == f'"{by_role["receipt"]["sha256"]}"'

    listed = client.get("/api/v1/files", headers=token_for("clerk")).get_json()
    assert listed["items"][0]["number"] == number and listed["total"] >= 1


def test_annotations_are_kept_with_their_author_and_in_the_timeline(
    client: FlaskClient, token_for: Headers,
) -> None:
    number = send_application(client, token_for)["file"]["number"]
    clerk = token_for("clerk")
    written = client.post(file_path(number, "/annotations"), headers=clerk,
                          json={"text": "Call the applicant about the tree."})
    assert written.status_code == 201
    assert written.get_json()["written_by"] == "clerk"
    empty = client.post(file_path(number, "/annotations"), headers=clerk, json={"text": "  "})
    assert empty.status_code == 422 and empty.get_json()["code"] == "files.empty_annotation"
    file = client.get(file_path(number), headers=clerk).get_json()
    assert [a["text"] for a in file["annotations"]] == ["Call the applicant about the tree."]
    assert {"kind": "annotation_added", "actor": "clerk"} in [
        {"kind": h["kind"], "actor": h["actor"]} for h in file["history"]]


def test_a_file_sent_to_another_unit_changes_hands_when_received_and_comes_back(
    client: FlaskClient, token_for: Headers,
) -> None:
    number = send_application(client, token_for)["file"]["number"]
    clerk, clerk2 = token_for("clerk"), token_for("clerk2")
    moves = file_path(number, "/movements")
    no_reason = client.post(moves, headers=clerk, json={"action": "send", "unit": "HAC"})
    assert no_reason.status_code == 422 and no_reason.get_json()["code"] == \
        "files.reason_required"
    assert client.get(file_path(number), headers=clerk2).status_code == 404

    sent = client.post(moves, headers=clerk,
                       json={"action": "send", "unit": "HAC", "reason": "Tax report"})
    assert sent.status_code == 200 and sent.get_json()["state"] == "sent"
    assert client.get(file_path(number), headers=clerk).get_json()["unit"] == "URB"
    again = client.post(moves, headers=clerk,
                        json={"action": "send", "unit": "HAC", "reason": "Twice"})
    assert again.status_code == 409 and again.get_json()["code"] == "files.movement_pending"
    assert client.get(file_path(number), headers=clerk2).status_code == 200  # sent to it
    note = client.post(file_path(number, "/annotations"), headers=clerk2, json={"text": "x"})
    assert note.status_code == 403 and note.get_json()["code"] == "files.not_allowed"

    received = client.post(moves, headers=clerk2, json={"action": "receive"})
    assert received.status_code == 200 and received.get_json()["received_by"] == "clerk2"
    assert client.get(file_path(number), headers=clerk2).get_json()["unit"] == "HAC"
    assert client.get(file_path(number), headers=clerk).status_code == 200  # still sees it
    assert client.post(file_path(number, "/annotations"), headers=clerk,
                       json={"text": "x"}).status_code == 403
    assert client.post(file_path(number, "/annotations"), headers=clerk2,
                       json={"text": "Report attached soon."}).status_code == 201

    onwards = client.post(moves, headers=clerk2,
                          json={"action": "send", "unit": "URB", "reason": "Back"})
    assert onwards.status_code == 422 and onwards.get_json()["code"] == \
        "files.invalid_movement"  # a unit that sent it gets it back by a return
    returned = client.post(moves, headers=clerk2,
                           json={"action": "return", "reason": "Report done"})
    assert returned.status_code == 200 and returned.get_json()["state"] == "returned"
    file = client.get(file_path(number), headers=clerk).get_json()
    assert file["unit"] == "URB" and file["movements"][0]["return_reason"] == "Report done"
    assert [h["kind"] for h in file["history"]][-3:] == ["received", "annotation_added",
                                                        "returned"]
    assert client.get(file_path(number), headers=clerk2).status_code == 404


def test_a_clerk_of_another_unit_and_a_citizen_cannot_reach_the_file(
    client: FlaskClient, token_for: Headers,
) -> None:
    number = send_application(client, token_for)["file"]["number"]
    clerk2, ana = token_for("clerk2"), token_for("ana")
    for method, suffix, body in (
        ("get", "", None), ("post", "/annotations", {"text": "x"}),
        ("post", "/movements", {"action": "send", "unit": "HAC", "reason": "r"}),
        ("post", "/movements", {"action": "receive"}), ("post", "/closure", None),
        ("post", "/documents", {"document_id": "x"}), ("get", "/documents/1/content", None),
    ):
        other = getattr(client, method)(file_path(number, suffix), headers=clerk2, json=body)
        assert other.status_code == 404, (suffix, other.get_json())
        assert other.get_json()["code"] == "files.unknown_file"
        citizen = getattr(client, method)(file_path(number, suffix), headers=ana, json=body)
        assert citizen.status_code in (403, 404)
    assert client.get(file_path("URB/2026/999999"), headers=token_for("clerk")).status_code \
        == 404
    assert client.get(file_path(number)).status_code == 401
    assert client.get("/api/v1/files", headers=clerk2).get_json()["items"] == [] or all(
        item["number"] != number
        for item in client.get("/api/v1/files", headers=clerk2).get_json()["items"])
