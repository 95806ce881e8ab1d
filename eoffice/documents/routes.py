"""The public verification page: anyone types (or scans) a code, sees the document's
metadata and signature report, and downloads it."""

from __future__ import annotations

from flask import Blueprint, render_template, request
from flask_babel import get_locale

from eoffice.documents.errors import UnknownVerificationCode
from eoffice.documents.runtime import current_runtime
from eoffice.documents.services.verify import Verification, verify_code
from eoffice.shared.db import reader

bp = Blueprint("documents", __name__)
MAX_CODE_LENGTH = 40


@bp.get("/verify")
def verify_page() -> tuple[str, int]:
    """The verification form; with ``?code=`` the document it names, or why not."""
    code = request.args.get("code", "").strip()[:MAX_CODE_LENGTH]
    found: Verification | None = None
    not_found = False
    if code:
        try:
            with reader() as db:
                found = verify_code(db, code, current_runtime(),
                                    locale=str(get_locale() or "es"))
        except UnknownVerificationCode:
            not_found = True
    html = render_template("documents/verify.html", code=code, found=found,
                           not_found=not_found)
    return html, 404 if not_found else 200
