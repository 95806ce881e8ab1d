"""Open data of the street map: active streets (with their sections and fiscal
categories) and active addresses, as UTF-8 CSV with a header in a stable column order
and as JSON, under CC BY 4.0 (attribution: the city). Cells never start a formula."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from eoffice.shared.spreadsheet import csv_text
from eoffice.territory import queries

LICENCE = "https://creativecommons.org/licenses/by/4.0/"
LANGUAGES = ("es", "ca")
STREET_COLUMNS = ("code", "kind", "name_es", "name_ca", "sections", "categories",
                  "postcodes", "districts")
ADDRESS_COLUMNS = ("code", "street_code", "street_kind", "street_name_es", "street_name_ca",
                   "number", "letter", "postcode", "district", "category")


def _distinct(values: list[str]) -> str:
    return "|".join(sorted(set(filter(None, values))))


def streets_csv(session: Session) -> str:
    """One row per active street, by code (``|`` joins the values of its sections)."""
    rows = []
    for street, sections in queries.open_streets(session):
        rows.append({
            "code": street.code, "kind": street.kind,
            **{f"name_{lang}": street.name.get(lang, "") for lang in LANGUAGES},
            "sections": len(sections),
            "categories": _distinct([s.category for s in sections]),
            "postcodes": _distinct([s.postcode for s in sections]),
            "districts": _distinct([s.district for s in sections]),
        })
    return csv_text(STREET_COLUMNS, rows)


def addresses_csv(session: Session) -> str:
    """One row per active address, by street code, number and letter."""
    rows = [{"code": address.code, "street_code": street.code, "street_kind": street.kind,
             **{f"street_name_{lang}": street.name.get(lang, "") for lang in LANGUAGES},
             "number": address.number, "letter": address.letter,
             "postcode": address.postcode, "district": address.district,
             "category": category or ""}
            for address, street, category in queries.open_addresses(session)]
    return csv_text(ADDRESS_COLUMNS, rows)


def streets_document(session: Session, *, at: datetime, publisher: str) -> dict[str, Any]:
    streets = [{"code": street.code, "kind": street.kind, "name": dict(street.name),
                "sections": [{"code": s.code, "parity": s.parity,
                              "number_from": s.number_from, "number_to": s.number_to,
                              "category": s.category, "postcode": s.postcode,
                              "district": s.district} for s in sections]}
               for street, sections in queries.open_streets(session)]
    return {"generated_at": at, "licence": LICENCE, "publisher": publisher,
            "streets": streets}


def addresses_document(session: Session, *, at: datetime, publisher: str) -> dict[str, Any]:
    addresses = [{"code": address.code, "street_code": street.code,
                  "street_kind": street.kind, "street_name": dict(street.name),
                  "number": address.number, "letter": address.letter,
                  "postcode": address.postcode, "district": address.district,
                  "category": category}
                 for address, street, category in queries.open_addresses(session)]
    return {"generated_at": at, "licence": LICENCE, "publisher": publisher,
            "addresses": addresses}
