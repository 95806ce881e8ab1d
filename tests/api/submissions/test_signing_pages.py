"""The advanced signature on the citizen's pages (no JavaScript): the check page offers
the application PDF and an upload of the signed file; a refused file says why and changes
nothing; an accepted one leads to "Send", which registers it."""

from __future__ import annotations

import io
import re

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from tests.api.submissions.test_advanced_signature import _holder, _sign
from tests.api.submissions.test_apply_page import GENERAL, draft_id, open_form
from tests.conftest import csrf_from, sign_in


def _checked_draft(client: FlaskClient) -> tuple[str, str]:
    sign_in(client, "ana")
    _html, token = open_form(client, f"{GENERAL}?lang=en")
    answered = client.post(GENERAL, data={"csrf_token": token, "subject": "Street lamp",
                                          "request": "The lamp on Carrer Nou is off.",
                                          "action": "continue"})
    return f"/applications/{draft_id(answered)}", token


def test_the_citizen_signs_the_pdf_with_her_certificate_and_sends_it(
    app: Flask, client: FlaskClient, db: Session,
) -> None:
    draft, _token = _checked_draft(client)
    check = client.get(f"{draft}/check").get_data(as_text=True)
    assert "Sign with your own digital certificate instead" in check
    pdf = client.get(f"{draft}/application.pdf")
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF-")

    other = _sign(pdf.data, _holder(app, "bernat"))
    refused = client.post(f"{draft}/signed-application", data={
        "csrf_token": csrf_from(check), "file": (io.BytesIO(other), "signed.pdf")},
        follow_redirects=True)
    assert "signed with the certificate of someone else" in refused.get_data(as_text=True)

    signed = _sign(pdf.data, _holder(app, "ana"))
    accepted = client.post(f"{draft}/signed-application", data={
        "csrf_token": csrf_from(check), "file": (io.BytesIO(signed), "signed.pdf")},
        follow_redirects=True)
    page = accepted.get_data(as_text=True)
    assert "Your signature was checked and accepted." in page
    assert 'data-testid="send-signed"' in page

    late = client.post(draft, data={"csrf_token": csrf_from(page), "subject": "Other",
                                    "request": "Other", "action": "continue"})
    assert late.status_code == 409  # what she signed can no longer change
    registered = client.post(f"{draft}/submit", data={"csrf_token": csrf_from(page)},
                             follow_redirects=True).get_data(as_text=True)
    assert re.search(r'data-testid="registry-number">E/\d{4}/\d{6}<', registered)
    assert client.get(f"{draft}/application.pdf").data == signed
