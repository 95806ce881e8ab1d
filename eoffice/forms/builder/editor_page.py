"""The editor page of a form or block version: its outline, the forms that add
pages, controls and blocks, the problems found by the check, and the live preview
rendered by the real renderer in the language chosen for it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from flask import render_template, request
from flask.typing import ResponseReturnValue
from markupsafe import Markup
from sqlalchemy.orm import Session

from eoffice.forms.builder.blueprint import find_row, page_locale
from eoffice.forms.builder.outline import outline, places
from eoffice.forms.builder.problems import summary_items
from eoffice.forms.builder.words import TYPE_ORDER, type_names
from eoffice.forms.errors import InvalidFormDefinition
from eoffice.forms.render import render_draft_html
from eoffice.forms.services import versions
from eoffice.forms.services.store import list_versions
from eoffice.forms.tree import LANGUAGES, FormTree, text_in
from eoffice.shared.db import reader
from eoffice.shared.errors import FieldError


def preview_language() -> str:
    asked = request.args.get("preview", "")
    return asked if asked in LANGUAGES else page_locale()


def field_labels(tree: FormTree | None, locale: str) -> dict[str, str]:
    """Question of every field path (blocks included), for conditions in words."""
    if tree is None:
        return {}
    return {c.path: text_in(c.label, locale) or c.path for c in tree.fields()}


def field_types(tree: FormTree | None) -> dict[str, str]:
    return {c.path: c.type for c in tree.fields()} if tree else {}


def block_choices(db: Session, locale: str, *, kind: str, key: str) -> list[dict[str, str]]:
    """Published block versions a draft may include (a block never includes itself)."""
    found = []
    for row in list_versions(db, "block"):
        if not row.is_published or (kind == "block" and row.key == key):
            continue
        title = text_in(row.definition.get("title"), locale) or row.key
        found.append({"value": f"{row.key}:{row.version}",
                      "text": f"{title} ({row.key}, v{row.version})"})
    return found


def _preview(db: Session, definition: Any, kind: str, language: str) -> Markup | None:
    try:
        return render_draft_html(db, definition, kind=kind, locale=language)
    except InvalidFormDefinition:
        return None


def default_place(definition: Mapping[str, Any], kind: str) -> str:
    pages = definition.get("pages")
    if kind == "form" and isinstance(pages, list) and pages:
        return f"/pages/{len(pages) - 1}|end"
    return "|end"


def render_editor(kind: str, key: str, version: int, *, check: bool = False,
                  errors: Sequence[dict[str, str]] = (), values: Mapping[str, str] | None = None,
                  problems: Sequence[FieldError] | None = None,
                  status: int = 200) -> ResponseReturnValue:
    """The editor (a draft) or the read-only page (a published version).

    ``check`` shows every problem as an error summary; ``errors`` are those of a
    change that was refused; ``values`` refill the form that was sent.
    """
    locale, language = page_locale(), preview_language()
    with reader() as db:
        row = find_row(db, kind, key, version)
        definition = row.definition
        tree, found = versions.check_draft(db, kind, definition, identity=(key, version))
        shown = list(problems) if problems is not None else found
        context = {
            "kind": kind, "key": key, "version": version, "row": row,
            "title": text_in(definition.get("title"), locale) or key,
            "rows": outline(definition, kind, locale, field_labels(tree, locale)),
            "places": places(definition, kind, locale),
            "default_place": default_place(definition, kind),
            "types": [(name, type_names()[name]) for name in TYPE_ORDER],
            "blocks": block_choices(db, locale, kind=kind, key=key),
            "preview": _preview(db, definition, kind, language),
            "preview_language": language,
            "problem_count": len(found),
            "check_summary": summary_items(shown, definition, locale)
            if check or problems is not None else [],
            "errors": list(errors), "values": dict(values or {}),
            "uses": versions.where_used(db, key, version) if kind == "block" else [],
            "has_draft": any(not r.is_published for r in list_versions(db, kind, key)),
        }
    return render_template("forms/builder/editor.html", **context), status
