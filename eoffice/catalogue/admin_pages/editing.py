"""Admin page: editing a draft of a procedure (texts, unit, kind, channels, term,
silence, legal references, terms, cases and their documents). Works without
JavaScript: "Add" and "Remove" buttons post the whole form and get it back."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, request, url_for
from flask.typing import ResponseReturnValue

from eoffice.catalogue import format as fmt
from eoffice.catalogue.admin_pages.blueprint import bp, manager, page_locale, render_page
from eoffice.catalogue.admin_pages.choices import EditorChoices, load_choices, with_current
from eoffice.catalogue.admin_pages.draft_document import EDITOR_ALIASES, anchors, to_document
from eoffice.catalogue.admin_pages.draft_form import DraftForm, from_definition, from_fields
from eoffice.catalogue.admin_pages.problems import PageErrors, errors_of, page_errors
from eoffice.catalogue.admin_pages.row_actions import SAVE, apply_action
from eoffice.catalogue.domain import (
    Channel,
    ProcedureDefinition,
    ProcedureKind,
    SilenceEffect,
    TermUnit,
    VersionStatus,
)
from eoffice.catalogue.errors import InvalidDefinition, PublishedIsImmutable
from eoffice.catalogue.services import drafts, history
from eoffice.shared.db import reader, unit_of_work
from eoffice.shared.errors import DomainError, FieldError
from eoffice.shared.i18n import _


def _enums() -> dict[str, list[Any]]:
    return {"kinds": list(ProcedureKind), "channels": list(Channel),
            "term_units": list(TermUnit), "silence_effects": list(SilenceEffect)}


def _render(code: str, number: int, *, form: DraftForm | None, choices: EditorChoices | None,
            errors: PageErrors | None = None, status: int = 200) -> ResponseReturnValue:
    known = {term["value"] for group in choices.term_groups for term in group.terms} \
        if choices else set()
    orphans = [term for term in form.terms if term not in known] if form else []
    return render_page(
        "catalogue/admin/edit.html", errors=errors, status=status, code=code, number=number,
        form=form, choices=choices, with_current=with_current, orphan_terms=orphans,
        form_url=url_for(".save_version", code=code, number=number), **_enums(),
    )


def _checked(document: dict[str, Any], problems: list[FieldError]) -> ProcedureDefinition:
    """The definition of ``document``; every problem (ours and the format's) at once."""
    try:
        definition = fmt.load_definition(document)
    except InvalidDefinition as exc:
        ours = {problem.field for problem in problems}
        theirs = [error for error in exc.errors if error.field not in ours]
        raise InvalidDefinition(errors=problems + theirs) from exc
    if problems:
        raise InvalidDefinition(errors=problems)
    return definition


def _immutable(code: str, number: int, status: int = 200,
               errors: PageErrors | None = None) -> ResponseReturnValue:
    return _render(code, number, form=None, choices=None, errors=errors, status=status)


@bp.get("/procedures/<code>/versions/<int(max=2147483647):number>/edit")
def edit_version(code: str, number: int) -> ResponseReturnValue:
    """The editor of a draft; a published version says it cannot be changed."""
    manager()
    with reader() as db:
        info, definition = history.get_version_content(db, code, number)
        choices = load_choices(db, locale=page_locale(), own_code=code)
    if info.status != VersionStatus.DRAFT:
        return _immutable(code, number)
    return _render(code, number, form=from_definition(definition), choices=choices)


@bp.post("/procedures/<code>/versions/<int(max=2147483647):number>/edit")
def save_version(code: str, number: int) -> ResponseReturnValue:
    """Add or remove a row (nothing saved), or save the draft (nothing saved when
    anything is wrong: the page comes back with the problems and what was typed)."""
    principal = manager()
    with reader() as db:
        info, _definition = history.get_version_content(db, code, number)  # or 404
        choices = load_choices(db, locale=page_locale(), own_code=code)
    form = from_fields(request.form)
    action = request.form.get("action", SAVE)
    if action != SAVE and info.status != VersionStatus.DRAFT:
        return _immutable(code, number, PublishedIsImmutable.status,
                          page_errors(errors_of(PublishedIsImmutable())))
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
        shown = page_errors(errors_of(exc), anchors=anchors(form), aliases=EDITOR_ALIASES)
        if isinstance(exc, PublishedIsImmutable):
            return _immutable(code, number, exc.status, shown)
        return _render(code, number, form=form, choices=choices, errors=shown,
                       status=exc.status)
    flash(_("Draft %(number)s saved.", number=number), "success")
    return redirect(url_for(".procedure", code=code))
