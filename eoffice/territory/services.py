"""Recording and looking up streets, sections and addresses: the functions other
contexts (forms, fees) and the import call. They take the session, never commit."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from eoffice.shared.clock import utcnow
from eoffice.shared.errors import FieldError
from eoffice.shared.numbers import whole_number
from eoffice.territory.domain import (
    Parity,
    StreetKind,
    address_code,
    covers,
    fold,
    is_postcode,
)
from eoffice.territory.errors import (
    DuplicateAddress,
    DuplicateStreetCode,
    InvalidTerritoryData,
    UnknownAddress,
    UnknownStreet,
)
from eoffice.territory.models import Address, Street, StreetSection

MAX_SUGGESTIONS = 20
#: Words a citizen types for the street's type (Spanish, Valencian, abbreviations).
STREET_TYPE_WORDS = frozenset({
    "calle", "c", "cl", "carrer", "cr", "avenida", "avda", "av", "avinguda", "avgda",
    "plaza", "pza", "pz", "pl", "placa", "paseo", "ps", "pg", "passeig", "camino", "cm",
    "cami", "carretera", "ctra", "gran", "via", "gv", "pasaje", "pje", "pj", "passatge",
    "ronda", "rd", "travesia", "tr", "travessia", "bulevar", "bv", "glorieta", "gl"})


@dataclass(frozen=True)
class AddressView:
    """An address as forms, fees and pages show it."""

    code: str
    street_code: str
    street_kind: str
    street_name: dict[str, str]
    number: int
    letter: str
    postcode: str
    district: str
    street_category: str | None  # the fiscal category of the number's section
    active: bool

    def label(self, locale: str = "es") -> str:
        """``CL Colón, 12 B`` in ``locale`` (Spanish when the street has no such name)."""
        name = self.street_name.get(locale) or self.street_name.get("es") or ""
        return f"{self.street_kind} {name}, {self.number}" + (
            f" {self.letter}" if self.letter else "")


OFFICIAL_LANGUAGES = ("es", "ca")
SEARCH_TEXT_LENGTH = 400  # Street.search_text


def _invalid(field: str, message: str, code: str = "territory.invalid") -> InvalidTerritoryData:
    return InvalidTerritoryData(errors=[FieldError(field, message, code)])


def _street_names(kind: str, name: dict[str, str]) -> dict[str, str]:
    """The names to keep (blank ones dropped), once ``kind`` and the names are valid."""
    if kind not in {k.value for k in StreetKind}:
        raise _invalid("kind", f"unknown street type {kind!r}", "territory.unknown_kind")
    names = {lang: value.strip() for lang, value in name.items() if value and value.strip()}
    if set(names) - set(OFFICIAL_LANGUAGES):
        raise _invalid("name", "street names are given in the official languages (es, ca)")
    if "es" not in names or any(len(value) > 150 for value in names.values()):
        raise _invalid("name", "a street needs a Spanish name of at most 150 characters")
    return names


def _search_text(names: dict[str, str]) -> str:
    """The folded names for searching, cut to the column's 400 characters (folding may
    lengthen a name: "ﬃ" is "ffi")."""
    return " | ".join(sorted({fold(value) for value in names.values()}))[:SEARCH_TEXT_LENGTH]


def add_street(session: Session, *, code: str, kind: str, name: dict[str, str]) -> Street:
    """Record a street. DuplicateStreetCode when ``code`` is taken; InvalidTerritoryData
    for an unknown kind or a missing Spanish name."""
    street = new_street(code=code, kind=kind, name=name)
    if session.scalar(select(Street.id).filter_by(code=street.code)) is not None:
        raise DuplicateStreetCode(errors=[FieldError("code", f"street {street.code} exists",
                                                     DuplicateStreetCode.code)])
    session.add(street)
    session.flush()
    return street


def new_street(*, code: str, kind: str, name: dict[str, str]) -> Street:
    """A valid street not yet added to the session (the caller checks that its code is
    new); InvalidTerritoryData otherwise."""
    code = code.strip()
    if not code or len(code) > 20:
        raise _invalid("code", "a street code has 1 to 20 characters")
    names = _street_names(kind, name)
    now = utcnow()
    return Street(code=code, kind=kind, name=names, active=True, created_at=now,
                  updated_at=now, search_text=_search_text(names))


def get_street(session: Session, code: str) -> Street:
    street = session.scalar(select(Street).filter_by(code=code))
    if street is None:
        raise UnknownStreet(errors=[FieldError("street", f"no street {code}",
                                               UnknownStreet.code)])
    return street


def update_street(session: Session, street: Street, *, kind: str,
                  name: dict[str, str]) -> bool:
    """Give ``street`` this type and these names; whether anything changed."""
    names = _street_names(kind, name)
    if street.kind == kind and dict(street.name) == names:
        return False
    street.kind, street.name, street.search_text = kind, names, _search_text(names)
    street.updated_at = utcnow()
    session.flush()
    return True


@dataclass(frozen=True)
class SectionData:
    """A street section as an import row or a form gives it."""

    code: str
    parity: str  # Parity
    number_from: int
    number_to: int
    category: str
    postcode: str
    district: str


def check_section(data: SectionData) -> None:
    """InvalidTerritoryData unless ``data`` is a valid section."""
    if data.parity not in {p.value for p in Parity}:
        raise _invalid("parity", "parity is odd, even or both")
    if not 0 <= data.number_from <= data.number_to <= 99999:
        raise _invalid("number_to", "a section runs from a number to a larger one")
    if not is_postcode(data.postcode):
        raise _invalid("postcode", "a postcode has five digits")
    if not data.category.strip() or len(data.category) > 10 or not data.code.strip() \
            or len(data.code) > 20 or len(data.district) > 10:
        raise _invalid("category", "a section needs a code and a category")


def add_section(session: Session, *, street_code: str, data: SectionData) -> StreetSection:
    """Record a section of an existing street (UnknownStreet otherwise)."""
    street = get_street(session, street_code)
    section = new_section(street, data)
    session.add(section)
    session.flush()
    return section


def new_section(street: Street, data: SectionData) -> StreetSection:
    """A valid section of ``street`` not yet added to the session."""
    check_section(data)
    return StreetSection(street_id=street.id, code=data.code.strip(), parity=data.parity,
                         number_from=data.number_from, number_to=data.number_to,
                         category=data.category.strip(), postcode=data.postcode,
                         district=data.district, active=True)


def section_for(session: Session, street_id: int, number: int) -> StreetSection | None:
    """The active section of the street covering ``number``, if any."""
    sections = session.scalars(select(StreetSection).filter_by(street_id=street_id,
                                                               active=True)
                               .order_by(StreetSection.code))
    return next((s for s in sections
                 if covers(s.parity, s.number_from, s.number_to, number)), None)


def add_address(session: Session, *, street_code: str, number: int, letter: str = "",
                postcode: str | None = None, district: str | None = None,
                code: str | None = None) -> Address:
    """Record an address on an existing street; its postcode and district default to
    its section's. UnknownStreet, DuplicateAddress or InvalidTerritoryData otherwise."""
    street = get_street(session, street_code)
    letter = letter.strip().upper()
    if session.scalar(select(Address.id).filter_by(street_id=street.id, number=number,
                                                   letter=letter)) is not None:
        raise DuplicateAddress()
    address = new_address(street, section_for(session, street.id, number), number=number,
                          letter=letter, postcode=postcode, district=district, code=code)
    if session.scalar(select(Address.id).filter_by(code=address.code)) is not None:
        raise DuplicateAddress(errors=[FieldError("code", f"address code {address.code} is "
                                                  "taken", DuplicateAddress.code)])
    session.add(address)
    session.flush()
    return address


