"""The blueprint of the catalogue's admin pages, and what every view of it shares:
only people holding ``catalogue.manage`` get past it (anonymous visitors are sent
to sign in, others get 403)."""

from __future__ import annotations

from flask import Blueprint
from flask_babel import get_locale

from eoffice import identity
from eoffice.identity import Permission, Principal

bp = Blueprint("catalogue_admin", __name__, url_prefix="/admin/catalogue")


def manager() -> Principal:
    """The caller, if they may manage the catalogue; else 401 (sign in) or 403."""
    return identity.require_permission(Permission.MANAGE_CATALOGUE)


@bp.before_request
def _only_catalogue_managers() -> None:
    manager()


def page_locale() -> str:
    return str(get_locale() or "es")
