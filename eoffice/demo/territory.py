"""The demo city's street map (idempotent): streets, sections with their fiscal
categories, addresses and cadastral references imported from the CSV files in
``eoffice/demo/territory/`` (Valencia-like names in Spanish and Valencian; category "1"
for the centre, postcodes 46001-46004, "2" elsewhere), as an administrator would import
the files the city publishes. A file already imported with the same content is skipped;
a changed one is imported in update mode."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session

from eoffice import territory

DEMO_DIR = Path(__file__).with_name("territory")
FILES = (
    (territory.ImportKind.STREETS, "streets.csv"),
    (territory.ImportKind.SECTIONS, "sections.csv"),
    (territory.ImportKind.ADDRESSES, "addresses.csv"),
    (territory.ImportKind.CADASTRE, "cadastre.csv"),
)


def load_demo_territory(session: Session) -> str:
    """Import the demo street map; returns a one-line summary of what is stored."""
    for kind, name in FILES:
        content = (DEMO_DIR / name).read_bytes()
        if territory.was_imported(session, kind, content):
            continue
        run = territory.import_csv(session, kind, content, filename=name, actor="demo",
                                   update=True)
        if run.rejected:
            raise RuntimeError(f"demo street map {name}: {run.report[:3]}")
    counts = territory.count_street_map(session)
    return (f"street map: {counts['streets']} streets, {counts['sections']} sections, "
            f"{counts['addresses']} addresses, {counts['dwellings']} dwellings")
