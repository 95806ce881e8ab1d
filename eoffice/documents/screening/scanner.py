"""The virus-scanning port and its adapters: ``NullScanner`` (scanning off, the demo's
default) and ``ClamdScanner``, which streams the bytes to a ClamAV daemon with the
INSTREAM command over a unix or TCP socket (see docs/adr/0048). The adapter turns every
socket or protocol failure into ScannerUnavailable."""

from __future__ import annotations

import socket
import struct
from dataclasses import dataclass
from typing import Protocol
from urllib.parse import urlsplit

from flask import current_app

from eoffice.documents.screening.errors import ScannerUnavailable

EXTENSION = "eoffice.virus_scanner"
CHUNK = 64 * 1024


@dataclass(frozen=True)
class Verdict:
    """What a scanner says of some bytes: clean, or infected with ``signature``."""

    scanner: str
    signature: str | None = None

    @property
    def infected(self) -> bool:
        return self.signature is not None


class VirusScanner(Protocol):
    """Scans bytes for malware (ScannerUnavailable when it cannot say)."""

    name: str

    def scan(self, data: bytes) -> Verdict: ...


class NullScanner:
    """Scanning off: every file is clean."""

    name = "none"

    def scan(self, data: bytes) -> Verdict:
        return Verdict(self.name)


class ClamdScanner:
    """A ClamAV daemon at ``unix:///path/clamd.ctl`` or ``tcp://host:3310``."""

    name = "clamav"

    def __init__(self, url: str, *, timeout: float = 30.0) -> None:
        parts = urlsplit(url)
        self.address: str | tuple[str, int]
        if parts.scheme == "unix" and parts.path:
            self.family, self.address = socket.AF_UNIX, parts.path
        elif parts.scheme == "tcp" and parts.hostname:
            self.family, self.address = socket.AF_INET, (parts.hostname, parts.port or 3310)
        else:
            raise ValueError(f"not a clamd address (unix:///path or tcp://host:port): {url!r}")
        self.timeout = timeout

    def scan(self, data: bytes) -> Verdict:
        try:
            answer = self._instream(data)
        except OSError as exc:
            raise ScannerUnavailable(detail=f"clamd: {type(exc).__name__}") from exc
        return self._verdict(answer)

    def _instream(self, data: bytes) -> str:
        """INSTREAM: the bytes in length-prefixed chunks, a zero-length chunk, one answer."""
        with socket.socket(self.family, socket.SOCK_STREAM) as conn:
            conn.settimeout(self.timeout)
            conn.connect(self.address)
            conn.sendall(b"zINSTREAM\0")
            for start in range(0, len(data), CHUNK):
                piece = data[start:start + CHUNK]
                conn.sendall(struct.pack("!L", len(piece)) + piece)
            conn.sendall(struct.pack("!L", 0))
            answer = b""
            while not answer.endswith(b"\0") and (received := conn.recv(4096)):
                answer += received
        return answer.rstrip(b"\0").decode("utf-8", "replace")

    def _verdict(self, answer: str) -> Verdict:
        # "stream: OK", "stream: Eicar-Test-Signature FOUND", "INSTREAM size limit
        # exceeded. ERROR", "stream: Can't allocate memory ERROR"
        result = answer.partition(": ")[2] or answer
        if result == "OK":
            return Verdict(self.name)
        if result.endswith(" FOUND"):
            return Verdict(self.name, result.removesuffix(" FOUND").strip()[:200])
        raise ScannerUnavailable(detail=f"clamd: {answer[:200]}")


def scanner_from_settings(settings: object) -> VirusScanner:
    url = str(getattr(settings, "clamd_url", "") or "")
    if not url:
        return NullScanner()
    return ClamdScanner(url, timeout=float(getattr(settings, "clamd_timeout_seconds", 30.0)))


def current_scanner() -> VirusScanner:
    """The running application's scanner (built from its settings on first use)."""
    scanner: VirusScanner | None = current_app.extensions.get(EXTENSION)
    if scanner is None:
        scanner = scanner_from_settings(current_app.config["EOFFICE_SETTINGS"])
        current_app.extensions[EXTENSION] = scanner
    return scanner
