"""The demo street map, imported from the CSV files of eoffice/demo/territory: the
addresses the terrace fee's demo uses with their categories, valid cadastral references,
and a second load that changes nothing."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from stdnum.es import referenciacatastral

from eoffice import territory
from eoffice.audit.models import AuditEvent
from eoffice.demo.territory import load_demo_territory
from eoffice.territory.models import Dwelling, ImportRun


def test_the_demo_addresses_have_the_categories_of_their_sections(db: Session) -> None:
    expected = {"01530-0012": ("1", "46004"), "00080-0001": ("1", "46002"),
                "00612-0100": ("2", "46023"), "03150-0045": ("1", "46002"),
                "03150-0120": ("2", "46007")}
    for code, (category, postcode) in expected.items():
        view = territory.get_address(db, code)
        assert (view.street_category, view.postcode) == (category, postcode), code
    assert territory.get_address(db, "00080-0001").label("ca") == "PZ de l'Ajuntament, 1"
    assert territory.get_address(db, "01530-0012").label("es") == "CL de Colón, 12"


def test_the_demo_cadastral_references_are_valid(db: Session) -> None:
    references = db.scalars(select(Dwelling.cadastral_reference)).all()
    assert len(references) >= 10
    assert all(referenciacatastral.is_valid(ref) for ref in references)


def test_loading_the_demo_street_map_twice_changes_nothing(db: Session) -> None:
    def counts() -> tuple[int | None, ...]:
        return tuple(db.scalar(select(func.count()).select_from(model))
                     for model in (ImportRun, AuditEvent))

    before = counts()
    first = load_demo_territory(db)
    second = load_demo_territory(db)
    assert first == second
    assert first.startswith("street map: 26 streets")
    assert counts() == before


def test_suggestions_skip_the_street_type_a_citizen_types(db: Session) -> None:
    for typed in ("calle colón 12", "C/ Colón, 12", "Carrer de Colón 12", "colon 12"):
        codes = [view.code for view in territory.suggest_addresses(db, typed)]
        assert codes[0] == "01530-0012" and all(c.startswith("01530-0012") for c in codes), typed
    assert [v.code for v in territory.suggest_addresses(db, "plaça ajuntament 1")] == [
        "00080-0001"]
    assert territory.suggest_addresses(db, "calle") == []
