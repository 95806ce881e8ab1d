"""Virus scanning with a real ClamAV daemon on a unix socket, whose only signature is the
EICAR test file's (a local database written here: no signature download): an infected
attachment is refused with a clear error, kept in quarantine (not in the blob store) and
audited; a clean one is kept; with clamd down uploads are refused; with scanning off
(the demo's default) nothing is scanned.

clamd is the Debian package `clamav-daemon`: without it the test is skipped, except in CI
(``CI=true``), where a missing scanner fails it."""

from __future__ import annotations

import io
import os
import shutil
import socket
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pikepdf
import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from eoffice.audit.models import AuditEvent
from eoffice.documents.blobs.filesystem import FileBlobStore
from eoffice.documents.models import Document
from eoffice.documents.screening import QUARANTINED, ClamdScanner, NullScanner
from eoffice.documents.screening.quarantine import QUARANTINE_EXTENSION
from eoffice.documents.screening.scanner import EXTENSION as SCANNER
from eoffice.documents.screening.scanner import scanner_from_settings
from tests.conftest import csrf_from, sign_in

Headers = Callable[[str], dict[str, str]]
CLAMD = shutil.which("clamd") or next(
    (path for path in ("/usr/sbin/clamd",) if Path(path).exists()), None)
# The EICAR test string, assembled so that this source file is not itself "infected".
EICAR = (b"X5O!P%@AP[4\\PZX54(P^)7CC)7}$" + b"EICAR-STANDARD-ANTIVIRUS-TEST-FILE!" + b"$H+H*")

if CLAMD is None and os.environ.get("CI") != "true":
    pytest.skip("clamd is not installed (Debian: apt-get install clamav-daemon)",
                allow_module_level=True)


