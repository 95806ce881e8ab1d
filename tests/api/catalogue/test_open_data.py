"""The open-data exports of the published catalogue, for the city's open data portal."""

from __future__ import annotations

import csv
import io

from sqlalchemy.orm import Session

from eoffice import catalogue
from tests.api.catalogue.conftest import Call
from tests.unit.catalogue.definitions import definition_json


def test_the_json_export_has_every_visible_procedure_in_the_three_languages(api: Call) -> None:
    answer = api("get", "/api/v1/open-data/procedures.json").json
    roll = next(p for p in answer["procedures"] if p["code"] == "municipal-roll-certificate")
    assert set(roll["title"]) == {"es", "ca", "en"}
    assert roll["unit_names"]["ca"] == "Servei d'Estadística i Padró"
    assert roll["cases"][0]["form"] == {"key": "municipal_roll_certificate", "version": 1}


def test_the_csv_export_has_a_row_per_case_and_never_a_spreadsheet_formula(
    api: Call, demo_catalogue: Session,
) -> None:
    hostile = definition_json(title={"es": "=HYPERLINK(\"http://evil\")", "ca": "+1",
                                     "en": "@SUM(A1)"})
    catalogue.create_procedure(demo_catalogue, "hostile", catalogue.load_definition(hostile),
                               actor="admin")
    catalogue.publish_version(demo_catalogue, "hostile", 1, actor="admin")
    response = api("get", "/api/v1/open-data/procedures.csv")
    assert response.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    minor_works = [row["case_code"] for row in rows if row["code"] == "minor-works"]
    assert minor_works == ["interior", "facade", "occupying-road"]
    hostile_row = next(row for row in rows if row["code"] == "hostile")
    assert (hostile_row["title_es"], hostile_row["title_ca"], hostile_row["title_en"]) == (
        "'=HYPERLINK(\"http://evil\")", "'+1", "'@SUM(A1)")


def test_the_dcat_metadata_describes_the_json_and_csv_distributions(api: Call) -> None:
    response = api("get", "/api/v1/open-data/catalogue")
    assert response.mimetype == "application/ld+json"
    document = response.json
    assert document["@type"] == "dcat:Catalog"
    dataset = document["dcat:dataset"][0]
    assert dataset["@type"] == "dcat:Dataset"
    urls = {d["dcat:mediaType"]: d["dcat:downloadURL"]["@id"]
            for d in dataset["dcat:distribution"]}
    assert urls == {"application/json": "http://localhost/api/v1/open-data/procedures.json",
                    "text/csv": "http://localhost/api/v1/open-data/procedures.csv"}
    assert {t["@language"] for t in dataset["dct:title"]} == {"es", "ca", "en"}
