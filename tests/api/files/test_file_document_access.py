"""Documents of a file through `GET /api/v1/documents/{id}`: whoever may see the file may
read them, so a unit the file was sent to reads the application; once it is back, that
unit no longer does; a citizen other than the applicant never does."""

from __future__ import annotations

from flask.testing import FlaskClient

from tests.api.files.sent import Headers, file_path, send_application


def test_a_unit_the_file_was_sent_to_reads_its_documents_while_it_has_it(
    client: FlaskClient, token_for: Headers,
) -> None:
    number = send_application(client, token_for)["file"]["number"]
    clerk, clerk2, bernat = token_for("clerk"), token_for("clerk2"), token_for("bernat")
    application = next(d["document_id"] for d in client.get(
        file_path(number), headers=clerk).get_json()["documents"] if d["role"] == "application")
    content = f"/api/v1/documents/{application}/content"
    assert client.get(content, headers=clerk2).status_code == 404

    moves = file_path(number, "/movements")
    assert client.post(moves, headers=clerk, json={
        "action": "send", "unit": "HAC", "reason": "Tax report"}).status_code == 200
    assert client.get(content, headers=clerk2).status_code == 200
    assert client.get(content, headers=bernat).status_code == 404

    assert client.post(moves, headers=clerk2, json={
        "action": "return", "reason": "Done"}).status_code == 200
    assert client.get(content, headers=clerk2).status_code == 404
    assert client.get(content, headers=clerk).status_code == 200
