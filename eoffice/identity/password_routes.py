"""The page where a signed-in person changes her password (ADR 0053): current password,
new password twice; the other web sessions of the account end, this browser gets a new
one, and API tokens keep working."""

from __future__ import annotations

from collections.abc import Sequence

from flask import Blueprint, current_app, flash, redirect, render_template, request
from werkzeug.wrappers import Response

from eoffice.identity.auth import client_address, require_cookie_principal, start_session
from eoffice.identity.domain import Principal
from eoffice.identity.limits import limiter, sign_in_rate
from eoffice.identity.password_policy import MAX_LENGTH
from eoffice.identity.routes import landing_page, typed_password
from eoffice.identity.services.password_change import (
    NoPassword,
    PasswordRules,
    change_password,
)
from eoffice.shared.db import unit_of_work
from eoffice.shared.errors import FieldError
from eoffice.shared.i18n import _

bp = Blueprint("account", __name__, url_prefix="/account")


def password_rules() -> PasswordRules:
    """The password policy and the sign-in lockout as this deployment configures them."""
    return PasswordRules.of(current_app.config["EOFFICE_SETTINGS"])


def _session_holder() -> Principal:
    """The person signed in with a cookie whose account has a password here."""
    principal = require_cookie_principal()
    if not principal.has_password:
        raise NoPassword()
    return principal


def _page(principal: Principal, errors: Sequence[FieldError] = (), status: int = 200,
          ) -> tuple[str, int]:
    messages: dict[str, str] = {}
    for error in errors:  # one message per field: the first says the most
        messages.setdefault(error.field, error.message)
    page = render_template(
        "account/password.html", login=principal.login, messages=messages,
        summary=[{"text": text, "href": f"#{field}"} for field, text in messages.items()],
        min_length=password_rules().min_length, max_length=MAX_LENGTH,
    )
    return page, status


def _form_errors(current: str, new: str, again: str) -> list[FieldError]:
    """What is missing or inconsistent in the form itself (no password is checked yet)."""
    errors = []
    if not current:
        errors.append(FieldError("current_password", _("Enter your current password."),
                                 "required"))
    if new != again:
        errors.append(FieldError("new_password_again",
                                 _("The two new passwords are not the same."),
                                 "password_mismatch"))
    return errors


@bp.get("/password")
def change_password_page() -> tuple[str, int]:
    return _page(_session_holder())


@bp.post("/password")
@limiter.limit(sign_in_rate, methods=["POST"])
def change_password_submit() -> tuple[str, int] | Response:
    principal = _session_holder()
    current = typed_password("current_password")
    new = request.form.get("new_password", "")
    errors = _form_errors(current, new, request.form.get("new_password_again", ""))
    if errors:
        return _page(principal, errors, 422)
    with unit_of_work() as db:
        outcome = change_password(db, principal.account_id, current_password=current,
                                  new_password=new, rules=password_rules(),
                                  client=client_address(), via="web")
        if outcome.account is not None:
            start_session(db, outcome.account)  # this browser stays signed in, with a new id
    if outcome.error is not None:
        field_errors = outcome.error.errors or [
            FieldError("current_password", str(outcome.error.title), outcome.error.code)]
        return _page(principal, field_errors, outcome.error.status)
    flash(_("Your password is changed. Your other sessions are signed out; your API "
            "tokens keep working."), "success")
    return redirect(landing_page(principal))
