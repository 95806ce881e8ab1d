"""Audit context: the tamper-evident, append-only event log every context writes to, and
the access log of every read of personal data."""

from eoffice.audit.access import (
    DOWNLOAD,
    READ,
    Access,
    AccessView,
    access_log_started,
    accesses,
    accesses_about,
    log_access,
    record_access,
)
from eoffice.audit.services import (
    ChainReport,
    EventView,
    events_about,
    record_event,
    verify_chain,
)

__all__ = ["DOWNLOAD", "READ", "Access", "AccessView", "ChainReport", "EventView",
           "access_log_started", "accesses", "accesses_about", "events_about", "log_access",
           "record_access", "record_event", "verify_chain"]
