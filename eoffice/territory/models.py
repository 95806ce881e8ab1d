"""Tables of the territory database: streets with their names in the official
languages, street sections (number ranges with the category fees use, postcode and
district), addresses, buildings and dwellings with their cadastral references, and the
import runs that loaded them with the rows they rejected.

Codes are what other contexts keep (a form answer stores an address's ``code``); rows
are never deleted, only retired (``active`` false), so an old answer still resolves."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from eoffice.shared.db import Base, UTCDateTime


class Street(Base):
    """A street of the city's street map (callejero): its code, its type (calle,
    avenida, plaza…) and its name in each official language."""

    __tablename__ = "territory_street"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    kind: Mapped[str] = mapped_column(String(20))  # StreetKind: calle, avenida, plaza…
    name: Mapped[dict[str, str]] = mapped_column(JSON)  # {"es": ..., "ca": ...}
    search_text: Mapped[str] = mapped_column(String(400), index=True)  # folded names
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class StreetSection(Base):
    """A stretch of a street (tramo): a range of numbers on one side or both, with the
    fiscal category fee rules read, its postcode and district."""

    __tablename__ = "territory_section"
    __table_args__ = (
        UniqueConstraint("street_id", "code"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    street_id: Mapped[int] = mapped_column(ForeignKey("territory_street.id"), index=True)
    code: Mapped[str] = mapped_column(String(20))  # the section's number within its street
    parity: Mapped[str] = mapped_column(String(10))  # Parity: odd, even, both
    number_from: Mapped[int] = mapped_column(Integer)
    number_to: Mapped[int] = mapped_column(Integer)
    category: Mapped[str] = mapped_column(String(10))  # fiscal street category ("1", "2"…)
    postcode: Mapped[str] = mapped_column(String(5))
    district: Mapped[str] = mapped_column(String(10))
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Address(Base):
    """A postal address of the city (portal): street, number and letter; postcode,
    district and section are those of the number's section when it was recorded."""

    __tablename__ = "territory_address"
    __table_args__ = (
        UniqueConstraint("street_id", "number", "letter"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(30), unique=True)
    street_id: Mapped[int] = mapped_column(ForeignKey("territory_street.id"), index=True)
    section_id: Mapped[int | None] = mapped_column(ForeignKey("territory_section.id"))
    number: Mapped[int] = mapped_column(Integer)
    letter: Mapped[str] = mapped_column(String(3), default="")
    postcode: Mapped[str] = mapped_column(String(5))
    district: Mapped[str] = mapped_column(String(10))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Building(Base):
    """A building (cadastral parcel: the first 14 characters of a cadastral reference)
    at an address."""

    __tablename__ = "territory_building"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    cadastral_parcel: Mapped[str] = mapped_column(String(14), unique=True)
    address_id: Mapped[int | None] = mapped_column(ForeignKey("territory_address.id"),
                                                   index=True)
    use: Mapped[str | None] = mapped_column(String(40))
    built_year: Mapped[int | None] = mapped_column(Integer)


class Dwelling(Base):
    """A unit of a building (inmueble: a dwelling, premises, a garage) with its full
    20-character cadastral reference, floor and door."""

    __tablename__ = "territory_dwelling"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    building_id: Mapped[int] = mapped_column(ForeignKey("territory_building.id"), index=True)
    cadastral_reference: Mapped[str] = mapped_column(String(20), unique=True)
    floor: Mapped[str] = mapped_column(String(10), default="")
    door: Mapped[str] = mapped_column(String(10), default="")
    use: Mapped[str | None] = mapped_column(String(40))
    area_m2: Mapped[int | None] = mapped_column(Integer)


class ImportRun(Base):
    """One CSV import (streets, sections, addresses or cadastre): who ran it, the file's
    SHA-256, how many rows were taken and the rejected rows with their reasons."""

    __tablename__ = "territory_import"
    __table_args__ = (
        Index("ix_territory_import_started", "started_at"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))  # ImportKind
    filename: Mapped[str] = mapped_column(String(255))
    sha256: Mapped[str] = mapped_column(String(64))
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    started_by: Mapped[str] = mapped_column(String(100))
    accepted: Mapped[int] = mapped_column(Integer, default=0)
    rejected: Mapped[int] = mapped_column(Integer, default=0)
    # [{"line": 7, "code": "territory.unknown_street", "message": "...", "row": {...}}]
    report: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
