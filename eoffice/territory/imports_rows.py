"""Taking one row of an import: a street, a street section, an address or a cadastral
reference. Each handler records the row through the context's services, or raises
RowRejected with a stable code and a message for the report. In update mode a row whose
key exists already (street code, section of a street, address, reference) changes it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice.shared.errors import DomainError
from eoffice.shared.numbers import whole_number
from eoffice.territory import services
from eoffice.territory.cadastre import CREATED, UNCHANGED, UPDATED, PropertyData, record_property
from eoffice.territory.domain import (
    ImportKind,
    covers,
    is_postcode,
    overlaps,
    parity_of,
    street_kind_of,
)
from eoffice.territory.errors import (
    DuplicateAddress,
    DuplicateDwelling,
    DuplicateSection,
    DuplicateStreetCode,
    InvalidTerritoryData,
    OverlappingSection,
    UnknownAddress,
    UnknownStreet,
)
from eoffice.territory.imports_reading import CsvRow
from eoffice.territory.models import Address, Street, StreetSection

NO_NUMBER = {"s/n", "sn", "s n", "s.n."}


class RowRejected(Exception):
    """A row the import does not take: a stable code and a message for the report."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message

    @classmethod
    def of(cls, error: DomainError) -> RowRejected:
        first = error.errors[0] if error.errors else None
        if first is not None:
            return cls(first.code, first.message)
        return cls(error.code, str(error.detail or error.title))


@dataclass
class ImportContext:
    """What the rows of one import share: the session, the mode, the keys met so far
    (a key twice in one file is a duplicate) and the streets looked up."""

    session: Session
    update: bool
    seen: dict[tuple[object, ...], int] = field(default_factory=dict)
    streets: dict[str, Street] | None = None
    touched: set[int] = field(default_factory=set)  # streets whose sections changed
    last_key: tuple[object, ...] | None = None  # the key of the row being taken
    # for addresses: each street's active sections and (number, letter) taken, all codes
    sections: dict[int, list[StreetSection]] | None = None
    numbers: dict[int, set[tuple[int, str]]] = field(default_factory=dict)
    codes: set[str] | None = None

    def all_streets(self) -> dict[str, Street]:
        """Every street by code (loaded once; the streets an import adds join it)."""
        if self.streets is None:
            self.streets = {s.code: s for s in self.session.scalars(select(Street))}
        return self.streets

    def street(self, code: str) -> Street:
        found = self.all_streets().get(code)
        if found is None:
            raise RowRejected(UnknownStreet.code, f"street {code[:20]!r} is not in the "
                                                  "street map")
        return found

    def street_sections(self, street_id: int) -> list[StreetSection]:
        """The street's active sections (all streets' loaded at once, the first time)."""
        if self.sections is None:
            self.sections = {}
            for section in self.session.scalars(select(StreetSection).filter_by(active=True)
                                                .order_by(StreetSection.code)):
                self.sections.setdefault(section.street_id, []).append(section)
        return self.sections.setdefault(street_id, [])

    def street_numbers(self, street_id: int) -> set[tuple[int, str]]:
        if street_id not in self.numbers:
            self.numbers[street_id] = {(number, letter) for number, letter in self.session.execute(
                select(Address.number, Address.letter).filter_by(street_id=street_id))}
        return self.numbers[street_id]

    def address_codes(self) -> set[str]:
        if self.codes is None:
            self.codes = set(self.session.scalars(select(Address.code)))
        return self.codes

    def once(self, key: tuple[object, ...], line: int, code: str, what: str) -> None:
        if key in self.seen:
            raise RowRejected(code, f"{what} is also on line {self.seen[key]} of this file")
        self.seen[key], self.last_key = line, key

    def forget_row(self) -> None:
        """The row being taken was rejected: its key may come again on a later line."""
        if self.last_key is not None:
            self.seen.pop(self.last_key, None)


def _int(values: dict[str, str], name: str, *, required: bool = True) -> int | None:
    text = values.get(name, "").strip()
    if not text and not required:
        return None
    if name == "number" and text.casefold() in NO_NUMBER:
        return 0  # "sin número"
    number = whole_number(text, max_digits=8)
    if number is None:
        raise RowRejected(InvalidTerritoryData.code, f"{name}: {text[:20]!r} is not a whole "
                                                     "number")
    return number


def take_street(ctx: ImportContext, row: CsvRow) -> str:
    values = row.values
    code = values.get("code", "")
    ctx.once(("street", code), row.line, DuplicateStreetCode.code, f"street {code}")
    kind = street_kind_of(values.get("kind", ""))
    if kind is None:
        raise RowRejected("territory.unknown_kind",
                          f"unknown street type {values.get('kind', '')[:20]!r}")
    names = {lang: values.get(f"name_{lang}", "") for lang in ("es", "ca", "en")}
    streets = ctx.all_streets()
    existing = streets.get(code)
    if existing is None:
        street = services.new_street(code=code, kind=kind, name=names)
        ctx.session.add(street)
        streets[street.code] = street
        return CREATED
    if not ctx.update:
        raise RowRejected(DuplicateStreetCode.code, f"street {code} exists already "
                                                    "(import in update mode to change it)")
    changed = services.update_street(ctx.session, existing, kind=kind, name=names)
    return UPDATED if changed else UNCHANGED


def _section_data(values: dict[str, str]) -> services.SectionData:
    parity = parity_of(values.get("parity", ""))
    if parity is None:
        raise RowRejected(InvalidTerritoryData.code, "parity is odd, even or both (I, P, T)")
    return services.SectionData(
        code=values.get("code", ""), parity=parity.value,
        number_from=_int(values, "number_from") or 0, number_to=_int(values, "number_to") or 0,
        category=values.get("category", ""), postcode=values.get("postcode", ""),
        district=values.get("district", ""))


