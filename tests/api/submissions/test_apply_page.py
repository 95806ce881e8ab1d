"""A citizen fills in the form of a procedure case; the server checks the answers."""

from __future__ import annotations

from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from tests.conftest import csrf_from, sign_in

GENERAL = "/procedures/general-application/standard/apply"
INFORMATION = "/procedures/public-information-access/standard/apply"


def open_form(client: FlaskClient, path: str) -> tuple[str, str]:
    response = client.get(path)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    return html, csrf_from(html)


def test_a_citizen_corrects_her_answers_and_checks_them(
    client: FlaskClient, db: Session,
) -> None:
    sign_in(client, "ana")
    html, token = open_form(client, f"{GENERAL}?lang=en")
    assert 'name="subject"' in html and "Sum up your request in one line." in html
    assert "govuk-breadcrumbs" in html  # back to the procedure and its case

    wrong = client.post(GENERAL, data={"csrf_token": token, "subject": "Noise at night"})
    assert wrong.status_code == 422
    page = wrong.get_data(as_text=True)
    assert "govuk-error-summary" in page and 'href="#eo-request"' in page
    assert "What you ask for and why: This field is required." in page  # names the question
    assert 'value="Noise at night"' in page  # what she typed is kept

    right = client.post(GENERAL, data={"csrf_token": token, "subject": "Noise at night",
                                       "request": "Please check the bar's terrace."})
    assert right.status_code == 200
    check = right.get_data(as_text=True)
    assert "Check your answers" in check
    assert "govuk-summary-list" in check and "Please check the bar&#39;s terrace." in check
    assert 'data-testid="not-yet"' in check and "have not been sent or saved" in check

    again = client.post(GENERAL, data={"csrf_token": token, "action": "change",
                                       "subject": "Noise at night", "request": "Please."})
    assert again.status_code == 200 and 'value="Noise at night"' in again.get_data(as_text=True)


def test_errors_are_in_the_citizens_language(client: FlaskClient, db: Session) -> None:
    sign_in(client, "ana")
    _html, token = open_form(client, f"{GENERAL}?lang=ca")
    wrong = client.post(GENERAL, data={"csrf_token": token})
    page = wrong.get_data(as_text=True)
    assert 'lang="ca"' in page and "Este camp és obligatori." in page
    assert "Assumpte" in page


def test_a_hidden_field_is_not_required_and_a_shown_one_is(
    client: FlaskClient, db: Session,
) -> None:
    sign_in(client, "ana")
    html, token = open_form(client, f"{INFORMATION}?lang=en")
    assert "data-eo-show-if=" in html  # the browser may hide it live
    base = {"csrf_token": token, "information": "Budget of 2025", "format": "electronic"}

    hidden = client.post(INFORMATION, data={**base, "reuse": "no"})
    assert hidden.status_code == 200
    assert "Purpose of the re-use" not in hidden.get_data(as_text=True)

    shown = client.post(INFORMATION, data={**base, "reuse": "yes"})
    assert shown.status_code == 422
    assert 'href="#eo-reuse_purpose"' in shown.get_data(as_text=True)


def test_anonymous_visitors_are_sent_to_sign_in(client: FlaskClient, db: Session) -> None:
    response = client.get(GENERAL)
    assert response.status_code == 302
    assert "/sign-in?next=" in response.location and "apply" in response.location


def test_the_procedure_page_starts_the_application(client: FlaskClient, db: Session) -> None:
    html = client.get("/procedures/general-application?lang=en").get_data(as_text=True)
    assert f'href="{GENERAL}"' in html


def test_an_unknown_case_is_not_found(client: FlaskClient, db: Session) -> None:
    sign_in(client, "ana")
    assert client.get("/procedures/general-application/nope/apply").status_code == 404
    assert client.get("/procedures/nope/standard/apply").status_code == 404
