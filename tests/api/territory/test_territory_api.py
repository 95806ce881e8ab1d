"""The public street-map API (address suggestions and lookups for the address control,
streets by name or code) and the open data downloads: no sign-in, labels in the
request's language, 404 problem+json for an unknown address, CSV with a stable header."""

from __future__ import annotations

import csv
import io

from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from eoffice import territory

API = "/api/v1/territory"


def test_addresses_are_suggested_with_their_category_in_the_requests_language(
        client: FlaskClient) -> None:
    found = client.get(f"{API}/addresses?q=Colon 12&lang=es")
    assert found.status_code == 200
    items = found.json["items"]
    assert [item["code"] for item in items] == ["01530-0012", "01530-0012-B"]
    assert items[0] == {"code": "01530-0012", "label": "CL de Colón, 12",
                        "street_code": "01530", "street_name": "de Colón", "number": 12,
                        "letter": "", "postcode": "46004", "district": "02",
                        "street_category": "1"}
    valencian = client.get(f"{API}/addresses?q=ajuntament&lang=ca").json["items"]
    assert valencian[0]["label"] == "PZ de l'Ajuntament, 1"
    assert client.get(f"{API}/addresses?q=colon&limit=1").json["items"][0]["number"] == 1


def test_an_address_is_looked_up_by_its_code_and_an_unknown_one_is_404(
        client: FlaskClient) -> None:
    port = client.get(f"{API}/addresses/00612-0100?lang=ca")
    assert port.status_code == 200
    assert (port.json["label"], port.json["street_category"]) == ("AV del Port, 100", "2")
    missing = client.get(f"{API}/addresses/00612-9999")
    assert missing.status_code == 404
    assert missing.content_type == "application/problem+json"
    assert missing.json["code"] == "territory.unknown_address"


def test_bad_query_arguments_get_a_problem(client: FlaskClient) -> None:
    response = client.get(f"{API}/addresses?q=colon&limit=500")
    assert response.status_code == 422
    assert response.content_type == "application/problem+json"


def test_streets_are_found_by_name_or_code(client: FlaskClient) -> None:
    by_name = client.get(f"{API}/streets?q=port&lang=ca").json
    assert {"code": "00612", "kind": "AV", "name": "del Port",
            "names": {"es": "del Puerto", "ca": "del Port"}} in by_name["items"]
    by_code = client.get(f"{API}/streets?q=0153").json
    assert [item["code"] for item in by_code["items"]] == ["01530"]
    assert by_code["total"] == 1


def test_open_data_csv_has_a_stable_header_and_neutralised_formulas(
        client: FlaskClient, db: Session) -> None:
    territory.add_street(db, code="92001", kind="CL", name={"es": "=HYPERLINK(1)"})
    territory.add_address(db, street_code="92001", number=1, postcode="46001")
    streets = client.get("/opendata/territory/streets.csv")
    assert streets.status_code == 200 and streets.mimetype == "text/csv"
    assert 'rel="license"' in streets.headers["Link"]
    rows = list(csv.reader(io.StringIO(streets.get_data(as_text=True))))
    assert rows[0] == ["code", "kind", "name_es", "name_ca", "sections", "categories",
                       "postcodes", "districts"]
    assert ["01530", "CL", "de Colón", "de Colón", "1", "1", "46004", "02"] in rows
    assert ["03150", "CL", "de San Vicente Mártir", "de Sant Vicent Màrtir", "2", "1|2",
            "46002|46007", "01|08"] in rows
    assert ["92001", "CL", "'=HYPERLINK(1)", "", "0", "", "", ""] in rows
    addresses = client.get("/opendata/territory/addresses.csv").get_data(as_text=True)
    table = list(csv.DictReader(io.StringIO(addresses)))
    assert list(table[0]) == ["code", "street_code", "street_kind", "street_name_es",
                              "street_name_ca", "number", "letter", "postcode",
                              "district", "category"]
    colon = next(row for row in table if row["code"] == "01530-0012-B")
    assert (colon["letter"], colon["category"], colon["postcode"]) == ("B", "1", "46004")


def test_open_data_json_lists_streets_with_sections_and_addresses(
        client: FlaskClient) -> None:
    streets = client.get("/opendata/territory/streets.json")
    assert streets.status_code == 200
    assert streets.json["licence"] == "https://creativecommons.org/licenses/by/4.0/"
    martyr = next(s for s in streets.json["streets"] if s["code"] == "03150")
    assert [(s["number_from"], s["number_to"], s["category"]) for s in martyr["sections"]] \
        == [(1, 99, "1"), (100, 299, "2")]
    addresses = client.get("/opendata/territory/addresses.json").json["addresses"]
    port = next(a for a in addresses if a["code"] == "00612-0100")
    assert port["street_name"] == {"es": "del Puerto", "ca": "del Port"}
    assert port["category"] == "2"


def test_the_openapi_document_describes_the_street_map(client: FlaskClient) -> None:
    paths = client.get("/api/v1/openapi.json").json["paths"]
    for path in ("/api/v1/territory/addresses", "/api/v1/territory/addresses/{code}",
                 "/api/v1/territory/streets", "/opendata/territory/streets.csv",
                 "/opendata/territory/addresses.json"):
        assert path in paths