def _wait_for(path: Path, process: subprocess.Popen[bytes], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            said = process.stdout.read() if process.stdout else b""
            raise RuntimeError(f"clamd stopped: {said!r}")
        if path.exists():
            with socket.socket(socket.AF_UNIX) as probe:
                try:
                    probe.connect(str(path))
                    probe.sendall(b"zPING\0")
                    if probe.recv(16).startswith(b"PONG"):
                        return
                except OSError:
                    pass
        time.sleep(0.1)
    raise TimeoutError("clamd did not answer PING")


@pytest.fixture(scope="module")
def clamd_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A clamd on a unix socket whose database holds only the EICAR test signature."""
    assert CLAMD is not None, "CI must install clamd: apt-get install clamav clamav-daemon"
    folder = tmp_path_factory.mktemp("clamd")
    (folder / "db").mkdir()
    (folder / "db" / "eicar.ndb").write_text(f"Eicar-Test-Signature:0:*:{EICAR.hex()}\n")
    sock = folder / "clamd.sock"
    (folder / "clamd.conf").write_text(
        f"LocalSocket {sock}\nDatabaseDirectory {folder / 'db'}\nForeground yes\n"
        f"LogFile {folder / 'clamd.log'}\nTemporaryDirectory {folder}\n"
        "StreamMaxLength 30M\n")
    process = subprocess.Popen([CLAMD, "-c", str(folder / "clamd.conf")],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        _wait_for(sock, process)
        yield f"unix://{sock}"
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def scanning(app: Flask, clamd_url: str, tmp_path: Path) -> Iterator[FileBlobStore]:
    """Scanning on, with this test's own quarantine folder."""
    quarantine = FileBlobStore(tmp_path / "quarantine")
    previous = {key: app.extensions.get(key) for key in (SCANNER, QUARANTINE_EXTENSION)}
    app.extensions[SCANNER] = ClamdScanner(clamd_url, timeout=10)
    app.extensions[QUARANTINE_EXTENSION] = quarantine
    try:
        yield quarantine
    finally:
        for key, value in previous.items():
            if value is None:
                app.extensions.pop(key, None)
            else:
                app.extensions[key] = value


def pdf_carrying(text: bytes) -> bytes:
    """A plain one-page PDF whose (uncompressed) page content holds ``text``."""
    with pikepdf.new() as pdf:
        pdf.add_blank_page(page_size=(200, 200))
        pdf.pages[0].Contents = pdf.make_stream(b"% " + text + b"\n")
        out = io.BytesIO()
        pdf.save(out, compress_streams=False)
        return out.getvalue()


def _draft(client: FlaskClient, headers: dict[str, str]) -> str:
    made = client.post("/api/v1/submissions", headers=headers,
                       json={"procedure": "general-application", "case": "standard"})
    assert made.status_code == 201, made.get_json()
    return str(made.get_json()["id"])


def _attach(client: FlaskClient, submission: str, headers: dict[str, str],
            content: bytes) -> Any:
    return client.post(f"/api/v1/submissions/{submission}/attachments", headers=headers,
                       data={"document_type": "supporting_document",
                             "file": (io.BytesIO(content), "evidence.pdf")})


def _documents(db: Session) -> int:
    return db.scalar(select(func.count()).select_from(Document)) or 0


def test_an_infected_attachment_is_refused_quarantined_and_audited(
    client: FlaskClient, db: Session, token_for: Headers, scanning: FileBlobStore,
) -> None:
    ana = token_for("ana")
    submission = _draft(client, ana)
    infected = pdf_carrying(EICAR)
    before = _documents(db)
    refused = _attach(client, submission, ana, infected)
    assert refused.status_code == 422
    assert refused.mimetype == "application/problem+json"
    assert refused.get_json()["code"] == "documents.infected_file"
    assert _documents(db) == before
    shown = client.get(f"/api/v1/submissions/{submission}", headers=ana).get_json()
    assert shown["attachments"] == []
    [event] = db.scalars(select(AuditEvent).where(AuditEvent.action == QUARANTINED)).all()
    assert event.actor == "ana" and event.data["signature"].startswith("Eicar-Test-Signature")
    assert event.data["channel"] == "application"
    assert scanning.read_bytes(event.object_id) == infected  # kept aside, by its SHA-256

    clean = _attach(client, submission, ana, pdf_carrying(b"a clean plan"))
    assert clean.status_code == 201, clean.get_json()


def test_the_citizen_is_told_on_the_page_that_her_file_carries_malware(
    client: FlaskClient, db: Session, token_for: Headers, scanning: FileBlobStore,
) -> None:
    submission = _draft(client, token_for("ana"))
    sign_in(client, "ana")
    page = client.get(f"/applications/{submission}/documents?lang=en").get_data(as_text=True)
    sent = client.post(f"/applications/{submission}/documents?lang=en", data={
        "csrf_token": csrf_from(page), "document_type": "supporting_document",
        "file": (io.BytesIO(pdf_carrying(EICAR)), "evidence.pdf")},
        content_type="multipart/form-data")
    assert sent.status_code == 303
    told = client.get(f"/applications/{submission}/documents?lang=en").get_data(as_text=True)
    assert "The virus scanner found malware in this file" in told
    assert 'data-testid="delivered-supporting_document"' not in told


def test_while_the_scanner_is_down_uploads_are_refused_and_nothing_is_kept(
    app: Flask, client: FlaskClient, db: Session, token_for: Headers,
    scanning: FileBlobStore, tmp_path: Path,
) -> None:
    app.extensions[SCANNER] = ClamdScanner(f"unix://{tmp_path / 'no-clamd.sock'}", timeout=2)
    ana = token_for("ana")
    submission = _draft(client, ana)
    before = _documents(db)
    refused = _attach(client, submission, ana, pdf_carrying(b"a clean plan"))
    assert refused.status_code == 503
    assert refused.get_json()["code"] == "documents.scanner_unavailable"
    assert _documents(db) == before


def test_scanning_is_off_unless_a_clamd_address_is_set(
    app: Flask, client: FlaskClient, db: Session, token_for: Headers,
) -> None:
    settings = app.config["EOFFICE_SETTINGS"]
    assert settings.clamd_url == ""
    assert isinstance(scanner_from_settings(settings), NullScanner)
    assert isinstance(scanner_from_settings(settings.model_copy(
        update={"clamd_url": "tcp://clamav:3310"})), ClamdScanner)
    ana = token_for("ana")
    kept = _attach(client, _draft(client, ana), ana, pdf_carrying(EICAR))
    assert kept.status_code == 201  # the demo keeps it: no scanner to ask
