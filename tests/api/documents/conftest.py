"""One test PKI (certomancer TSA, OCSP and CRLs on loopback) for the whole session,
installed as the application's documents runtime."""

from __future__ import annotations

import pytest
from flask import Flask

from eoffice.documents.pki.sandbox import sandbox_runtime
from eoffice.documents.runtime import EXTENSION, DocumentsRuntime


@pytest.fixture(scope="session")
def runtime(app: Flask) -> DocumentsRuntime:
    sandbox = sandbox_runtime()
    app.extensions[EXTENSION] = sandbox
    return sandbox