def take_section(ctx: ImportContext, row: CsvRow) -> str:
    street = ctx.street(row.values.get("street", ""))
    data = _section_data(row.values)
    ctx.once(("section", street.code, data.code), row.line, DuplicateSection.code,
             f"section {data.code} of street {street.code}")
    sections = ctx.street_sections(street.id)
    existing = next((s for s in sections if s.code == data.code), None)
    if existing is not None and not ctx.update:
        raise RowRejected(DuplicateSection.code, f"street {street.code} has a section "
                                                 f"{data.code} already")
    for other in sections:
        if other is not existing and overlaps(
                (data.parity, data.number_from, data.number_to),
                (other.parity, other.number_from, other.number_to)):
            raise RowRejected(OverlappingSection.code, f"numbers {data.number_from}-"
                              f"{data.number_to} overlap section {other.code}")
    services.check_section(data)
    ctx.touched.add(street.id)
    if existing is None:
        section = services.new_section(street, data)
        ctx.session.add(section)
        sections.append(section)
        return CREATED
    fields = {"parity": data.parity, "number_from": data.number_from,
              "number_to": data.number_to, "category": data.category,
              "postcode": data.postcode, "district": data.district}
    changed = {k: v for k, v in fields.items() if getattr(existing, k) != v}
    for name, value in changed.items():
        setattr(existing, name, value)
    return UPDATED if changed else UNCHANGED


def take_address(ctx: ImportContext, row: CsvRow) -> str:
    values = row.values
    street = ctx.street(values.get("street", ""))
    number = _int(values, "number") or 0
    letter = values.get("letter", "").upper()
    ctx.once(("address", street.code, number, letter), row.line, DuplicateAddress.code,
             f"address {street.code} {number}{letter}")
    taken = ctx.street_numbers(street.id)
    if (number, letter) in taken:
        return _update_address(ctx, street, number, letter, values)
    section = next((s for s in ctx.street_sections(street.id)
                    if covers(s.parity, s.number_from, s.number_to, number)), None)
    address = services.new_address(street, section, number=number, letter=letter,
                                   postcode=values.get("postcode") or None,
                                   district=values.get("district") or None,
                                   code=values.get("code") or None)
    codes = ctx.address_codes()
    if address.code in codes:
        raise RowRejected(DuplicateAddress.code, f"address code {address.code} is taken")
    ctx.session.add(address)
    taken.add((number, letter))
    codes.add(address.code)
    return CREATED


def _update_address(ctx: ImportContext, street: Street, number: int, letter: str,
                    values: dict[str, str]) -> str:
    existing = ctx.session.scalar(select(Address).filter_by(street_id=street.id,
                                                            number=number, letter=letter))
    if existing is None or not ctx.update:
        raise RowRejected(DuplicateAddress.code, f"address {street.code} {number}{letter} "
                                                 "exists already")
    postcode, district = values.get("postcode", ""), values.get("district", "")
    if (postcode and not is_postcode(postcode)) or len(district) > 10:
        raise RowRejected(InvalidTerritoryData.code, "a five-digit postcode and a district "
                                                     "of at most 10 characters")
    changed = {k: v for k, v in (("postcode", postcode), ("district", district))
               if v and getattr(existing, k) != v}
    for name, value in changed.items():
        setattr(existing, name, value)
    return UPDATED if changed else UNCHANGED


def _address_id(ctx: ImportContext, values: dict[str, str]) -> int | None:
    if not values.get("street"):
        return None
    street = ctx.street(values["street"])
    number = _int(values, "number") or 0
    letter = values.get("letter", "").upper()
    found = ctx.session.scalar(select(Address.id).filter_by(street_id=street.id,
                                                            number=number, letter=letter))
    if found is None:
        raise RowRejected(UnknownAddress.code, f"there is no address {street.code} "
                                               f"{number}{letter} in the street map")
    return found


def take_property(ctx: ImportContext, row: CsvRow) -> str:
    values = row.values
    reference = "".join(values.get("reference", "").split()).upper()
    ctx.once(("property", reference), row.line, DuplicateDwelling.code,
             f"reference {reference[:20]}")
    data = PropertyData(reference=reference, address_id=_address_id(ctx, values),
                        floor=values.get("floor", ""), door=values.get("door", ""),
                        use=values.get("use") or None,
                        area_m2=_int(values, "area", required=False),
                        built_year=_int(values, "built_year", required=False))
    return record_property(ctx.session, data, update=ctx.update)


def relink_addresses(ctx: ImportContext) -> None:
    """Point the addresses of the streets whose sections changed at the section now
    covering their number."""
    touched = sorted(ctx.touched)
    for start in range(0, len(touched), 500):
        chunk = touched[start:start + 500]
        for address in ctx.session.scalars(select(Address).where(Address.street_id.in_(chunk))):
            section = next((s for s in ctx.street_sections(address.street_id)
                            if covers(s.parity, s.number_from, s.number_to, address.number)),
                           None)
            section_id = section.id if section else None
            if address.section_id != section_id:
                address.section_id = section_id


HANDLERS: dict[ImportKind, Callable[[ImportContext, CsvRow], str]] = {
    ImportKind.STREETS: take_street,
    ImportKind.SECTIONS: take_section,
    ImportKind.ADDRESSES: take_address,
    ImportKind.CADASTRE: take_property,
}
