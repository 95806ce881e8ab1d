"""What the documents services need from the running application: the blob store,
the signing keys, the timestamp authority, the trust list and the public verify URL.

Built once per application from its settings. Until production settings exist (see
docs/contexts/documents.md) the development PKI under ``<instance>/pki`` is used: it
is generated on first use and its TSA/OCSP/CRL services are started on loopback in
this process. Everything it signs says it is a test PKI.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from asn1crypto import pem, x509
from flask import current_app

from eoffice.documents.blobs.filesystem import FileBlobStore
from eoffice.documents.blobs.port import BlobStore
from eoffice.documents.pki.devpki import OFFICIALS, PKCS12_PASSPHRASE, DevPki, ensure_dev_pki
from eoffice.documents.pki.services import serve_dev_pki
from eoffice.documents.signing.keys import KeySource
from eoffice.documents.signing.revocation import DEFAULT_REUSE_SECONDS

EXTENSION = "eoffice.documents"
DEV_PKI_PORT = 18733
DEFAULT_PUBLIC_URL = "http://localhost:5000"
MAX_PDF_BYTES = 25 * 1024 * 1024
_LOCK = threading.Lock()


@dataclass
class DocumentsRuntime:
    """Collaborators of the documents services (built from settings, or by tests)."""

    store: BlobStore
    city: str
    verify_url: str
    seal: KeySource
    officials: dict[str, KeySource] = field(default_factory=dict)
    tsa_url: str | None = None
    trust_roots: list[x509.Certificate] = field(default_factory=list)
    test_pki: bool = True
    max_pdf_bytes: int = MAX_PDF_BYTES
    revocation_reuse_seconds: int = DEFAULT_REUSE_SECONDS


def load_certificate(path: Path) -> x509.Certificate:
    """A certificate from a PEM or DER file."""
    data = path.read_bytes()
    if pem.detect(data):
        data = pem.unarmor(data)[2]
    return x509.Certificate.load(data)


def dev_runtime(store: BlobStore, pki: DevPki, *, city: str, public_url: str) -> DocumentsRuntime:
    """The runtime on the development PKI, with its services running on loopback."""
    serve_dev_pki(pki)
    return DocumentsRuntime(
        store=store, city=city, verify_url=f"{public_url.rstrip('/')}/verify",
        seal=KeySource(pki.pkcs12_path("seal"), PKCS12_PASSPHRASE),
        officials={login: KeySource(pki.pkcs12_path(login), PKCS12_PASSPHRASE)
                   for login in OFFICIALS},
        tsa_url=pki.tsa_url, trust_roots=[load_certificate(pki.root_cert_path)],
        test_pki=True,
    )


def _production_runtime(settings: Any, store: BlobStore, public_url: str) -> DocumentsRuntime:
    """Real keys, TSA and trust list, from the settings named in docs/contexts/documents.md."""
    officials_dir = getattr(settings, "signers_pkcs12_dir", None)
    passphrase = str(getattr(settings, "seal_passphrase", "") or "").encode() or None
    officials = {path.stem: KeySource(path, passphrase)
                 for path in sorted(Path(officials_dir).glob("*.p12"))} if officials_dir else {}
    roots = [load_certificate(Path(path)) for path in
             str(getattr(settings, "trust_roots", "") or "").split(",") if path.strip()]
    return DocumentsRuntime(
        store=store, city=settings.city_name, verify_url=f"{public_url.rstrip('/')}/verify",
        seal=KeySource(Path(settings.seal_pkcs12), passphrase), officials=officials,
        tsa_url=getattr(settings, "tsa_url", None) or None, trust_roots=roots,
        test_pki=False,
    )


def runtime_from_settings(settings: Any) -> DocumentsRuntime:
    """Production keys when a seal is configured, else the development PKI (started)."""
    store = FileBlobStore(settings.resolved_blob_root)
    public_url = getattr(settings, "public_url", "") or DEFAULT_PUBLIC_URL
    if getattr(settings, "seal_pkcs12", None):
        runtime = _production_runtime(settings, store, public_url)
    else:
        port = getattr(settings, "dev_pki_port", None) or DEV_PKI_PORT
        pki = ensure_dev_pki(settings.instance_path / "pki", port=port, city=settings.city_name)
        runtime = dev_runtime(store, pki, city=settings.city_name, public_url=public_url)
    runtime.max_pdf_bytes = getattr(settings, "max_pdf_bytes", None) or MAX_PDF_BYTES
    runtime.revocation_reuse_seconds = getattr(settings, "revocation_reuse_seconds",
                                               DEFAULT_REUSE_SECONDS)
    return runtime


def current_runtime() -> DocumentsRuntime:
    """The runtime of the running application (built on first use)."""
    with _LOCK:
        runtime: DocumentsRuntime | None = current_app.extensions.get(EXTENSION)
        if runtime is None:
            runtime = runtime_from_settings(current_app.config["EOFFICE_SETTINGS"])
            current_app.extensions[EXTENSION] = runtime
        return runtime


def blob_store() -> BlobStore:
    """The configured blob store (``EOFFICE_BLOB_ROOT``, default ``<instance>/blobs``),
    without starting the signing services."""
    runtime: DocumentsRuntime | None = current_app.extensions.get(EXTENSION)
    if runtime is not None:
        return runtime.store
    return FileBlobStore(current_app.config["EOFFICE_SETTINGS"].resolved_blob_root)
