"""Buildings and dwellings with their cadastral references: a building is a cadastral
parcel (the first 14 characters), a dwelling (premises, garage…) a full 20-character
reference whose control letters python-stdnum checks. Takes the session, never commits."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice.shared.errors import FieldError
from eoffice.territory.domain import cadastral_parcel
from eoffice.territory.errors import (
    DuplicateDwelling,
    InvalidCadastralReference,
    InvalidTerritoryData,
)
from eoffice.territory.models import Building, Dwelling

CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"


@dataclass(frozen=True)
class PropertyData:
    """A row of a cadastre file: a reference (20 characters, or a bare 14-character
    parcel for the building alone) and what is known of it."""

    reference: str
    address_id: int | None = None
    floor: str = ""
    door: str = ""
    use: str | None = None
    area_m2: int | None = None
    built_year: int | None = None


@dataclass(frozen=True)
class DwellingView:
    reference: str
    parcel: str
    address_id: int | None
    floor: str
    door: str
    use: str | None
    area_m2: int | None
    built_year: int | None


def _check(data: PropertyData) -> None:
    problems = []
    if len(data.floor) > 10 or len(data.door) > 10:
        problems.append(FieldError("floor", "floor and door have at most 10 characters",
                                   InvalidTerritoryData.code))
    if data.use is not None and len(data.use) > 40:
        problems.append(FieldError("use", "a use has at most 40 characters",
                                   InvalidTerritoryData.code))
    if data.area_m2 is not None and not 0 < data.area_m2 <= 10_000_000:
        problems.append(FieldError("area", "an area in whole square metres",
                                   InvalidTerritoryData.code))
    if data.built_year is not None and not 1000 <= data.built_year <= 2100:
        problems.append(FieldError("built_year", "a year of construction",
                                   InvalidTerritoryData.code))
    if problems:
        raise InvalidTerritoryData(errors=problems)


def _building(session: Session, parcel: str, data: PropertyData, *,
              update: bool) -> tuple[Building, str]:
    building = session.scalar(select(Building).filter_by(cadastral_parcel=parcel))
    if building is None:
        building = Building(cadastral_parcel=parcel, address_id=data.address_id,
                            use=data.use if len(data.reference) == 14 else None,
                            built_year=data.built_year)
        session.add(building)
        session.flush()
        return building, CREATED
    changes = {}
    if data.address_id is not None and building.address_id != data.address_id and (
            update or building.address_id is None):
        changes["address_id"] = data.address_id
    if data.built_year is not None and building.built_year != data.built_year and (
            update or building.built_year is None):
        changes["built_year"] = data.built_year
    for name, value in changes.items():
        setattr(building, name, value)
    return building, UPDATED if changes else UNCHANGED


def record_property(session: Session, data: PropertyData, *, update: bool = False) -> str:
    """Record a building (and its dwelling for a 20-character reference); ``created``,
    ``updated`` or ``unchanged``. InvalidCadastralReference for a reference whose control
    letters are wrong; DuplicateDwelling for a known reference unless ``update``."""
    reference = "".join(data.reference.split()).upper()
    parcel = cadastral_parcel(reference)
    if parcel is None:
        raise InvalidCadastralReference(errors=[FieldError(
            "reference", f"{reference[:30]} is not a cadastral reference (20 characters "
            "with two right control letters, or a 14-character parcel)",
            InvalidCadastralReference.code)])
    _check(data)
    dwelling = None
    if len(reference) == 20:
        dwelling = session.scalar(select(Dwelling).filter_by(cadastral_reference=reference))
        if dwelling is not None and not update:
            raise DuplicateDwelling(errors=[FieldError("reference", f"{reference} exists",
                                                       DuplicateDwelling.code)])
    building, outcome = _building(session, parcel, data, update=update)
    if len(reference) == 14:
        return outcome
    values = {"floor": data.floor, "door": data.door, "use": data.use, "area_m2": data.area_m2}
    if dwelling is None:
        session.add(Dwelling(building_id=building.id, cadastral_reference=reference, **values))
        session.flush()
        return CREATED
    changed = {k: v for k, v in values.items() if getattr(dwelling, k) != v}
    for name, value in changed.items():
        setattr(dwelling, name, value)
    session.flush()
    return UPDATED if changed or outcome == UPDATED else UNCHANGED


def list_dwellings(session: Session, address_ids: list[int]) -> list[DwellingView]:
    """The dwellings of the buildings at these addresses, by reference."""
    if not address_ids:
        return []
    rows = session.execute(select(Dwelling, Building)
                           .join(Building, Building.id == Dwelling.building_id)
                           .where(Building.address_id.in_(address_ids))
                           .order_by(Dwelling.cadastral_reference)).all()
    return [DwellingView(reference=d.cadastral_reference, parcel=b.cadastral_parcel,
                         address_id=b.address_id, floor=d.floor, door=d.door, use=d.use,
                         area_m2=d.area_m2, built_year=b.built_year) for d, b in rows]
