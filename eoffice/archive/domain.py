"""Values of the archive: what happens when a retention period ends, what starts it,
how secret a series is, and the life of an archived file and of a destruction list.
Pure functions only (no database)."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date

from dateutil.relativedelta import relativedelta  # type: ignore[import-untyped]


class DispositionAction(enum.StrEnum):
    """What the retention schedule says happens when the period ends."""

    DESTROY = "destroy"
    TRANSFER_HISTORICAL = "transfer_historical"  # to the historical archive
    KEEP = "keep"  # permanently
    SAMPLE = "sample"  # keep a sample (sample_percent), destroy the rest


class TriggerKind(enum.StrEnum):
    """The date a retention period counts from."""

    CLOSURE = "closure"
    RESOLUTION = "resolution"
    METADATA = "metadata"  # a date in the record's metadata (the series names the key)


class Confidentiality(enum.StrEnum):
    """How secret a series is; decides who may find its files in search."""

    PUBLIC = "public"  # staff with files.view in the file's unit
    RESTRICTED = "restricted"  # the same (the default of most series)
    CONFIDENTIAL = "confidential"  # the unit's head and archivists only


class RecordStatus(enum.StrEnum):
    """The life of an archived file."""

    ARCHIVED = "archived"
    LISTED = "listed"  # on a destruction list not yet executed
    DESTROYED = "destroyed"  # content gone; metadata and certificate remain (tombstone)
    HISTORICAL = "historical"  # handed to the historical archive


class ListStatus(enum.StrEnum):
    """The life of a destruction list."""

    PREPARED = "prepared"
    APPROVED = "approved"  # both approvals given; the worker executes it
    EXECUTED = "executed"
    CANCELLED = "cancelled"


class ItemState(enum.StrEnum):
    """One file on a destruction list."""

    LISTED = "listed"
    EXCLUDED = "excluded"  # a legal hold, or taken off by a reviewer
    DESTROYED = "destroyed"


@dataclass(frozen=True)
class RetentionPeriod:
    """Years, months and days (all zero: the day the trigger happens)."""

    years: int = 0
    months: int = 0
    days: int = 0

    def end(self, trigger: date) -> date:
        """The day the period ends when it counts from ``trigger``; ``date.max``
        (9999-12-31) when it would end after the last day the calendar holds (never
        earlier than the true end, so nothing falls due too soon)."""
        try:
            end: date = trigger + relativedelta(years=self.years, months=self.months,
                                                days=self.days)
        except (ValueError, OverflowError):  # past year 9999
            return date.max
        return end


def retention_end(action: DispositionAction | str, period: RetentionPeriod | None,
                  trigger: date | None) -> date | None:
    """When the disposition falls due: None for files kept permanently, and while the
    trigger date is unknown (a file with no resolution yet, say); never fails (a period
    ending after year 9999 ends on 9999-12-31)."""
    if action == DispositionAction.KEEP or period is None or trigger is None:
        return None
    return period.end(trigger)
