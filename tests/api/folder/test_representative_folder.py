"""A representative's folder shows the grantor's files her power covers (and says on
whose behalf), opens them, and shows no other file of the grantor's; her data export
keeps to her own things."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from tests.api.folder.support import Headers, open_export, resolution_file
from tests.conftest import sign_in


def test_the_representative_sees_the_grantors_file_her_power_covers(
    app: Flask, client: FlaskClient, db: Session, token_for: Headers,
) -> None:
    with app.app_context():
        covered, _doc = resolution_file(db, "bernat")
        other, _doc = resolution_file(db, "bernat")
        db.flush()
    granted = client.post("/api/v1/powers", headers=token_for("bernat"), json={
        "representative_id_number": "12345678Z", "representative_name": "Ana García Puig",
        "scope": "file", "file_number": covered})
    assert granted.status_code == 201, granted.get_json()
    power = granted.get_json()["number"]

    sign_in(client, "ana")
    listed = client.get("/folder/files").get_data(as_text=True)
    assert covered in listed and other not in listed
    assert 'data-testid="on-behalf"' in listed and "87654321X" in listed
    page = client.get(f"/folder/files/{covered}")
    assert page.status_code == 200 and power in page.get_data(as_text=True)
    assert client.get(f"/folder/files/{other}").status_code == 404
    assert covered in client.get("/citizen").get_data(as_text=True)

    export = open_export(client.get("/folder/export").get_data())
    assert covered not in {f["number"] for f in export.index["files"]}  # his, not hers
    assert [p["number"] for p in export.index["powers"]] == [power]  # the power is hers
