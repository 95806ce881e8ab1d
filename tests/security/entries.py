"""The entries of the authorisation matrix (:mod:`tests.security.matrix`): for a rule of
the app (endpoint and method), who may call it (see :mod:`tests.security.policy`) and on
which object it is tried.

``sample`` names an object of :mod:`tests.security.world` whose identifiers fill the
route's parameters (the rest come from ``DEFAULT_ARGS``); routes on objects the world
does not build (``real=False``) are tried for refusals only. ``form``/``json`` give a
body that passes input validation, so that a refusal is really about who calls.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tests.security.policy import (
    InUnit,
    Own,
    P,
    Policy,
)

#: Documentation of the API: public, and not part of the application's own routes.
DOCS_ENDPOINTS = frozenset(
    {
        "api-docs.openapi_swagger_ui",
        "api-docs.openapi_json",
        "api-docs.openapi_redoc",
        "api-docs.openapi_rapidoc",
    }
)
SKIPPED_ENDPOINTS = frozenset({"static"}) | DOCS_ENDPOINTS

#: Path parameters not given by a sample: demo objects or made-up identifiers.
DEFAULT_ARGS: dict[str, Any] = {
    "position": 1,
    "document_type": "supporting_document",
    "procedure": "terrace-public-road",
    "case": "annual",
    "kind": "form",
    "version": 1,
    "purpose": "newsletter",
    "day": "2026-12-25",
    "login": "clerk",
    "role": "clerk",
    "which": "granted",
    "path": "manifest-sha256.txt",
    "message": "matrix",
    "order_code": "MATRIX1",
    "filename": "missing.css",
    "number": 1,
    "code": "minor-works",
    "key": "themes",
}


@dataclass(frozen=True)
class Entry:
    method: str
    endpoint: str
    policy: Policy
    sample: str | None = None
    args: dict[str, Any] = field(default_factory=dict)
    real: bool = True  # False: made-up object, only refusals are meaningful
    json: Any = None
    form: dict[str, Any] | None = None
    xfail: str | None = None  # a known authorisation bug, reported (strict xfail)

    query: dict[str, str] | None = None

    @property
    def key(self) -> tuple[str, str]:
        return self.method, self.endpoint


def E(
    method: str, endpoint: str, policy: Policy, sample: str | None = None, **options: Any
) -> Entry:
    return Entry(method, endpoint, policy, sample, **options)


FILE_READERS: Policy = (Own(), InUnit(P.VIEW_FILES))
#: A file number the world does not hold (an archive transfer refused must not reach it).
FILE_NUMBER = "URB/2026/000001"
