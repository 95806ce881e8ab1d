"""Rendering a form from its definition: edit mode (GOV.UK Frontend fields, with
the conditions for forms.js) and read-only mode (summary lists of the answers).

The functions render Jinja templates of ``eoffice/forms/templates/forms/``, so
they need a Flask application context; the result is markup to embed in a page.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from flask import render_template
from markupsafe import Markup
from sqlalchemy.orm import Session

from eoffice.forms import option_sources
from eoffice.forms.answers import settle_answers
from eoffice.forms.city_address import NO_STREET_MAP
from eoffice.forms.errors import InvalidFormDefinition
from eoffice.forms.formdata import answers_from_formdata
from eoffice.forms.language import in_locale
from eoffice.forms.services.addresses import StreetMap
from eoffice.forms.services.store import load_tree
from eoffice.forms.services.versions import check_draft
from eoffice.forms.summary import sections
from eoffice.forms.tree import Control, FormTree, text_in
from eoffice.forms.views import ViewBuilder, html_id
from eoffice.shared.errors import FieldError

Errors = Iterable[FieldError | Mapping[str, Any]] | None


def _error_map(errors: Errors) -> dict[str, str]:
    found: dict[str, str] = {}
    for error in errors or ():
        path, message = (error.field, error.message) if isinstance(error, FieldError) else (
            str(error.get("field", "")), str(error.get("message", "")))
        found.setdefault(path, message)
    return found


def _anchor(tree: FormTree, path: str) -> str:
    control = tree.find(path) if path else None
    if control is None:
        return f"#eo-form-{tree.key}"
    suffix = {"date": "-day"}.get(control.type, "")
    return f"#{html_id(path)}{suffix}"


def _summary_text(tree: FormTree, path: str, message: str, locale: str) -> str:
    """"Label: message" in the error summary, so each line says which question it is."""
    control = tree.find(path) if path else None
    label = text_in(control.props.get("label"), locale) if control is not None else ""
    return f"{label}: {message}" if label else message


def _options(session: Session | None) -> Any:
    def options(control: Control) -> list[dict[str, Any]]:
        return option_sources.options_of(control, session)

    return options


def _values_for(session: Session | None) -> Any:
    def values(control: Control) -> list[str] | None:
        found = [o["value"] for o in option_sources.options_of(control, session)]
        return found or None

    return values


def render_tree_html(tree: FormTree, *, answers: Any = None, errors: Errors = None,
                     locale: str | None = None, session: Session | None = None,
                     read_only: bool = False) -> Markup:
    """Render an expanded tree (a published version, or a draft being previewed)."""
    answers = answers if isinstance(answers, dict) else {}
    error_map = _error_map(errors)
    addresses = StreetMap(session) if session is not None else NO_STREET_MAP
    with in_locale(locale) as chosen:
        settled = settle_answers(tree, answers, options_for=_values_for(session),
                                 addresses=addresses)
        builder = ViewBuilder(answers=answers, settled=settled, errors=error_map,
                              locale=chosen, options_of=_options(session), edit=not read_only,
                              addresses=addresses)
        views = builder.views(tree.children)
        if read_only:
            top = sections(views, chosen, level=1, id=f"eo-answers-{tree.key}")
            html = render_template("forms/answers.html", tree=tree, top=top, locale=chosen)
            return Markup(html)  # noqa: S704 - autoescaped template output  # nosec B704
        summary = [{"text": _summary_text(tree, path, message, chosen),
                    "href": _anchor(tree, path)}
                   for path, message in error_map.items()]
        html = render_template("forms/edit.html", tree=tree, views=views, summary=summary,
                               locale=chosen)
        return Markup(html)  # noqa: S704 - autoescaped template output  # nosec B704


def render_form_html(session: Session, key: str, version: int, *, answers: Any = None,
                     errors: Errors = None, locale: str | None = None) -> Markup:
    """The fields of a published form in edit mode, with ``answers`` filled in and
    ``errors`` (``FieldError`` or ``{field, message}``) shown by their fields."""
    tree = load_tree(session, key, version)
    return render_tree_html(tree, answers=answers, errors=errors, locale=locale,
                            session=session)


def render_answers_html(session: Session, key: str, version: int, answers: Any, *,
                        locale: str | None = None) -> Markup:
    """The answers of a published form, read-only (hidden fields left out)."""
    tree = load_tree(session, key, version)
    return render_tree_html(tree, answers=answers, locale=locale, session=session,
                            read_only=True)


def render_draft_html(session: Session, definition: Any, *, kind: str = "form",
                      answers: Any = None, locale: str | None = None,
                      read_only: bool = False) -> Markup:
    """A preview of a draft definition (for the builder); unreadable: 422."""
    tree, problems = check_draft(session, kind, definition)
    if tree is None:
        raise InvalidFormDefinition(errors=problems)
    return render_tree_html(tree, answers=answers, locale=locale, session=session,
                            read_only=read_only)


def answers_from_form(session: Session, key: str, version: int, formdata: Any) -> dict[str, Any]:
    """The answers posted by a form rendered with :func:`render_form_html`."""
    return answers_from_formdata(load_tree(session, key, version), formdata)
