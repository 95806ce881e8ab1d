"""Admin page: editing a draft of a procedure (texts, unit, kind, channels, term,
silence, legal references, terms, cases and their documents). Works without
JavaScript: "Add" and "Remove" buttons post the whole form and get it back."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from eoffice.catalogue import format as fmt
from eoffice.catalogue.admin_pages.blueprint import bp, manager, page_locale
from eoffice.catalogue.admin_pages.choices import EditorChoices, load_choices, with_current
from eoffice.catalogue.admin_pages.draft_document import anchors, to_document
from eoffice.catalogue.admin_pages.draft_form import DraftForm, from_definition, from_fields
from eoffice.catalogue.admin_pages.problems import PageErrors, errors_of, page_errors
from eoffice.catalogue.admin_pages.row_actions import SAVE, apply_action
from eoffice.catalogue.domain import (
    LANGUAGES,
    Channel,
    ProcedureDefinition,
    ProcedureKind,
    SilenceEffect,
    TermUnit,
    VersionStatus,
)
from eoffice.catalogue.errors import InvalidDefinition, PublishedIsImmutable
from eoffice.catalogue.services import drafts, history
from eoffice.settings import LOCALES
from eoffice.shared.db import reader, unit_of_work
from eoffice.shared.errors import DomainError, FieldError
from eoffice.shared.i18n import _

ALIASES = {"resolution_term": "resolution_term-value"}


def _enums() -> dict[str, list[Any]]:
    return {"kinds": list(ProcedureKind), "channels": list(Channel),
            "term_units": list(TermUnit), "silence_effects": list(SilenceEffect)}


def _render(code: str, number: int, *, form: DraftForm | None, choices: EditorChoices | None,
            errors: PageErrors | None = None, status: int = 200) -> ResponseReturnValue:
    shown = errors or PageErrors()

    def inline_error(anchor: str) -> dict[str, str] | None:
        message = shown.inline.get(anchor)
        return {"text": message, "visuallyHiddenText": _("Error")} if message else None

    html = render_template(
        "catalogue/admin/edit.html", code=code, number=number, form=form, choices=choices,
        errors=shown, inline_error=inline_error, languages=LANGUAGES, language_names=LOCALES,
        with_current=with_current, **_enums(),
    )
    return html, status


def _checked(document: dict[str, Any], problems: list[FieldError]) -> ProcedureDefinition:
    """The definition of ``document``; every problem (ours and the format's) at once."""
    try:
        definition = fmt.load_definition(document)
    except InvalidDefinition as exc:
        raise InvalidDefinition(errors=problems + exc.errors) from exc
    if problems:
        raise InvalidDefinition(errors=problems)
    return definition


def _immutable(code: str, number: int, status: int = 200,
               errors: PageErrors | None = None) -> ResponseReturnValue:
    return _render(code, number, form=None, choices=None, errors=errors, status=status)


@bp.get("/procedures/<code>/versions/<int:number>/edit")
def edit_version(code: str, number: int) -> ResponseReturnValue:
    """The editor of a draft; a published version says it cannot be changed."""
    manager()
    with reader() as db:
        info, definition = history.get_version_content(db, code, number)
        choices = load_choices(db, locale=page_locale(), own_code=code)
    if info.status != VersionStatus.DRAFT:
        return _immutable(code, number)
    return _render(code, number, form=from_definition(definition), choices=choices)


@bp.post("/procedures/<code>/versions/<int:number>/edit")
def save_version(code: str, number: int) -> ResponseReturnValue:
    """Add or remove a row (nothing saved), or save the draft (nothing saved when
    anything is wrong: the page comes back with the problems and what was typed)."""
    principal = manager()
    with reader() as db:
        history.get_version_content(db, code, number)  # 404 for an unknown version
        choices = load_choices(db, locale=page_locale(), own_code=code)
    form = from_fields(request.form)
    action = request.form.get("action", SAVE)
    if action != SAVE:
        apply_action(form, action)
        return _render(code, number, form=form, choices=choices)
    form.without_blank_rows()
    try:
        definition = _checked(*to_document(form))
        with unit_of_work() as db:
            drafts.save_draft(db, code, number, definition, actor=principal.login)
    except DomainError as exc:
        if exc.status == 404:
            raise
        shown = page_errors(errors_of(exc), anchors=anchors(form), aliases=ALIASES)
        if isinstance(exc, PublishedIsImmutable):
            return _immutable(code, number, exc.status, shown)
        return _render(code, number, form=form, choices=choices, errors=shown,
                       status=exc.status)
    flash(_("Draft %(number)s saved.", number=number), "success")
    return redirect(url_for(".procedure", code=code))