def new_address(street: Street, section: StreetSection | None, *, number: int,
                letter: str = "", postcode: str | None = None, district: str | None = None,
                code: str | None = None) -> Address:
    """A valid address not yet added to the session (the caller checks that it is new);
    InvalidTerritoryData otherwise."""
    letter = letter.strip().upper()
    if not 0 <= number <= 99999 or len(letter) > 3 or not (letter == "" or letter.isalpha()):
        raise _invalid("number", "a number from 0 to 99999 and an optional letter")
    postcode = postcode or (section.postcode if section else None)
    district = district or (section.district if section else None)
    if not postcode or not is_postcode(postcode):
        raise _invalid("postcode", "the address needs a five-digit postcode")
    if len(district or "") > 10:
        raise _invalid("district", "a district code has at most 10 characters")
    code = (code or "").strip() or address_code(street.code, number, letter)
    if len(code) > 30:
        raise _invalid("code", "an address code has at most 30 characters")
    return Address(code=code, street_id=street.id, section_id=section.id if section else None,
                   number=number, letter=letter, postcode=postcode, district=district or "",
                   active=True, created_at=utcnow())


def _view(address: Address, street: Street, section: StreetSection | None) -> AddressView:
    return AddressView(code=address.code, street_code=street.code, street_kind=street.kind,
                       street_name=dict(street.name), number=address.number,
                       letter=address.letter, postcode=address.postcode,
                       district=address.district,
                       street_category=section.category if section else None,
                       active=address.active and street.active)


def find_address(session: Session, code: str) -> AddressView | None:
    """The address with ``code`` (retired ones too: old answers still resolve)."""
    row = session.execute(select(Address, Street).join(Street, Street.id == Address.street_id)
                          .where(Address.code == code)).first()
    if row is None:
        return None
    address, street = row
    section = session.get(StreetSection, address.section_id) if address.section_id else None
    return _view(address, street, section)


def get_address(session: Session, code: str) -> AddressView:
    view = find_address(session, code)
    if view is None:
        raise UnknownAddress(errors=[FieldError("address", f"no address {code}",
                                                UnknownAddress.code)])
    return view


def suggest_addresses(session: Session, text: str, *,
                      limit: int = MAX_SUGGESTIONS) -> list[AddressView]:
    """Active addresses whose street name contains the words of ``text`` (accents and
    case ignored, street types such as "calle", "c/" or "avinguda" skipped: the map keeps
    them apart); a number in ``text`` narrows to that number. At most ``limit``."""
    words = fold(text).split()
    numbers = [n for n in (whole_number(w, max_digits=5) for w in words) if n is not None]
    names = [w for w in words if not w.isdigit() and w not in STREET_TYPE_WORDS][:5]
    if not names:
        return []
    query = (select(Address, Street).join(Street, Street.id == Address.street_id)
             .where(Address.active.is_(True), Street.active.is_(True)))
    for word in names:
        query = query.where(Street.search_text.contains(word, autoescape=True))
    if numbers:
        query = query.where(Address.number == numbers[0])
    query = query.order_by(func.length(Street.search_text), Street.code, Address.number,
                           Address.letter).limit(max(1, min(limit, MAX_SUGGESTIONS)))
    rows = session.execute(query).all()
    sections = {s.id: s for s in session.scalars(select(StreetSection).where(
        StreetSection.id.in_({a.section_id for a, _ in rows if a.section_id})))}
    return [_view(a, s, sections.get(a.section_id) if a.section_id else None)
            for a, s in rows]
