"""The register of powers' pages, without JavaScript: a citizen grants and revokes a power
and downloads its evidence; bad input shows a message and writes nothing; clerks search,
record a company's legal representative and a power given in person; nobody reaches a
power that is not theirs."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient

from tests.conftest import csrf_from, sign_in

TERRACE = "terrace-public-road"


def test_a_citizen_grants_and_revokes_a_power_on_the_pages(client: FlaskClient) -> None:
    sign_in(client, "ana")
    form = client.get("/representation/grant").get_data(as_text=True)
    assert TERRACE in form
    granted = client.post("/representation/grant", data={
        "csrf_token": csrf_from(form), "representative_id_number": "87654321x",
        "representative_name": "Bernat Soler Ferrer", "scope": "procedures",
        "procedures": TERRACE}, follow_redirects=True)
    page = granted.get_data(as_text=True)
    assert granted.status_code == 200 and "PODER/" in page and "Bernat Soler Ferrer" in page
    number = page.split("Power ", 1)[1].split(" granted", 1)[0]
    assert 'data-testid="revoke-' + number + '"' in page
    grant_pdf = page.split("Grant (PDF)")[0].rsplit('href="', 1)[1].split('"', 1)[0]
    assert client.get(grant_pdf).data.startswith(b"%PDF")
    revoke_url = page.split(f'data-testid="revoke-{number}"')[0].rsplit('href="', 1)[1]
    revoke_url = revoke_url.split('"', 1)[0]
    confirm = client.get(revoke_url).get_data(as_text=True)
    empty = client.post(revoke_url, data={"csrf_token": csrf_from(confirm), "reason": ""})
    assert empty.status_code == 422
    assert "Give the reason for revoking the power." in empty.get_data(as_text=True)
    revoked = client.post(revoke_url, data={"csrf_token": csrf_from(confirm),
                                            "reason": "Ja no em representa"},
                          follow_redirects=True)
    after = revoked.get_data(as_text=True)
    assert f"Power {number} revoked." in after and "Revocation (PDF)" in after
    pdf_url = after.split("Revocation (PDF)")[0].rsplit('href="', 1)[1].split('"', 1)[0]
    pdf = client.get(pdf_url)
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")


def test_a_bad_grant_shows_the_problems_and_grants_nothing(client: FlaskClient) -> None:
    sign_in(client, "ana")
    form = client.get("/representation/grant").get_data(as_text=True)
    refused = client.post("/representation/grant", data={
        "csrf_token": csrf_from(form), "representative_id_number": "12345678Z",
        "representative_name": "", "scope": "file", "valid_until": "31/12/2027"})
    page = refused.get_data(as_text=True)
    assert refused.status_code == 422
    assert "Enter a date like 2026-12-31." in page
    refused = client.post("/representation/grant", data={
        "csrf_token": csrf_from(form), "representative_id_number": "12345678Z",
        "representative_name": "", "scope": "file"})
    page = refused.get_data(as_text=True)
    assert "Nobody represents herself" in page and "Enter the file number." in page
    assert "You have granted no powers." in client.get("/representation").get_data(
        as_text=True)


def test_a_citizen_cannot_open_someone_elses_power(app: Flask, client: FlaskClient) -> None:
    sign_in(client, "bernat")
    page = client.get("/representation").get_data(as_text=True)
    assert "Terrasses del Túria, S.L." in page  # the demo company he represents
    power_id = page.split("/representation/powers/", 1)[1].split("/", 1)[0]
    assert client.get(f"/representation/powers/{power_id}/revoke").status_code == 200
    other = app.test_client()
    sign_in(other, "ana")
    assert other.get(f"/representation/powers/{power_id}/revoke").status_code == 404
    assert other.get(f"/representation/powers/{power_id}/evidence/granted").status_code == 404


def test_a_clerk_records_a_legal_representative_and_a_power_given_in_person(
        client: FlaskClient) -> None:
    sign_in(client, "registrar")
    assert 'data-testid="powers-link"' in client.get("/backoffice").get_data(as_text=True)
    form = client.get("/backoffice/representation/legal-representatives").get_data(
        as_text=True)
    recorded = client.post("/backoffice/representation/legal-representatives", data={
        "csrf_token": csrf_from(form), "grantor_id_number": "B46123451",
        "grantor_name": "Bar Central, S.L.", "representative_id_number": "12345678Z",
        "representative_name": "Ana García Puig"}, follow_redirects=True)
    assert recorded.status_code == 200 and "Bar Central, S.L." in recorded.get_data(
        as_text=True)
    form = client.get("/backoffice/representation/in-person").get_data(as_text=True)
    missing = client.post("/backoffice/representation/in-person", data={
        "csrf_token": csrf_from(form), "grantor_id_number": "B46123451",
        "grantor_name": "Bar Central, S.L.", "representative_id_number": "87654321X",
        "representative_name": "Bernat Soler Ferrer", "through_id_number": "87654321X"})
    assert missing.status_code == 422  # bernat is not Bar Central's legal representative
    assert "only through a legal representative" in missing.get_data(as_text=True)
    done = client.post("/backoffice/representation/in-person", data={
        "csrf_token": csrf_from(form), "grantor_id_number": "B46123451",
        "grantor_name": "Bar Central, S.L.", "representative_id_number": "87654321X",
        "representative_name": "Bernat Soler Ferrer", "through_id_number": "12345678Z",
        "scope": "procedures", "procedures": TERRACE}, follow_redirects=True)
    page = done.get_data(as_text=True)
    assert done.status_code == 200 and page.count("Bar Central, S.L. (B46123451)") == 2


def test_citizens_do_not_reach_the_clerks_pages(client: FlaskClient) -> None:
    sign_in(client, "ana")
    assert client.get("/backoffice/representation?q=12345678Z").status_code == 403
