"""Errors of operations: a backup or restore refused, an instance not ready for traffic.

Their titles are for operators and probes, in English, like the command line's messages
(not translated: no person reads them in a page).
"""

from __future__ import annotations

from eoffice.shared.errors import DomainError


class BackupRefused(DomainError):
    """A backup or a restore that was not carried out, with the one-line reason."""

    code = "ops.backup_refused"
    status = 409
    title = "The backup or restore was refused."


class NotReady(DomainError):
    """The instance cannot serve yet: the database, its schema or the blob store fails."""

    code = "ops.not_ready"
    status = 503
    title = "The service is not ready."
