"""A development PKI with its services and a blob store in a scratch folder, once per
process: what the tests and the signing benchmark run against."""

from __future__ import annotations

import tempfile
from functools import cache
from pathlib import Path

from eoffice.documents.blobs.filesystem import FileBlobStore
from eoffice.documents.pki.devpki import ensure_dev_pki
from eoffice.documents.pki.services import free_loopback_port
from eoffice.documents.runtime import DocumentsRuntime, dev_runtime


@cache
def sandbox_runtime() -> DocumentsRuntime:
    """A fresh test PKI on a free loopback port, its TSA/OCSP/CRL services running in a
    daemon thread, and an empty blob store (all under a new temporary folder)."""
    folder = Path(tempfile.mkdtemp(prefix="eoffice-pki-"))
    pki = ensure_dev_pki(folder / "pki", port=free_loopback_port(), city="Ajuntament de Prova")
    return dev_runtime(FileBlobStore(folder / "blobs"), pki, city="Ajuntament de Prova",
                       public_url="http://localhost:5000")
