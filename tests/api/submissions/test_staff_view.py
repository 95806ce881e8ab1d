"""Clerks see the applications sent to their units, read-only, as the citizen signed
them; a clerk of another unit, or anyone before the citizen signs, sees nothing."""

from __future__ import annotations

import re

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from tests.conftest import csrf_from, sign_in
from tests.pdfs import pdf_text

GENERAL = "/procedures/general-application/standard/apply"


def send_application(app: Flask, *, sign: bool = True) -> str:
    """ana applies (general application, processed by the urban planning unit)."""
    ana = app.test_client()
    sign_in(ana, "ana")
    token = csrf_from(ana.get(GENERAL).get_data(as_text=True))
    checked = ana.post(GENERAL, data={"csrf_token": token, "subject": "Street light broken",
                                      "request": "The light at Carrer Major 3 is off.",
                                      "action": "continue"})
    assert checked.status_code == 302, checked.get_data(as_text=True)
    draft = checked.location.rsplit("/", 1)[0]
    page = ana.get(f"{draft}/check").get_data(as_text=True)
    digest = re.search(r'name="confirm_sha256" value="([0-9a-f]{64})"', page)
    assert digest
    if sign:
        ana.post(f"{draft}/submit", data={"csrf_token": token, "confirm_sha256": digest.group(1)})
    return draft.rsplit("/", 1)[-1]


def test_the_clerk_of_the_unit_reads_the_signed_answers(
    app: Flask, client: FlaskClient, db: Session,
) -> None:
    submission = send_application(app)
    sign_in(client, "clerk")
    inbox = client.get("/backoffice/applications?lang=en").get_data(as_text=True)
    assert f"/backoffice/applications/{submission}" in inbox
    page = client.get(f"/backoffice/applications/{submission}?lang=en")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "The light at Carrer Major 3 is off." in html and "Street light broken" in html
    assert '<span data-testid="applicant">Ana García Puig</span>' in html
    assert '<span data-testid="signature">Simple signature by ana</span>' in html
    assert 'name="subject"' not in html  # read-only
    pdf = client.get(f"/backoffice/applications/{submission}/application.pdf")
    assert pdf.status_code == 200 and "Street light broken" in pdf_text(pdf.data)


def test_a_clerk_of_another_unit_is_told_it_does_not_exist(
    app: Flask, client: FlaskClient, db: Session,
) -> None:
    submission = send_application(app)
    sign_in(client, "clerk2")
    assert client.get(f"/backoffice/applications/{submission}").status_code == 404
    assert client.get(f"/backoffice/applications/{submission}/application.pdf").status_code \
        == 404
    assert submission not in client.get("/backoffice/applications").get_data(as_text=True)


def test_a_draft_is_not_shown_to_the_unit_and_another_citizen_gets_404(
    app: Flask, client: FlaskClient, db: Session,
) -> None:
    submission = send_application(app, sign=False)
    sign_in(client, "clerk")
    assert client.get(f"/backoffice/applications/{submission}").status_code == 404
    bernat = app.test_client()
    sign_in(bernat, "bernat")
    for path in (f"/applications/{submission}", f"/applications/{submission}/check"):
        assert bernat.get(path).status_code == 404
    token = csrf_from(bernat.get(GENERAL).get_data(as_text=True))
    assert bernat.post(f"/applications/{submission}/submit",
                       data={"csrf_token": token, "confirm_sha256": "0" * 64}).status_code == 404


def test_citizens_have_no_back_office_view(
    app: Flask, client: FlaskClient, db: Session,
) -> None:
    submission = send_application(app)
    sign_in(client, "ana")
    assert client.get(f"/backoffice/applications/{submission}").status_code == 403


def test_after_the_registry_sends_it_elsewhere_the_new_unit_sees_it_and_the_old_does_not(
    app: Flask, client: FlaskClient, db: Session,
) -> None:
    from eoffice import registry  # noqa: PLC0415 - only this test moves entries
    from eoffice.submissions.models import Submission  # noqa: PLC0415

    submission = send_application(app)
    row = db.get(Submission, submission)
    assert row is not None and row.registry_entry_id
    entry = registry.get_entry(db, row.registry_entry_id)
    registry.move_entry(db, entry, registry.EntryState.DISTRIBUTED, actor="registrar",
                        unit="HAC")
    db.flush()
    sign_in(client, "clerk")
    assert client.get(f"/backoffice/applications/{submission}").status_code == 404
    other = app.test_client()
    sign_in(other, "clerk2")
    assert other.get(f"/backoffice/applications/{submission}").status_code == 200
    assert submission in other.get("/backoffice/applications").get_data(as_text=True)
