"""Pages of the UI shell and the values every template receives."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import Blueprint, Flask, current_app, render_template
from flask_babel import get_locale
from flask_wtf.csrf import generate_csrf

from eoffice import folder, identity
from eoffice.identity import Permission, Principal
from eoffice.settings import LOCALES
from eoffice.shared.db import reader
from eoffice.web import health, operations
from eoffice.web.locale import language_url

bp = Blueprint("web", __name__)


@dataclass(frozen=True)
class AccountView:
    """What the page shell shows of the signed-in person."""

    login: str
    display_name: str
    is_citizen: bool
    can_use_backoffice: bool
    is_admin: bool
    has_web_session: bool = False  # signed in with a cookie (not an API token)
    has_password: bool = False  # staff with a password kept here (not only the provider)

    @classmethod
    def of(cls, principal: Principal) -> AccountView:
        return cls(
            login=principal.login,
            display_name=principal.name,
            is_citizen=principal.can(Permission.ACT_AS_CITIZEN),
            can_use_backoffice=principal.can(Permission.USE_BACKOFFICE, somewhere=True),
            is_admin=principal.can(Permission.MANAGE_IDENTITY),
            has_web_session=principal.authenticated_by == "session",
            has_password=_staff_with_password(principal),
        )


def _staff_with_password(principal: Principal) -> bool:
    """Whether the page offers "Change password": staff signed in with a cookie whose
    account has a password here."""
    return principal.has_password and principal.authenticated_by == "session" and (
        principal.can(Permission.USE_BACKOFFICE, somewhere=True)
        or principal.can(Permission.MANAGE_IDENTITY))


def _locale() -> str:
    return str(get_locale() or current_app.config["EOFFICE_SETTINGS"].default_locale)


def _shell_context() -> dict[str, Any]:
    principal = identity.current_principal()
    return {
        "current_account": AccountView.of(principal) if principal else None,
        "current_locale": _locale(),
        "locales": list(LOCALES.items()),
        "language_url": language_url,
        "csrf_token": generate_csrf,
        "city_name": current_app.config["EOFFICE_SETTINGS"].city_name,
    }


@bp.get("/")
def home() -> str:
    return render_template("home.html")


@bp.get("/citizen")
def citizen_area() -> str:
    """The citizen area: the overview of her folder."""
    return folder.overview_page()


@bp.get("/backoffice")
def backoffice() -> str:
    principal = identity.require_permission(Permission.USE_BACKOFFICE, somewhere=True)
    with reader() as db:
        units = identity.list_units(db, codes=set(principal.units), locale=_locale())
    return render_template("backoffice/index.html", units=units)


@bp.get("/backoffice/units/<code>")
def unit_detail(code: str) -> str:
    identity.require_permission(Permission.VIEW_UNIT_STAFF, unit=code)
    with reader() as db:
        unit = identity.describe_unit(db, code, locale=_locale())
        members = identity.list_unit_staff(db, code, locale=_locale())
    return render_template("backoffice/unit.html", unit=unit, members=members)


@bp.get("/admin")
def admin_area() -> str:
    identity.require_permission(Permission.MANAGE_IDENTITY)
    return render_template("admin/index.html")


def init_web(app: Flask) -> None:
    """Register the shell's pages, the health endpoints and the template context."""
    app.register_blueprint(bp)
    app.register_blueprint(operations.bp)
    app.register_blueprint(health.bp)
    app.context_processor(_shell_context)
