"""Registry context: the entry and exit registers of the city's registry offices,
gap-free numbering, entries with their parties and documents, their moves between
units, and the books.

Other contexts call only what is listed here.
"""

from eoffice.registry.domain import (
    RECEIPT_DUE_TOPIC,
    RECEIPT_ISSUED_TOPIC,
    REGISTERED_TOPIC,
    Channel,
    DeliveredDocument,
    EntryState,
    Party,
    RegisterKind,
)
from eoffice.registry.errors import (
    InvalidEntry,
    NotAllowedMove,
    ReasonRequired,
    UnknownEntry,
    UnknownRegister,
    WrongRegisterKind,
)
from eoffice.registry.receipts import issue_receipt
from eoffice.registry.services.books import Statistics, book_csv, list_book, statistics
from eoffice.registry.services.entries import (
    NewEntry,
    RegistryEntryView,
    destination_units,
    entries_of_file,
    find_entry_for_submission,
    get_entry,
    move_entry,
    register_entry,
)
from eoffice.registry.services.exits import EXIT_REGISTERED, NewExit, register_exit
from eoffice.registry.services.registers import ensure_register, get_register

__all__ = [
    "EXIT_REGISTERED",
    "RECEIPT_DUE_TOPIC",
    "RECEIPT_ISSUED_TOPIC",
    "REGISTERED_TOPIC",
    "Channel",
    "DeliveredDocument",
    "EntryState",
    "InvalidEntry",
    "NewEntry",
    "NewExit",
    "NotAllowedMove",
    "Party",
    "ReasonRequired",
    "RegisterKind",
    "RegistryEntryView",
    "Statistics",
    "UnknownEntry",
    "UnknownRegister",
    "WrongRegisterKind",
    "book_csv",
    "destination_units",
    "ensure_register",
    "entries_of_file",
    "find_entry_for_submission",
    "get_entry",
    "get_register",
    "issue_receipt",
    "list_book",
    "move_entry",
    "register_entry",
    "register_exit",
    "statistics",
]
