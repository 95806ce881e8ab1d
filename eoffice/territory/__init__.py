"""Territory context: the city's street map (streets, sections with their fiscal
categories, addresses), buildings and dwellings with their cadastral references, CSV
imports with a report of rejected rows, and the open data export of streets and
addresses.

Other contexts call only what is listed here.
"""

from eoffice.territory.domain import ImportKind, Parity, StreetKind, fold
from eoffice.territory.errors import (
    DuplicateAddress,
    DuplicateStreetCode,
    InvalidTerritoryData,
    UnknownAddress,
    UnknownStreet,
)
from eoffice.territory.imports import (
    ImportView,
    get_import,
    import_csv,
    list_imports,
    was_imported,
)
from eoffice.territory.queries import count_street_map
from eoffice.territory.services import (
    AddressView,
    SectionData,
    add_address,
    add_section,
    add_street,
    find_address,
    get_address,
    suggest_addresses,
)

__all__ = [
    "AddressView",
    "DuplicateAddress",
    "DuplicateStreetCode",
    "ImportKind",
    "ImportView",
    "InvalidTerritoryData",
    "Parity",
    "SectionData",
    "StreetKind",
    "UnknownAddress",
    "UnknownStreet",
    "add_address",
    "add_section",
    "add_street",
    "count_street_map",
    "find_address",
    "fold",
    "get_address",
    "get_import",
    "import_csv",
    "list_imports",
    "suggest_addresses",
    "was_imported",
]
