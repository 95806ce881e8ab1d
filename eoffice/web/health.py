"""Health endpoints for orchestrators and load balancers: ``GET /healthz`` (liveness: the
process answers, the database is not touched) and ``GET /readyz`` (readiness: database,
schema at head, blob store writable; 503 problem+json ``ops.not_ready`` otherwise).

Public and anonymous: they read no session and set no cookie, answers are never cached
(``no-store``, as every dynamic answer: ``shared.web.register_security_headers``), and
the rate limiter leaves them alone (probes come every few seconds from one address).
A probe sends no cookie or token, so nothing before the view touches the database.
"""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, Response, jsonify

from eoffice import documents
from eoffice.identity.limits import limiter
from eoffice.ops import NotReady, check_readiness
from eoffice.shared.db import current_database
from eoffice.shared.web import PROBLEM_JSON

bp = Blueprint("health", __name__)
limiter.exempt(bp)
RETRY_AFTER_SECONDS = 5


def _blob_root() -> Path | None:
    root = getattr(documents.blob_store(), "root", None)
    return root if isinstance(root, Path) else None


@bp.get("/healthz")
def liveness() -> Response:
    """The process is alive and serving requests."""
    return jsonify(status="ok")


@bp.get("/readyz")
def readiness() -> Response:
    """Ready for traffic, or 503 naming each check that failed."""
    report = check_readiness(current_database().engine, _blob_root())
    checks = {check.name: {"ok": check.ok, "detail": check.detail} for check in report.checks}
    if report.ready:
        return jsonify(status="ready", checks=checks)
    detail = "; ".join(f"{check.name}: {check.detail}" for check in report.failures)
    error = NotReady(detail, checks=checks)
    response = jsonify(error.problem())
    response.mimetype = PROBLEM_JSON
    response.status_code = error.status
    response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
