"""A citizen fills in the form of a procedure case: the first save makes a draft she can
resume; the server checks the answers; she checks and signs them."""

from __future__ import annotations

import re

from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from tests.conftest import csrf_from, sign_in

GENERAL = "/procedures/general-application/standard/apply"
INFORMATION = "/procedures/public-information-access/standard/apply"
DRAFT_URL = re.compile(r"/applications/([0-9a-f-]{36})")


def open_form(client: FlaskClient, path: str) -> tuple[str, str]:
    response = client.get(path)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    return html, csrf_from(html)


def draft_id(response: object) -> str:
    location = getattr(response, "location", "") or ""
    match = DRAFT_URL.search(location) or DRAFT_URL.search(
        response.get_data(as_text=True))  # type: ignore[attr-defined]
    assert match, "no application address in the answer"
    return match.group(1)


def test_a_citizen_corrects_her_answers_checks_and_signs_them(
    client: FlaskClient, db: Session,
) -> None:
    sign_in(client, "ana")
    html, token = open_form(client, f"{GENERAL}?lang=en")
    assert 'name="subject"' in html and "Sum up your request in one line." in html
    assert "govuk-breadcrumbs" in html  # back to the procedure and its case

    wrong = client.post(GENERAL, data={"csrf_token": token, "subject": "Noise at night",
                                       "action": "continue"})
    assert wrong.status_code == 422
    page = wrong.get_data(as_text=True)
    assert "govuk-error-summary" in page and 'href="#eo-request"' in page
    assert "What you ask for and why: This field is required." in page  # names the question
    assert 'value="Noise at night"' in page  # what she typed is kept
    draft = f"/applications/{draft_id(wrong)}"

    right = client.post(draft, data={"csrf_token": token, "subject": "Noise at night",
                                     "request": "Please check the bar's terrace.",
                                     "action": "continue"})
    # on to the documents the case asks for (all optional here), then the check
    assert right.status_code == 302 and right.location.endswith(f"{draft}/documents")
    check = client.get(f"{draft}/check").get_data(as_text=True)
    assert "Check your answers" in check
    assert "govuk-summary-list" in check and "Please check the bar&#39;s terrace." in check
    digest = re.search(r'name="confirm_sha256" value="([0-9a-f]{64})"', check)
    assert digest

    signed = client.post(f"{draft}/submit", data={"csrf_token": token,
                                                "confirm_sha256": digest.group(1)})
    assert signed.status_code == 302
    sent = client.get(draft).get_data(as_text=True)
    number = re.search(r'data-testid="registry-number">(E/\d{4}/\d{6})<', sent)
    assert number and f"registered with number {number.group(1)}" in sent
    assert "Simple signature by ana" in sent and digest.group(1) in sent
    assert "Please check the bar&#39;s terrace." in sent and 'name="subject"' not in sent

    late = client.post(draft, data={"csrf_token": token, "subject": "Other",
                                    "request": "Changed", "action": "save"})
    assert late.status_code == 409  # a sent application never changes
    assert "Please check the bar&#39;s terrace." in client.get(draft).get_data(as_text=True)


def test_a_saved_draft_is_resumed_and_listed(client: FlaskClient, db: Session) -> None:
    sign_in(client, "ana")
    _html, token = open_form(client, f"{GENERAL}?lang=en")
    saved = client.post(GENERAL, data={"csrf_token": token, "subject": "Half done",
                                       "action": "save"})
    assert saved.status_code == 302
    draft = f"/applications/{draft_id(saved)}"
    resumed = client.get(draft).get_data(as_text=True)
    assert 'value="Half done"' in resumed and "Your answers are saved" in resumed
    mine = client.get("/applications").get_data(as_text=True)
    assert draft in mine and "Draft" in mine


def test_a_draft_is_kept_as_she_types_and_no_longer_once_sent(
    client: FlaskClient, db: Session,
) -> None:
    sign_in(client, "ana")
    _html, token = open_form(client, f"{GENERAL}?lang=en")
    saved = client.post(GENERAL, data={"csrf_token": token, "subject": "First words",
                                       "action": "save"})
    draft = f"/applications/{draft_id(saved)}"
    page = client.get(draft).get_data(as_text=True)
    assert f'hx-post="{draft}/autosave"' in page and 'id="autosave-status"' in page
    typed = client.post(f"{draft}/autosave", data={"subject": "More words", "request": "Hi"},
                        headers={"X-CSRFToken": token})
    assert typed.status_code == 200 and "Draft saved at" in typed.get_data(as_text=True)
    assert 'value="More words"' in client.get(draft).get_data(as_text=True)

    client.post(draft, data={"csrf_token": token, "subject": "More words", "request": "Hi",
                             "action": "continue"})
    check = client.get(f"{draft}/check").get_data(as_text=True)
    digest = re.search(r'name="confirm_sha256" value="([0-9a-f]{64})"', check)
    assert digest
    client.post(f"{draft}/submit", data={"csrf_token": token,
                                         "confirm_sha256": digest.group(1)})
    late = client.post(f"{draft}/autosave", data={"subject": "Too late"},
                       headers={"X-CSRFToken": token})
    assert late.status_code == 409
    assert "Too late" not in client.get(draft).get_data(as_text=True)


def test_signing_answers_other_than_the_ones_shown_is_refused(
    client: FlaskClient, db: Session,
) -> None:
    sign_in(client, "ana")
    _html, token = open_form(client, GENERAL)
    checked = client.post(GENERAL, data={"csrf_token": token, "subject": "A",
                                         "request": "B", "action": "continue"})
    draft = f"/applications/{draft_id(checked)}"
    refused = client.post(f"{draft}/submit", data={"csrf_token": token,
                                                 "confirm_sha256": "0" * 64})
    assert refused.status_code == 409
    assert "Signed and sent" not in client.get(f"{draft}/check").get_data(as_text=True)


def test_errors_are_in_the_citizens_language(client: FlaskClient, db: Session) -> None:
    sign_in(client, "ana")
    _html, token = open_form(client, f"{GENERAL}?lang=ca")
    wrong = client.post(GENERAL, data={"csrf_token": token, "action": "continue"})
    page = wrong.get_data(as_text=True)
    assert 'lang="ca"' in page and "Este camp és obligatori." in page
    assert "Assumpte" in page


def test_a_hidden_field_is_not_required_and_a_shown_one_is(
    client: FlaskClient, db: Session,
) -> None:
    sign_in(client, "ana")
    html, token = open_form(client, f"{INFORMATION}?lang=en")
    assert "data-eo-show-if=" in html  # the browser may hide it live
    base = {"csrf_token": token, "information": "Budget of 2025", "format": "electronic",
            "action": "continue"}

    hidden = client.post(INFORMATION, data={**base, "reuse": "no"})
    assert hidden.status_code == 302
    check = client.get(hidden.location.rsplit("/", 1)[0] + "/check").get_data(as_text=True)
    assert "Budget of 2025" in check and "Purpose of the re-use" not in check

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
    token = csrf_from(client.get(GENERAL).get_data(as_text=True))
    posted = client.post("/procedures/general-application/nope/apply",
                         data={"csrf_token": token, "action": "save"})
    assert posted.status_code == 404
    assert "Draft" not in client.get("/applications?lang=en").get_data(as_text=True)
