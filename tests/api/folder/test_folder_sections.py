"""What the folder's sections show a citizen: a notification waiting with its days left, her
files with their phase, her documents (the registration receipt downloads with its
content), her payments with the receipt of the paid one; another citizen's never."""

from __future__ import annotations

import hashlib

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from eoffice import notifications
from tests.api.folder.support import PEOPLE, Headers, citizen_with_everything, resolution_file
from tests.conftest import sign_in


def test_each_section_shows_her_things_and_not_anothers(
    app: Flask, client: FlaskClient, db: Session, token_for: Headers,
) -> None:
    with app.app_context():
        held = citizen_with_everything(client, db, token_for, "ana")
        other = citizen_with_everything(client, db, token_for, "bernat")
        number, resolution = resolution_file(db, "ana")
        waiting = notifications.notify(db, notifications.NewNotification(
            file_number=number, document_id=resolution, addressee_id_number=PEOPLE["ana"][0],
            addressee_name=PEOPLE["ana"][1], subject="Hearing before the resolution",
            sending_unit="URB"), actor="clerk")
        db.flush()

    sign_in(client, "ana")
    overview = client.get("/citizen").get_data(as_text=True)
    # Today and the ten calendar days after it (ADR 0049).
    assert "Hearing before the resolution" in overview and "11 days left" in overview
    listed = client.get("/folder/notifications").get_data(as_text=True)
    assert f'data-testid="notification-{waiting.id}"' in listed and "Waiting for you" in listed
    assert "Accessed" in listed
    assert not any(f"notification-{n}" in listed for n in other.notification_ids)

    files_page = client.get("/folder/files").get_data(as_text=True)
    assert all(n in files_page for n in held.file_numbers)
    assert not any(n in files_page for n in other.file_numbers)

    docs = client.get("/folder/documents").get_data(as_text=True)
    assert all(f"document-{d}" in docs for d in held.document_ids)
    assert "Registration receipt" in docs
    assert not any(f"document-{d}" in docs for d in other.document_ids)
    for document_id in held.document_ids:
        got = client.get(f"/folder/documents/{document_id}")
        assert got.status_code == 200
        assert hashlib.sha256(got.get_data()).hexdigest() in held.document_hashes
    for document_id in other.document_ids:
        assert client.get(f"/folder/documents/{document_id}").status_code == 404
    # not accessed yet: its content is not among her documents
    assert f"document-{resolution}" not in docs

    paying = client.get("/folder/payments").get_data(as_text=True)
    assert all(f"payment-{r}" in paying for r in held.payment_references)
    assert paying.count("Receipt (PDF)") == 1
    assert not any(r in paying for r in other.payment_references)
