"""The archive's landing page in the back office: where each part of the archive is."""

from __future__ import annotations

from flask import Blueprint, render_template

from eoffice.archive.services.access import is_archivist
from eoffice.identity import Permission, require_permission

bp = Blueprint("archive_home", __name__, template_folder="templates")


@bp.get("/backoffice/archive")
def home() -> str:
    principal = require_permission(Permission.VIEW_FILES, somewhere=True)
    return render_template("archive/home.html", archivist=is_archivist(principal))
