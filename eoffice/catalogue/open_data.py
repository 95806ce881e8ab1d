"""Open data: the whole published catalogue as JSON and CSV in the three
languages, and DCAT-AP metadata describing both for the city's open data portal."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from eoffice import identity
from eoffice.catalogue import queries
from eoffice.catalogue.domain import LANGUAGES, ProcedureDefinition
from eoffice.shared.spreadsheet import spreadsheet_safe

LICENSE = "https://creativecommons.org/licenses/by/4.0/"
EU = "http://publications.europa.eu/resource/authority"
LANGUAGE_URIS = {"es": f"{EU}/language/SPA", "ca": f"{EU}/language/CAT", "en": f"{EU}/language/ENG"}


@dataclass(frozen=True)
class Published:
    code: str
    version: int
    published_from: datetime | None
    published_until: datetime | None
    definition: ProcedureDefinition


def list_published(session: Session, at: datetime) -> list[Published]:
    return [
        Published(item.code, item.version.number, item.version.published_from,
                  item.version.published_until, item.definition)
        for item in queries.list_visible(session, at)
    ]


def catalogue_document(session: Session, at: datetime) -> dict[str, Any]:
    """Every visible procedure with its full definition in es, ca and en."""
    units: dict[str, dict[str, str]] = {}
    for language in LANGUAGES:
        for unit in identity.list_units(session, codes=None, locale=language):
            units.setdefault(unit.code, {})[language] = unit.name
    procedures = [
        {
            "code": item.code, "version": item.version, "published_from": item.published_from,
            "published_until": item.published_until,
            "unit_names": units.get(item.definition.unit or "", {}),
            **vars(item.definition),
        }
        for item in list_published(session, at)
    ]
    return {"generated_at": at, "procedures": procedures}


CSV_COLUMNS = [
    "code", "sia_code", "version", *(f"title_{lang}" for lang in LANGUAGES),
    *(f"summary_{lang}" for lang in LANGUAGES), "unit", "kind", "channels",
    "resolution_term_value", "resolution_term_unit", "silence_effect", "terms",
    "case_code", *(f"case_title_{lang}" for lang in LANGUAGES), "form_key", "form_version",
    "has_fee", "mandatory_documents", "optional_documents", "requires_procedure",
    "published_from", "published_until",
]


def _procedure_cells(item: Published) -> dict[str, object]:
    d = item.definition
    term = d.resolution_term
    return {
        "code": item.code, "sia_code": d.sia_code, "version": item.version,
        **{f"title_{lang}": d.title.get(lang) for lang in LANGUAGES},
        **{f"summary_{lang}": d.summary.get(lang) for lang in LANGUAGES},
        "unit": d.unit, "kind": d.kind.value, "channels": "|".join(d.channels),
        "resolution_term_value": term.value if term else None,
        "resolution_term_unit": term.unit.value if term else None,
        "silence_effect": d.silence_effect.value if d.silence_effect else None,
        "terms": "|".join(str(ref) for ref in d.terms),
        "published_from": item.published_from.isoformat() if item.published_from else None,
        "published_until": item.published_until.isoformat() if item.published_until else None,
    }


def catalogue_csv(session: Session, at: datetime) -> str:
    """One row per case of every visible procedure (formulas neutralised)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for item in list_published(session, at):
        base = _procedure_cells(item)
        for case in item.definition.cases or (None,):
            row = dict(base)
            if case is not None:
                docs = case.required_documents
                row.update({
                    "case_code": case.code,
                    **{f"case_title_{lang}": case.title.get(lang) for lang in LANGUAGES},
                    "form_key": case.form.key if case.form else None,
                    "form_version": case.form.version if case.form else None,
                    "has_fee": "true" if case.has_fee else "false",
                    "mandatory_documents": "|".join(x.code for x in docs if x.mandatory),
                    "optional_documents": "|".join(x.code for x in docs if not x.mandatory),
                    "requires_procedure": case.requires_procedure,
                })
            writer.writerow({column: spreadsheet_safe(row.get(column)) for column in CSV_COLUMNS})
    return out.getvalue()


def _texts(values: dict[str, str]) -> list[dict[str, str]]:
    return [{"@value": values[lang], "@language": lang} for lang in LANGUAGES if values.get(lang)]


def dcat_catalog(*, city: str, catalog_url: str, json_url: str, csv_url: str,
                 modified: datetime | None) -> dict[str, Any]:
    """A DCAT-AP ``dcat:Catalog`` with one dataset and its two distributions (JSON-LD)."""
    title = {"es": f"Catálogo de procedimientos de {city}",
             "ca": f"Catàleg de procediments de {city}",
             "en": f"Procedure catalogue of {city}"}
    distributions = [
        {"@id": json_url, "@type": "dcat:Distribution", "dcat:accessURL": {"@id": json_url},
         "dcat:downloadURL": {"@id": json_url}, "dcat:mediaType": "application/json",
         "dct:format": {"@id": f"{EU}/file-type/JSON"}, "dct:license": {"@id": LICENSE}},
        {"@id": csv_url, "@type": "dcat:Distribution", "dcat:accessURL": {"@id": csv_url},
         "dcat:downloadURL": {"@id": csv_url}, "dcat:mediaType": "text/csv",
         "dct:format": {"@id": f"{EU}/file-type/CSV"}, "dct:license": {"@id": LICENSE}},
    ]
    dataset = {
        "@id": f"{catalog_url}#procedures", "@type": "dcat:Dataset",
        "dct:identifier": "procedure-catalogue", "dct:title": _texts(title),
        "dct:description": _texts({
            "es": "Procedimientos administrativos publicados en la sede electrónica.",
            "ca": "Procediments administratius publicats a la seu electrònica.",
            "en": "Administrative procedures published in the electronic office."}),
        "dcat:theme": {"@id": f"{EU}/data-theme/GOVE"},
        "dct:language": [{"@id": uri} for uri in LANGUAGE_URIS.values()],
        "dct:publisher": {"@type": "foaf:Organization", "foaf:name": city},
        "dcat:distribution": distributions,
    }
    if modified is not None:
        dataset["dct:modified"] = modified.isoformat()
    return {
        "@context": {"dcat": "http://www.w3.org/ns/dcat#", "dct": "http://purl.org/dc/terms/",
                     "foaf": "http://xmlns.com/foaf/0.1/"},
        "@id": catalog_url, "@type": "dcat:Catalog", "dct:title": _texts(title),
        "dct:publisher": {"@type": "foaf:Organization", "foaf:name": city},
        "dcat:dataset": [dataset],
    }


def last_modified(session: Session, at: datetime) -> datetime | None:
    """When the visible catalogue last changed (the latest start of a visible version)."""
    starts = [item.published_from for item in list_published(session, at) if item.published_from]
    return max(starts, default=None)
