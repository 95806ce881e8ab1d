"""Checking a power as asked for: national ids (identity's validators), names, the scope
and its procedure codes (the catalogue's published procedures), the file, and the period
(ends after it starts, at most five years). Every problem is collected before anything is
written; one :class:`InvalidPower` carries them all."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from eoffice import catalogue, identity
from eoffice.identity import IdType
from eoffice.representation.domain import PowerScope, guess_id_type, latest_end
from eoffice.representation.errors import InvalidPower
from eoffice.shared.clock import utcnow
from eoffice.shared.errors import FieldError
from eoffice.shared.i18n import _

if TYPE_CHECKING:
    from eoffice.representation.services.granting import NewPower

ID_TYPES = ("nif", "nie", "cif", "passport")
BACKDATING = timedelta(days=1)


@dataclass(frozen=True)
class CheckedPower:
    representative_id_type: str
    representative_id_number: str
    representative_name: str
    scope: PowerScope
    procedures: tuple[str, ...]
    file_number: str | None
    valid_from: datetime
    valid_until: datetime | None


def _id_errors(id_type: str | None, number: str, field: str) -> tuple[str, str, list[FieldError]]:
    kind = (id_type or guess_id_type(number)).lower()
    try:
        if kind not in ID_TYPES:
            raise identity.InvalidNationalId(kind)
        return kind, identity.normalise_national_id(IdType(kind), number), []
    except identity.InvalidNationalId:
        return kind, "", [FieldError(field, _("Enter a valid identity number."), "invalid_id")]


def national_id(id_type: str | None, number: str, field: str) -> tuple[str, str]:
    """(type, normalised number) or InvalidPower naming ``field``."""
    kind, value, errors = _id_errors(id_type, number, field)
    if errors:
        raise InvalidPower(errors=errors)
    return kind, value


def name(value: str | None, field: str) -> str:
    cleaned = " ".join((value or "").split())[:300]
    if not cleaned:
        raise InvalidPower(errors=[FieldError(field, _("Enter the name."), "required")])
    return cleaned


def _period(valid_from: datetime | None, valid_until: datetime | None, *,
            limited: bool) -> tuple[datetime, datetime | None, list[FieldError]]:
    now = utcnow()
    start = valid_from or now
    errors: list[FieldError] = []
    if start < now - BACKDATING:
        errors.append(FieldError("valid_from", _("A power cannot start in the past."),
                                 "in_the_past"))
    end = valid_until if valid_until is not None or not limited else latest_end(start)
    if end is not None and end <= start:
        errors.append(FieldError("valid_until", _("The end must come after the start."),
                                 "ends_before_start"))
    elif limited and end is not None and end > latest_end(start):
        errors.append(FieldError("valid_until", _("A power lasts at most five years."),
                                 "too_long"))
    return start, end, errors


def _procedures(session: Session, given: tuple[str, ...]) -> tuple[tuple[str, ...],
                                                                   list[FieldError]]:
    codes = tuple(dict.fromkeys(c.strip() for c in given if c and c.strip()))
    if not codes:
        return (), [FieldError("procedures", _("Choose at least one procedure."), "required")]
    unknown = []
    for code in codes:
        try:
            catalogue.get_published_procedure(session, code)
        except catalogue.UnknownProcedure:
            unknown.append(code)
    if unknown:
        return codes, [FieldError("procedures", _(
            "There is no procedure %(codes)s.", codes=", ".join(unknown)), "unknown_procedure")]
    return codes, []


def _scope(session: Session, new: NewPower) -> tuple[PowerScope | None, tuple[str, ...],
                                                     str | None, list[FieldError]]:
    try:
        scope = PowerScope(new.scope)
    except ValueError:
        return None, (), None, [FieldError("scope", _("Choose what the power covers."),
                                           "invalid")]
    if scope == PowerScope.PROCEDURES:
        codes, errors = _procedures(session, tuple(new.procedures))
        return scope, codes, None, errors
    if scope == PowerScope.FILE:
        number = (new.file_number or "").strip().upper()[:60]
        if not number:
            return scope, (), None, [FieldError("file_number", _("Enter the file number."),
                                                "required")]
        return scope, (), number, []
    return scope, (), None, []


def check_new_power(session: Session, new: NewPower, *, grantor_id_number: str) -> CheckedPower:
    """The power checked and normalised, or InvalidPower with every problem found."""
    rep_type, rep_number, errors = _id_errors(new.representative_id_type,
                                              new.representative_id_number or "",
                                              "representative_id_number")
    if rep_number and rep_number == grantor_id_number:
        errors.append(FieldError("representative_id_number", _(
            "Nobody represents herself: enter someone else."), "same_person"))
    rep_name = " ".join((new.representative_name or "").split())[:300]
    if not rep_name:
        errors.append(FieldError("representative_name", _("Enter the name."), "required"))
    scope, procedures, file_number, scope_errors = _scope(session, new)
    start, end, period_errors = _period(new.valid_from, new.valid_until, limited=True)
    errors += scope_errors + period_errors
    if errors or scope is None:
        raise InvalidPower(errors=errors)
    return CheckedPower(rep_type, rep_number, rep_name, scope, procedures, file_number,
                        start, end)


def legal_representative(new: NewPower, *, grantor_id_number: str
                         ) -> tuple[str, str, str, datetime, datetime | None]:
    """The legal representative's id, name and period (no five-year limit)."""
    rep_type, rep_number, errors = _id_errors(new.representative_id_type,
                                              new.representative_id_number or "",
                                              "representative_id_number")
    if rep_number and rep_number == grantor_id_number:
        errors.append(FieldError("representative_id_number", _(
            "Nobody represents herself: enter someone else."), "same_person"))
    rep_name = " ".join((new.representative_name or "").split())[:300]
    if not rep_name:
        errors.append(FieldError("representative_name", _("Enter the name."), "required"))
    start, end, period_errors = _period(new.valid_from, new.valid_until, limited=False)
    errors += period_errors
    if errors:
        raise InvalidPower(errors=errors)
    return rep_type, rep_number, rep_name, start, end
