"""Pure rules of administrative files: their states, the roles of their documents, the
kinds of action in their history, the states of a movement, and who may see or work a
file given its responsible unit and its open movements."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from eoffice.identity import Permission, Principal


class FileStatus(enum.StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class FilePhase(enum.StrEnum):
    """Where an open file stands, as the interested parties see it (their portal shows
    it): set by the file's process (operator ``set_file_phase``) or by clerks."""

    IN_PROCESS = "in_process"
    AWAITING_APPLICANT = "awaiting_applicant"  # a requirement to the applicant is pending
    HEARING = "hearing"  # the parties may make allegations
    RESOLVED = "resolved"  # the resolution is signed
    NOTIFIED = "notified"  # the resolution is notified
    WITHDRAWN = "withdrawn"  # the applicant withdrew, or is deemed to have withdrawn


class DocumentRole(enum.StrEnum):
    """Why a document is in the file."""

    APPLICATION = "application"
    ATTACHMENT = "attachment"
    RECEIPT = "receipt"
    PROCESSING = "processing"  # added while the file is worked (reports, resolutions...)
    INDEX = "index"


class ActionKind(enum.StrEnum):
    OPENED = "opened"
    DOCUMENT_ADDED = "document_added"
    ANNOTATION_ADDED = "annotation_added"
    SENT = "sent"
    RECEIVED = "received"
    RETURNED = "returned"
    CLOSED = "closed"
    PHASE_CHANGED = "phase_changed"
    TERM_NOT_COUNTED = "term_not_counted"  # the resolution term could not be counted
    GROUPED = "grouped"  # added to a grouping of files processed together
    UNGROUPED = "ungrouped"  # removed from it
    REPORT_REQUESTED = "report_requested"  # the file's process asked another unit
    CLOSURE_REQUESTED = "closure_requested"  # the file's process asked to close it


class MovementState(enum.StrEnum):
    SENT = "sent"  # on its way: the sending unit is still responsible
    RECEIVED = "received"  # the other unit is responsible; the sender keeps read access
    RETURNED = "returned"  # back with the sending unit; the relationship ends


OUT = frozenset({MovementState.SENT, MovementState.RECEIVED})


@dataclass(frozen=True)
class Whereabouts:
    """Where a file is: its responsible unit and the (from, to, state) of open moves."""

    responsible_unit: str
    open_moves: tuple[tuple[str, str, MovementState], ...] = ()

    @property
    def latest_out(self) -> tuple[str, str, MovementState] | None:
        """The last move still open: the one a receive or a return acts on."""
        return self.open_moves[-1] if self.open_moves else None

    @property
    def pending(self) -> tuple[str, str] | None:
        """(from, to) of a move not yet received, if any."""
        latest = self.latest_out
        return (latest[0], latest[1]) if latest and latest[2] == MovementState.SENT else None

    def units_that_see(self) -> frozenset[str]:
        units = {self.responsible_unit}
        for source, target, _state in self.open_moves:
            units.update((source, target))
        return frozenset(units)


def may_view(principal: Principal, where: Whereabouts) -> bool:
    """Staff with ``files.view`` in the responsible unit, or in either unit of a move
    still open (the unit it was sent to, and the sender while the file is out)."""
    return any(principal.can(Permission.VIEW_FILES, unit=unit)
               for unit in where.units_that_see())


def may_work(principal: Principal, where: Whereabouts) -> bool:
    """Documents, annotations, sending and closing: ``files.process`` in the responsible
    unit."""
    return principal.can(Permission.PROCESS_FILES, unit=where.responsible_unit)


def may_receive(principal: Principal, where: Whereabouts) -> bool:
    """Receiving a file sent: ``files.process`` in the unit it was sent to."""
    pending = where.pending
    return pending is not None and principal.can(Permission.PROCESS_FILES, unit=pending[1])


def may_return(principal: Principal, where: Whereabouts) -> bool:
    """Returning it to the sender, before or after receiving it: the same."""
    latest = where.latest_out
    return latest is not None and principal.can(Permission.PROCESS_FILES, unit=latest[1])
