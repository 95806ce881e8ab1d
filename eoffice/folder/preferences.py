"""Pages where a citizen keeps her contact details, notification preferences and
consents: each change checked on the server (a malformed value gives a message beside
its field and nothing is saved) and audited."""

from __future__ import annotations

from collections.abc import Sequence

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from eoffice import identity
from eoffice.folder import consents
from eoffice.folder.errors import ConsentUnchanged
from eoffice.folder.routes import citizen
from eoffice.folder.sources import person_of
from eoffice.identity import Principal
from eoffice.settings import LOCALES
from eoffice.shared.db import reader, unit_of_work
from eoffice.shared.errors import FieldError, NotFound
from eoffice.shared.i18n import _, current_language

bp = Blueprint("folder_preferences", __name__, url_prefix="/folder",
               template_folder="templates")


def _person(principal: Principal) -> identity.ContactView:
    with reader() as db:
        person = person_of(db, principal)
    if person is None:
        raise NotFound()
    return person


def _contact_page(person: identity.ContactView, *, values: dict[str, str] | None = None,
                  errors: Sequence[FieldError] | None = None,
                  status: int = 200) -> ResponseReturnValue:
    shown = values if values is not None else {
        "email": person.email or "", "phone": person.phone or "",
        "postal_address": person.postal_address or "",
        "preferred_language": person.preferred_language or "",
        "notification_channel": person.notification_channel,
        "email_alerts": "yes" if person.email_alerts else "no"}
    messages = {e.field: e.message for e in errors or []}
    return render_template("folder/contact.html", person=person, values=shown,
                           errors=errors or [], messages=messages,
                           locales=list(LOCALES.items())), status


@bp.get("/contact")
def contact_page() -> ResponseReturnValue:
    return _contact_page(_person(citizen()))


@bp.post("/contact")
def update_contact() -> ResponseReturnValue:
    principal = citizen()
    person = _person(principal)
    values = {name: request.form.get(name, "")[:600] for name in (
        "email", "phone", "postal_address", "preferred_language", "notification_channel",
        "email_alerts")}
    change = identity.ContactChange(
        email=values["email"], phone=values["phone"],
        postal_address=values["postal_address"],
        preferred_language=values["preferred_language"],
        notification_channel=values["notification_channel"],
        email_alerts=values["email_alerts"] == "yes")
    try:
        with unit_of_work() as db:
            identity.update_contact(db, person.person_id, change, actor=principal.login)
    except identity.InvalidContact as refused:
        return _contact_page(person, values=values, errors=refused.errors, status=422)
    flash(_("Your contact details are saved."), "success")
    return redirect(url_for("folder_preferences.contact_page"))


@bp.get("/consents")
def consents_page() -> ResponseReturnValue:
    principal = citizen()
    person = _person(principal)
    with reader() as db:
        states = consents.consents_of(db, person.person_id)
        history = consents.consent_history(db, person.person_id)
    return render_template("folder/consents.html", states=states, history=history,
                           titles={p.key: p.title_in(current_language())
                                   for p in consents.PURPOSES},
                           locale=current_language())


@bp.post("/consents/<purpose>")
def change_consent(purpose: str) -> ResponseReturnValue:
    principal = citizen()
    person = _person(principal)
    given = request.form.get("given") == "yes"
    try:
        with unit_of_work() as db:
            consents.change_consent(db, person.person_id, purpose, given=given,
                                    channel="web", actor=principal.login)
    except ConsentUnchanged:
        flash(_("Your consent to this purpose is already as you asked."), "info")
    else:
        flash(_("Your consent is given.") if given else _("Your consent is withdrawn."),
              "success")
    return redirect(url_for("folder_preferences.consents_page"))
