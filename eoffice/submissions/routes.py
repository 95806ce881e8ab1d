"""The citizen's application pages: the form of a procedure case, checked by the
server, then "Check your answers" in the same read-only view clerks will see.

Nothing is stored yet: signing, registering and keeping applications come with
the submissions issue. The catalogue's "Start" button links here (endpoint
``submissions.start``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from flask import Blueprint, render_template, request
from flask.typing import ResponseReturnValue
from flask_babel import get_locale
from sqlalchemy.orm import Session

from eoffice import catalogue, forms, identity
from eoffice.identity import Permission
from eoffice.shared.db import reader

bp = Blueprint("submissions", __name__)
LANGUAGES = ("es", "ca", "en")


@dataclass(frozen=True)
class Application:
    """The case a citizen applies for, and the form version it pins."""

    procedure: str
    case: str
    procedure_title: str
    case_title: str
    form_key: str
    form_version: int


def _locale() -> str:
    language = str(get_locale() or "es")
    return language if language in LANGUAGES else "es"


def _text(texts: Mapping[str, str], locale: str) -> str:
    return texts.get(locale) or texts.get("es") or next(iter(texts.values()), "")


def find_application(db: Session, procedure: str, case: str,
                     locale: str) -> Application | None:
    """The case of the visible version of ``procedure`` (404 when there is none), or
    None when it cannot be applied for online."""
    published = catalogue.get_published_procedure(db, procedure)
    definition = published.definition
    found = definition.case(case)
    if found is None:
        raise catalogue.UnknownCase()
    online = catalogue.Channel.ONLINE in definition.channels
    by_citizen = definition.kind == catalogue.ProcedureKind.CITIZEN_INITIATED
    if found.form is None or not online or not by_citizen:
        return None
    return Application(procedure, case, _text(definition.title, locale),
                       _text(found.title, locale), found.form.key, found.form.version)


def _kept_fields() -> list[tuple[str, str]]:
    """What was posted, to send it back when the citizen wants to change an answer."""
    return [(name, value) for name, value in request.form.items(multi=True)
            if name not in ("csrf_token", "action")]


@bp.route("/procedures/<procedure>/<case>/apply", methods=["GET", "POST"], endpoint="start")
def start(procedure: str, case: str) -> ResponseReturnValue:
    """The form of the case in the citizen's language; on POST, the server checks the
    answers: errors by their fields, or the answers to check."""
    identity.require_permission(Permission.ACT_AS_CITIZEN)
    locale = _locale()
    with reader() as db:
        application = find_application(db, procedure, case, locale)
        if application is None:
            return render_template("submissions/unavailable.html", procedure=procedure), 404
        key, version = application.form_key, application.form_version
        remote = forms.remote_option_sources(db, key, version)
    forms.prefetch_options(remote)  # never call another server inside a transaction
    with reader() as db:
        if request.method == "GET":
            html = forms.render_form_html(db, key, version, locale=locale)
            return render_template("submissions/apply.html", application=application,
                                   form_html=html, has_errors=False)
        answers = forms.answers_from_form(db, key, version, request.form)
        if request.form.get("action") == "change":
            html = forms.render_form_html(db, key, version, answers=answers, locale=locale)
            return render_template("submissions/apply.html", application=application,
                                   form_html=html, has_errors=False)
        result = forms.validate_answers(db, key, version, answers, locale=locale)
        if not result.valid:
            html = forms.render_form_html(db, key, version, answers=answers,
                                          errors=result.errors, locale=locale)
            return render_template("submissions/apply.html", application=application,
                                   form_html=html, has_errors=True), 422
        answers_html = forms.render_answers_html(db, key, version, result.answers,
                                                 locale=locale)
    return render_template("submissions/check.html", application=application,
                           answers_html=answers_html, kept=_kept_fields())
