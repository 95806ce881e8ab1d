"""The street map's back-office pages: staff read the streets (search by name or code, a
street with its sections' categories and addresses); the administrator imports a CSV and
lands on the import's report with each rejected row and why; staff cannot import, a
citizen sees none of it; a file that is not CSV is refused and imports nothing."""

from __future__ import annotations

import io
from typing import Any

from flask.testing import FlaskClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from eoffice.territory.models import ImportRun, Street
from tests.conftest import csrf_from, sign_in

PAGES = "/backoffice/territory"
IMPORTS = f"{PAGES}/imports"


def _upload(client: FlaskClient, kind: str, content: bytes, *, update: bool = False,
            name: str = "upload.csv") -> Any:
    token = csrf_from(client.get(IMPORTS).get_data(as_text=True))
    data: dict[str, Any] = {"csrf_token": token, "kind": kind,
                            "file": (io.BytesIO(content), name)}
    if update:
        data["update"] = "1"
    return client.post(IMPORTS, data=data, content_type="multipart/form-data")


def test_staff_search_streets_and_see_a_streets_sections_and_addresses(
        client: FlaskClient) -> None:
    sign_in(client, "clerk")
    listed = client.get(f"{PAGES}?q=sant vicent").get_data(as_text=True)
    assert 'data-testid="street-03150"' in listed and 'data-testid="street-01530"' not in listed
    page = client.get(f"{PAGES}/streets/03150")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert 'data-testid="section-1"' in html and 'data-testid="section-2"' in html
    assert 'data-testid="address-03150-0045"' in html
    assert "5526708YJ2752F0002" in html  # a dwelling at number 45
    assert client.get(f"{PAGES}/streets/99998").status_code == 404


def test_the_administrator_imports_a_file_and_reads_the_rejected_rows(
        client: FlaskClient, db: Session) -> None:
    sign_in(client, "admin")
    assert 'data-testid="import-form"' in client.get(IMPORTS).get_data(as_text=True)
    content = ("codvia;tipovia;nombre_es;nombre_va\n"
               "93001;CL;de Prueba;de Prova\n"
               "01530;CL;de Colón;de Colom\n"  # the demo's Colón: a duplicate code
               "93002;XX;de Nadie;\n").encode()
    sent = _upload(client, "streets", content)
    assert sent.status_code == 303
    report = client.get(sent.location).get_data(as_text=True)
    assert 'data-testid="rejected-line-3"' in report
    assert 'data-code="territory.duplicate_street"' in report
    assert 'data-code="territory.unknown_kind"' in report
    assert '<dd class="govuk-summary-list__value" data-testid="accepted">1</dd>' in report
    assert db.scalar(select(Street).filter_by(code="93001")) is not None
    colon = db.scalar(select(Street).filter_by(code="01530"))
    assert colon is not None and colon.name["ca"] == "de Colón"  # kept as it was
    assert sent.location.rsplit("/", 1)[1] in client.get(IMPORTS).get_data(as_text=True)


def test_update_mode_from_the_form_changes_an_existing_street(
        client: FlaskClient, db: Session) -> None:
    sign_in(client, "admin")
    content = "codvia;tipovia;nombre_es;nombre_va\n00612;AV;del Puerto;del Port de València\n"\
        .encode()
    assert _upload(client, "streets", content, update=True).status_code == 303
    port = db.scalar(select(Street).filter_by(code="00612"))
    assert port is not None and port.name["ca"] == "del Port de València"


def test_a_file_that_is_not_csv_is_refused_and_imports_nothing(
        client: FlaskClient, db: Session) -> None:
    sign_in(client, "admin")
    runs = db.scalar(select(func.count()).select_from(ImportRun))
    refused = _upload(client, "addresses", b"%PDF-1.7\n binary", name="plan.pdf")
    assert refused.status_code == 422
    assert 'data-testid="import-error"' in refused.get_data(as_text=True)
    assert db.scalar(select(func.count()).select_from(ImportRun)) == runs


def test_staff_read_imports_but_cannot_import(client: FlaskClient, db: Session) -> None:
    sign_in(client, "clerk")
    page = client.get(IMPORTS).get_data(as_text=True)
    assert 'data-testid="imports-table"' in page and 'data-testid="import-form"' not in page
    token = csrf_from(page)  # the sign-out form's
    refused = client.post(IMPORTS, data={"csrf_token": token, "kind": "streets",
                                         "file": (io.BytesIO(b"codvia;tipovia;nombre_es\n"
                                                             b"93009;CL;x\n"), "s.csv")},
                          content_type="multipart/form-data")
    assert refused.status_code == 403
    assert db.scalar(select(Street).filter_by(code="93009")) is None


def test_a_citizen_is_refused_every_street_map_page(client: FlaskClient) -> None:
    sign_in(client, "ana")
    for path in (PAGES, f"{PAGES}/streets/01530", IMPORTS):
        assert client.get(path).status_code == 403
