"""Audit context: the tamper-evident, append-only event log every context writes to."""

from eoffice.audit.services import ChainReport, record_event, verify_chain

__all__ = ["ChainReport", "record_event", "verify_chain"]
