"""Operations: backups of the database, the blob store and the archival packages, their
verified restore, and the readiness checks behind ``GET /readyz``."""

from eoffice.ops.backup import BackupReport, RestoreReport, create_backup, restore_backup
from eoffice.ops.errors import BackupRefused, NotReady
from eoffice.ops.manifest import Manifest, verify_backup
from eoffice.ops.readiness import Check, Readiness, check_readiness

__all__ = [
    "BackupRefused",
    "BackupReport",
    "Check",
    "Manifest",
    "NotReady",
    "Readiness",
    "RestoreReport",
    "check_readiness",
    "create_backup",
    "restore_backup",
    "verify_backup",
]
