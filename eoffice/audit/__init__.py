"""Audit context: the tamper-evident, append-only event log every context writes to."""

from eoffice.audit.services import (
    ChainReport,
    EventView,
    events_about,
    record_event,
    verify_chain,
)

__all__ = ["ChainReport", "EventView", "events_about", "record_event", "verify_chain"]
