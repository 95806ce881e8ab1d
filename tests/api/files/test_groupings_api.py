"""Groupings of files processed together through the API: a clerk groups files of her
unit, each addition and removal shows in the file's timeline, a closed file or a file of
another unit cannot join, and other units do not see the grouping."""

from __future__ import annotations

from typing import Any

from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from eoffice import files
from tests.api.files.sent import Headers, file_path
from tests.conftest import sign_in

GROUPINGS = "/api/v1/file-groupings"


def open_files(db: Session, unit: str, *subjects: str) -> list[str]:
    """Open a file of ``unit`` per subject (as a registration would); their numbers."""
    numbers = [files.open_file(db, files.NewFile(unit_code=unit, subject=subject,
                                                  parties=[], procedure="minor-works"),
                               actor="registrar").number
               for subject in subjects]
    db.flush()
    return numbers


def new_grouping(client: FlaskClient, headers: dict[str, str], **extra: Any) -> Any:
    made = client.post(GROUPINGS, headers=headers, json={
        "name": "Works at Carrer Major 5", "reason": "Same building, same applicant",
        **extra})
    assert made.status_code == 201, made.get_json()
    return made.get_json()


def _kinds(client: FlaskClient, number: str, headers: dict[str, str]) -> list[str]:
    history = client.get(file_path(number), headers=headers).get_json()["history"]
    return [h["kind"] for h in history]


def test_a_clerk_groups_files_of_her_unit_and_each_file_keeps_it_in_its_history(
    client: FlaskClient, db: Session, token_for: Headers,
) -> None:
    first, second = open_files(db, "URB", "Licence for the roof", "Licence for the facade")
    clerk = token_for("clerk")
    grouping = new_grouping(client, clerk)
    assert grouping["unit"] == "URB" and grouping["files"] == []
    assert grouping["number"].startswith("URB/") and grouping["created_by"] == "clerk"
    path = f"{GROUPINGS}/{grouping['id']}"

    for number in (first, second):
        added = client.post(f"{path}/files", headers=clerk, json={"number": number})
        assert added.status_code == 201, added.get_json()
    shown = client.get(path, headers=token_for("head")).get_json()
    assert [(f["number"], f["subject"], f["status"]) for f in shown["files"]] == [
        (first, "Licence for the roof", "open"), (second, "Licence for the facade", "open")]
    twice = client.post(f"{path}/files", headers=clerk, json={"number": first})
    assert twice.status_code == 409 and twice.get_json()["code"] == "files.already_grouped"
    assert _kinds(client, first, clerk).count("grouped") == 1

    taken = client.delete(f"{path}/files/{first}", headers=clerk)
    assert taken.status_code == 200
    assert [f["number"] for f in taken.get_json()["files"]] == [second]
    assert _kinds(client, first, clerk)[-2:] == ["grouped", "ungrouped"]
    again = client.delete(f"{path}/files/{first}", headers=clerk)
    assert again.status_code == 404 and again.get_json()["code"] == "files.not_grouped"
    listed = client.get(GROUPINGS, headers=clerk).get_json()
    assert grouping["id"] in [g["id"] for g in listed["items"]]


def test_a_file_can_be_in_several_groupings(
    client: FlaskClient, db: Session, token_for: Headers,
) -> None:
    (number,) = open_files(db, "URB", "Shared file")
    clerk = token_for("clerk")
    ids = [new_grouping(client, clerk, name=name)["id"] for name in ("Block A", "Block B")]
    for grouping_id in ids:
        assert client.post(f"{GROUPINGS}/{grouping_id}/files", headers=clerk,
                           json={"number": number}).status_code == 201
    assert _kinds(client, number, clerk).count("grouped") == 2


def test_a_closed_file_is_refused_and_the_grouping_does_not_change(
    client: FlaskClient, db: Session, token_for: Headers,
) -> None:
    (number,) = open_files(db, "URB", "Already resolved")
    clerk = token_for("clerk")
    assert client.post(file_path(number, "/closure"), headers=clerk).status_code == 200
    grouping = new_grouping(client, clerk)
    refused = client.post(f"{GROUPINGS}/{grouping['id']}/files", headers=clerk,
                          json={"number": number})
    assert refused.status_code == 409 and refused.get_json()["code"] == "files.closed"
    assert client.get(f"{GROUPINGS}/{grouping['id']}", headers=clerk).get_json()[
        "files"] == []
    assert "grouped" not in _kinds(client, number, clerk)


