"""Errors of the territory database, with their stable codes."""

from __future__ import annotations

from eoffice.shared.errors import DomainError
from eoffice.shared.i18n import _l


class InvalidTerritoryData(DomainError):
    code = "territory.invalid"
    status = 422
    title = _l("The street map data is not valid.")


class DuplicateStreetCode(DomainError):
    code = "territory.duplicate_street"
    status = 409
    title = _l("A street with this code already exists.")


class UnknownStreet(DomainError):
    code = "territory.unknown_street"
    status = 404
    title = _l("There is no street with this code in the street map.")


class UnknownAddress(DomainError):
    code = "territory.unknown_address"
    status = 404
    title = _l("There is no such address in the city.")


class DuplicateAddress(DomainError):
    code = "territory.duplicate_address"
    status = 409
    title = _l("This address already exists.")
