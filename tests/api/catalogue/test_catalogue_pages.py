"""The citizen pages of the catalogue: browse, search, and a procedure's page."""

from __future__ import annotations

from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from tests.conftest import sign_in


def page(client: FlaskClient, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    return response.get_data(as_text=True)


def test_the_catalogue_page_lists_procedures_and_themes(
    client: FlaskClient, demo_catalogue: Session,
) -> None:
    html = page(client, "/procedures?lang=en")
    assert "Minor works licence" in html
    assert 'href="/procedures/general-application"' in html
    assert "Urban planning and housing" in html


def test_searching_and_choosing_a_theme_narrow_the_list(
    client: FlaskClient, demo_catalogue: Session,
) -> None:
    html = page(client, "/procedures?lang=ca&q=certificat")
    assert "Certificat d&#39;empadronament" in html
    assert "Llicència d&#39;obra menor" not in html
    themed = page(client, "/procedures?lang=en&taxonomy=themes:culture")
    assert "Grants for cultural associations" in themed
    assert "Minor works licence" not in themed


def test_a_procedure_page_shows_documents_fee_term_silence_and_how_to_apply(
    client: FlaskClient, demo_catalogue: Session,
) -> None:
    html = page(client, "/procedures/minor-works?lang=en")
    assert "Plans or sketch of the works" in html
    assert "Mandatory" in html and "Optional" in html
    assert "Formats: PDF. Up to 20 MB." in html
    assert "A fee applies" in html
    assert "1 month" in html
    assert "positive administrative silence" in html
    assert 'id="how-to-apply"' in html
    assert 'data-testid="start-interior"' in html
    assert 'href="/procedures/minor-works/interior/apply"' in html
    assert 'data-testid="online-soon"' not in html
    assert "<script>" not in html


def test_a_free_procedure_says_so(client: FlaskClient, demo_catalogue: Session) -> None:
    html = page(client, "/procedures/public-information-access?lang=en")
    assert "Free of charge." in html
    assert "No documents are required." in html


def test_an_unknown_procedure_page_is_a_404_page(
    client: FlaskClient, demo_catalogue: Session,
) -> None:
    response = client.get("/procedures/flying-licence", headers={"Accept": "text/html"})
    assert response.status_code == 404
    assert response.mimetype == "text/html"


def test_only_administrators_preview_a_version(
    client: FlaskClient, demo_catalogue: Session,
) -> None:
    preview = "/procedures/minor-works/versions/1/preview?lang=en"
    assert client.get(preview).status_code == 302  # to sign in
    sign_in(client, "admin")
    html = page(client, preview)
    assert "Preview of version 1" in html
    assert 'data-testid="start-interior"' not in html
