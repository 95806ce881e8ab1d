"""Read models of the street map: finding streets by name or code, a street with its
sections and addresses, the counts of what is stored, and the rows of the open data
export (active streets and addresses only, in a stable order)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from eoffice.territory.domain import fold
from eoffice.territory.errors import UnknownStreet
from eoffice.territory.models import Address, Building, Dwelling, Street, StreetSection

MAX_STREETS = 200


@dataclass(frozen=True)
class StreetRow:
    code: str
    kind: str
    name: dict[str, str]
    active: bool

    def label(self, locale: str = "es") -> str:
        return f"{self.kind} {self.name.get(locale) or self.name.get('es', '')}"


@dataclass(frozen=True)
class SectionRow:
    code: str
    parity: str
    number_from: int
    number_to: int
    category: str
    postcode: str
    district: str


@dataclass(frozen=True)
class AddressRow:
    id: int
    code: str
    number: int
    letter: str
    postcode: str
    district: str
    section_code: str | None
    category: str | None
    active: bool


@dataclass(frozen=True)
class StreetDetail:
    street: StreetRow
    sections: list[SectionRow]
    addresses: list[AddressRow]


def _row(street: Street) -> StreetRow:
    return StreetRow(code=street.code, kind=street.kind, name=dict(street.name),
                     active=street.active)


def search_streets(session: Session, text: str = "", *, limit: int = 50, offset: int = 0,
                   active_only: bool = False) -> tuple[list[StreetRow], int]:
    """Streets whose code starts with ``text`` or whose names hold its words (accents
    and case ignored), by code; one page and the total."""
    query = select(Street)
    words = fold(text).split()[:5]
    if words:
        by_name = and_(*(Street.search_text.contains(word, autoescape=True)
                         for word in words))
        query = query.where(or_(Street.code.startswith(text.strip(), autoescape=True),
                                by_name))
    if active_only:
        query = query.where(Street.active.is_(True))
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = session.scalars(query.order_by(Street.code).limit(max(1, min(limit, MAX_STREETS)))
                           .offset(max(0, offset)))
    return [_row(street) for street in rows], total


def street_detail(session: Session, code: str) -> StreetDetail:
    """A street with its sections and addresses (by number); UnknownStreet otherwise."""
    street = session.scalar(select(Street).filter_by(code=code))
    if street is None:
        raise UnknownStreet()
    sections = list(session.scalars(select(StreetSection).filter_by(street_id=street.id)
                                    .order_by(StreetSection.code)))
    by_id = {s.id: s for s in sections}
    addresses = session.scalars(select(Address).filter_by(street_id=street.id)
                                .order_by(Address.number, Address.letter))
    return StreetDetail(
        street=_row(street),
        sections=[SectionRow(code=s.code, parity=s.parity, number_from=s.number_from,
                             number_to=s.number_to, category=s.category, postcode=s.postcode,
                             district=s.district) for s in sections],
        addresses=[AddressRow(
            id=a.id, code=a.code, number=a.number, letter=a.letter, postcode=a.postcode,
            district=a.district,
            section_code=by_id[a.section_id].code if a.section_id in by_id else None,
            category=by_id[a.section_id].category if a.section_id in by_id else None,
            active=a.active) for a in addresses])


def count_street_map(session: Session) -> dict[str, int]:
    """How many streets, sections, addresses, buildings and dwellings are stored."""
    return {name: session.scalar(select(func.count()).select_from(model)) or 0
            for name, model in (("streets", Street), ("sections", StreetSection),
                                ("addresses", Address), ("buildings", Building),
                                ("dwellings", Dwelling))}


def open_streets(session: Session) -> Iterator[tuple[Street, list[StreetSection]]]:
    """Active streets by code, each with its active sections."""
    sections: dict[int, list[StreetSection]] = {}
    for section in session.scalars(select(StreetSection).where(StreetSection.active.is_(True))
                                   .order_by(StreetSection.street_id, StreetSection.code)):
        sections.setdefault(section.street_id, []).append(section)
    for street in session.scalars(select(Street).where(Street.active.is_(True))
                                  .order_by(Street.code)):
        yield street, sections.get(street.id, [])


def open_addresses(session: Session) -> Iterator[tuple[Address, Street, str | None]]:
    """Active addresses on active streets by street code, number and letter, with the
    fiscal category of their section."""
    query = (select(Address, Street, StreetSection.category)
             .join(Street, Street.id == Address.street_id)
             .outerjoin(StreetSection, StreetSection.id == Address.section_id)
             .where(Address.active.is_(True), Street.active.is_(True))
             .order_by(Street.code, Address.number, Address.letter))
    yield from ((address, street, category)
                for address, street, category in session.execute(query))
