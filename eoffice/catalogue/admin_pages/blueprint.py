"""The blueprint of the catalogue's admin pages, and what every view of it shares:
only people holding ``catalogue.manage`` get past it (anonymous visitors are sent
to sign in, others get 403), and pages render with their problems."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, render_template
from flask.typing import ResponseReturnValue
from flask_babel import get_locale

from eoffice import identity
from eoffice.catalogue.admin_pages.problems import PageErrors
from eoffice.catalogue.domain import LANGUAGES
from eoffice.identity import Permission, Principal
from eoffice.settings import LOCALES
from eoffice.shared.i18n import _

bp = Blueprint("catalogue_admin", __name__, url_prefix="/admin/catalogue")


def manager() -> Principal:
    """The caller, if they may manage the catalogue; else 401 (sign in) or 403."""
    return identity.require_permission(Permission.MANAGE_CATALOGUE)


@bp.before_request
def _only_catalogue_managers() -> None:
    manager()


def page_locale() -> str:
    return str(get_locale() or "es")


def render_page(template: str, *, errors: PageErrors | None = None, status: int = 200,
                **context: Any) -> ResponseReturnValue:
    """``template`` with ``errors`` (summary and inline) and the languages of texts."""
    shown = errors or PageErrors()

    def inline_error(anchor: str) -> dict[str, str] | None:
        message = shown.inline.get(anchor)
        return {"text": message, "visuallyHiddenText": _("Error")} if message else None

    html = render_template(template, errors=shown, inline_error=inline_error,
                           languages=LANGUAGES, language_names=LOCALES, **context)
    return html, status
