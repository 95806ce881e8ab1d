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


class DuplicateSection(DomainError):
    code = "territory.duplicate_section"
    status = 409
    title = _l("This street already has a section with this code.")


class OverlappingSection(DomainError):
    code = "territory.overlapping_section"
    status = 409
    title = _l("This section shares numbers with another section of the street.")


class InvalidCadastralReference(DomainError):
    code = "territory.invalid_cadastral_reference"
    status = 422
    title = _l("The cadastral reference is not valid.")


class DuplicateDwelling(DomainError):
    code = "territory.duplicate_dwelling"
    status = 409
    title = _l("A property with this cadastral reference already exists.")


class UnreadableImport(DomainError):
    code = "territory.unreadable_file"
    status = 422
    title = _l("The file is not a CSV text file.")


class EmptyImport(DomainError):
    code = "territory.empty_file"
    status = 422
    title = _l("The file has no rows to import.")


class MissingColumns(DomainError):
    code = "territory.missing_columns"
    status = 422
    title = _l("The first line of the file does not name the columns this import needs "
               "(separated by ';' or ',').")


class ImportTooLarge(DomainError):
    code = "territory.import_too_large"
    status = 413
    title = _l("The file is larger than an import allows.")


class UnknownImport(DomainError):
    code = "territory.unknown_import"
    status = 404
    title = _l("There is no such import.")
