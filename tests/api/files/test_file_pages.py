"""The back office's file pages, as plain forms: the clerk finds the file of a sent
application in her list, sees its parties and documents, writes an annotation, sends it
to another unit, which receives it, and closes it; a clerk of another unit is told the
file does not exist, and a citizen may not use the pages at all."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient

from tests.api.files.sent import Headers, send_application
from tests.conftest import csrf_from, sign_in


def test_a_clerk_works_the_file_from_the_pages(
    app: Flask, client: FlaskClient, token_for: Headers,
) -> None:
    number = send_application(client, token_for)["file"]["number"]
    page_url = f"/backoffice/files/{number}"
    clerk = app.test_client()
    sign_in(clerk, "clerk")
    listing = clerk.get("/backoffice/files?lang=en").get_data(as_text=True)
    assert number in listing
    page = clerk.get(f"{page_url}?lang=en").get_data(as_text=True)
    assert "Ana García Puig (12345678Z)" in page
    assert 'data-testid="documents"' in page and f"{page_url}/documents/1" in page
    assert clerk.get(f"{page_url}/documents/1").data.startswith(b"%PDF")

    written = clerk.post(f"{page_url}/annotations", data={
        "csrf_token": csrf_from(page), "text": "Ask the parks unit."})
    assert written.status_code == 302
    empty = clerk.post(f"{page_url}/annotations", data={
        "csrf_token": csrf_from(page), "text": " "}, follow_redirects=True)
    assert "Write the annotation." in empty.get_data(as_text=True)
    page = clerk.get(f"{page_url}?lang=en").get_data(as_text=True)
    assert "Ask the parks unit." in page and "Annotation written" in page

    clerk.post(f"{page_url}/movements", data={"csrf_token": csrf_from(page),
                                              "action": "send", "unit": "HAC",
                                              "reason": "Tax check"})
    other = app.test_client()
    sign_in(other, "clerk2")
    theirs = other.get(f"{page_url}?lang=en").get_data(as_text=True)
    assert 'data-testid="receive"' in theirs and 'data-testid="close"' not in theirs
    other.post(f"{page_url}/movements", data={"csrf_token": csrf_from(theirs),
                                              "action": "receive"})
    theirs = other.get(f"{page_url}?lang=en").get_data(as_text=True)
    assert 'data-testid="close"' in theirs and 'data-testid="return"' in theirs
    back = other.post(f"{page_url}/movements", data={
        "csrf_token": csrf_from(theirs), "action": "return", "reason": "Checked"})
    assert back.headers["Location"].endswith("/backoffice/files")
    assert other.get(page_url).status_code == 404

    page = clerk.get(f"{page_url}?lang=en").get_data(as_text=True)
    closed = clerk.post(f"{page_url}/close", data={"csrf_token": csrf_from(page)},
                        follow_redirects=True)
    text = closed.get_data(as_text=True)
    assert 'data-testid="index"' in text and 'data-testid="annotate"' not in text


def test_a_clerk_of_another_unit_and_a_citizen_cannot_reach_the_file_pages(
    app: Flask, client: FlaskClient, token_for: Headers,
) -> None:
    number = send_application(client, token_for)["file"]["number"]
    page_url = f"/backoffice/files/{number}"
    other = app.test_client()
    sign_in(other, "clerk2")
    token = csrf_from(other.get("/backoffice").get_data(as_text=True))
    assert number not in other.get("/backoffice/files").get_data(as_text=True)
    assert other.get(page_url).status_code == 404
    assert other.get(f"{page_url}/documents/1").status_code == 404
    for suffix, data in (("/annotations", {"text": "x"}), ("/close", {}),
                         ("/movements", {"action": "receive"})):
        refused = other.post(page_url + suffix, data={"csrf_token": token, **data})
        assert refused.status_code == 404, suffix
    citizen = app.test_client()
    sign_in(citizen, "ana")
    assert citizen.get(page_url).status_code in (403, 404)
    assert citizen.get("/backoffice/files").status_code == 403
