"""Archive context: transfer of closed files with their archival packages (BagIt),
retention schedules, legal holds, destruction lists approved by two roles, integrity
(fixity) checks and timestamp renewal, and the search index (SQLite FTS5 or OpenSearch)
trimmed to what each user may see.

Other contexts call only what is listed here.
"""

from eoffice.archive.domain import (
    Confidentiality,
    DispositionAction,
    ItemState,
    ListStatus,
    RecordStatus,
    RetentionPeriod,
    TriggerKind,
)
from eoffice.archive.errors import AlreadyTransferred, FileNotClosed, UnknownRecord
from eoffice.archive.services.series import load_series
from eoffice.archive.services.transfer import TransferView, transfer_file

__all__ = [
    "AlreadyTransferred",
    "Confidentiality",
    "DispositionAction",
    "FileNotClosed",
    "ItemState",
    "ListStatus",
    "RecordStatus",
    "RetentionPeriod",
    "TransferView",
    "TriggerKind",
    "UnknownRecord",
    "load_series",
    "transfer_file",
]