def test_files_and_groupings_of_other_units_are_not_found(
    client: FlaskClient, db: Session, token_for: Headers,
) -> None:
    (foreign,) = open_files(db, "HAC", "A tax file")
    (own,) = open_files(db, "URB", "An urban planning file")
    clerk, clerk2 = token_for("clerk"), token_for("clerk2")
    grouping = new_grouping(client, clerk)
    path = f"{GROUPINGS}/{grouping['id']}"

    foreign_file = client.post(f"{path}/files", headers=clerk, json={"number": foreign})
    assert foreign_file.status_code == 404
    assert foreign_file.get_json()["code"] == "files.unknown_file"
    for answer in (client.get(path, headers=clerk2),
                   client.post(f"{path}/files", headers=clerk2, json={"number": foreign}),
                   client.delete(f"{path}/files/{own}", headers=clerk2)):
        assert answer.status_code == 404
        assert answer.get_json()["code"] == "files.unknown_grouping"
    assert client.get(GROUPINGS, headers=clerk2).get_json()["total"] == 0
    other_unit = client.post(GROUPINGS, headers=clerk2, json={
        "name": "Not mine", "reason": "Trying", "unit": "URB"})
    assert other_unit.status_code == 403
    assert other_unit.get_json()["code"] == "files.grouping_not_allowed"
    no_reason = client.post(GROUPINGS, headers=clerk, json={"name": "x", "reason": " "})
    assert no_reason.status_code == 422
    assert [e["field"] for e in no_reason.get_json()["errors"]] == ["reason"]


def test_a_file_sent_to_another_unit_cannot_be_grouped_by_the_sender(
    client: FlaskClient, db: Session, token_for: Headers,
) -> None:
    (number,) = open_files(db, "URB", "Sent away")
    clerk, clerk2 = token_for("clerk"), token_for("clerk2")
    moves = file_path(number, "/movements")
    assert client.post(moves, headers=clerk, json={
        "action": "send", "unit": "HAC", "reason": "Tax report"}).status_code == 200
    assert client.post(moves, headers=clerk2, json={"action": "receive"}).status_code == 200
    grouping = new_grouping(client, clerk)
    refused = client.post(f"{GROUPINGS}/{grouping['id']}/files", headers=clerk,
                          json={"number": number})
    assert refused.status_code == 403 and refused.get_json()["code"] == "files.not_allowed"


def test_a_grouping_never_reveals_a_file_its_reader_may_not_see(
    client: FlaskClient, db: Session, token_for: Headers,
) -> None:
    """URB sends a file to HAC; HAC groups it and returns it: HAC's grouping still holds
    it, but HAC's clerk sees only that one more file is in a unit she cannot see."""
    (number,) = open_files(db, "URB", "Back to urban planning")
    clerk, clerk2 = token_for("clerk"), token_for("clerk2")
    moves = file_path(number, "/movements")
    assert client.post(moves, headers=clerk, json={
        "action": "send", "unit": "HAC", "reason": "Tax report"}).status_code == 200
    assert client.post(moves, headers=clerk2, json={"action": "receive"}).status_code == 200
    grouping = new_grouping(client, clerk2)
    added = client.post(f"{GROUPINGS}/{grouping['id']}/files", headers=clerk2,
                        json={"number": number})
    assert added.status_code == 201, added.get_json()
    assert client.post(moves, headers=clerk2, json={
        "action": "return", "reason": "Report attached"}).status_code == 200

    shown = client.get(f"{GROUPINGS}/{grouping['id']}", headers=clerk2).get_json()
    assert (shown["files"], shown["hidden_files"]) == ([], 1)
    sign_in(client, "clerk2")
    page = client.get(f"/backoffice/file-groupings/{grouping['id']}").get_data(as_text=True)
    assert f"/backoffice/files/{number}" not in page and 'data-testid="hidden-files"' in page
