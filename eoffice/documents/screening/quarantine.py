"""Virus scanning of an incoming file before it is kept: a clean file goes on; an
infected one is written to the quarantine store (a content-addressed folder apart from
the blob store, never served) and an audit event says who sent what and what was found.

The event is committed in its own transaction: the upload is refused, so the caller's
transaction rolls back, and the trace of the refusal must outlive it (as a refused
sign-in's does). Call it before the caller's write transaction: the scanner is remote."""

from __future__ import annotations

from pathlib import Path

from flask import current_app

from eoffice import audit
from eoffice.documents.blobs.filesystem import FileBlobStore
from eoffice.documents.screening.errors import InfectedFile
from eoffice.documents.screening.scanner import Verdict, current_scanner
from eoffice.shared.db import unit_of_work

QUARANTINE_EXTENSION = "eoffice.quarantine"
QUARANTINED = "documents.upload_quarantined"


def quarantine_store() -> FileBlobStore:
    """``EOFFICE_QUARANTINE_ROOT`` (default ``<instance>/quarantine``)."""
    store: FileBlobStore | None = current_app.extensions.get(QUARANTINE_EXTENSION)
    if store is None:
        settings = current_app.config["EOFFICE_SETTINGS"]
        root = getattr(settings, "quarantine_root", None)
        store = FileBlobStore(Path(root) if root else settings.instance_path / "quarantine")
        current_app.extensions[QUARANTINE_EXTENSION] = store
    return store


def scan_upload(data: bytes, *, file_name: str, actor: str, channel: str,
                unit_code: str | None = None) -> Verdict:
    """Scan ``data``; when infected, quarantine it, audit it and raise InfectedFile
    (ScannerUnavailable when scanning is on and the scanner cannot answer)."""
    verdict = current_scanner().scan(data)
    if not verdict.infected:
        return verdict
    kept = quarantine_store().put_bytes(data)
    with unit_of_work() as session:
        audit.record_event(
            session, QUARANTINED, actor=actor, object_type="quarantined_file",
            object_id=kept.sha256, unit_code=unit_code,
            data={"signature": verdict.signature, "scanner": verdict.scanner,
                  "size": kept.size, "channel": channel,
                  "file_name": file_name.replace("\x00", "")[-200:]})
    raise InfectedFile()
