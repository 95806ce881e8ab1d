"""Builder page: the whole definition as JSON, for people who prefer to write it.

Saving is refused, with every mistake named by its place, when the JSON does not
parse or the new definition has mistakes the draft did not have; then nothing
changes. Incomplete texts or options are allowed in a draft (Check lists them).
"""

from __future__ import annotations

import json
from typing import Any

from flask import flash, redirect, render_template, request
from flask.typing import ResponseReturnValue

from eoffice.forms.builder.blueprint import (
    VERSION,
    bp,
    change_draft,
    editor_url,
    find_row,
    manager,
    page_locale,
)
from eoffice.forms.builder.problems import summary_items
from eoffice.shared.db import reader
from eoffice.shared.errors import DomainError
from eoffice.shared.i18n import _

MAX_JSON = 500_000


def pretty(definition: Any) -> str:
    return json.dumps(definition, ensure_ascii=False, indent=2)


def _render(kind: str, key: str, version: int, *, text: str, published: bool,
            errors: list[dict[str, str]] | None = None, status: int = 200) -> ResponseReturnValue:
    return render_template("forms/builder/json.html", kind=kind, key=key, version=version,
                           text=text, published=published, errors=errors or []), status


def _parse(text: str) -> tuple[Any, list[dict[str, str]]]:
    if len(text) > MAX_JSON:
        return None, [{"text": _("The definition is too long."), "href": "#definition"}]
    try:
        parsed = json.loads(text)
    except ValueError as exc:
        line, column = getattr(exc, "lineno", 0), getattr(exc, "colno", 0)
        return None, [{"text": _("Line %(line)s, column %(column)s: this is not valid JSON "
                                 "(%(problem)s).", line=line, column=column,
                                 problem=getattr(exc, "msg", str(exc))), "href": "#definition"}]
    if not isinstance(parsed, dict):
        return None, [{"text": _("A definition is a JSON object: {…}."), "href": "#definition"}]
    return parsed, []


@bp.route(f"{VERSION}/json", methods=["GET", "POST"])
def json_tab(kind: str, key: str, version: int) -> ResponseReturnValue:
    """The definition as JSON; a draft's can be replaced as a whole."""
    principal = manager()
    with reader() as db:
        row = find_row(db, kind, key, version)
        published, stored = row.is_published, row.definition
    if request.method == "GET" or published:
        return _render(kind, key, version, text=pretty(stored), published=published)
    text = request.form.get("definition", "")
    parsed, errors = _parse(text)
    if errors:
        return _render(kind, key, version, text=text, published=False, errors=errors,
                       status=422)
    try:
        changed, mistakes = change_draft(kind, key, version, lambda _old: parsed,
                                         actor=principal.login)
    except DomainError as exc:
        if exc.status == 404:
            raise
        return _render(kind, key, version, text=text, published=False, status=exc.status,
                       errors=[{"text": str(exc.detail or exc.title), "href": "#definition"}])
    if mistakes:
        items = summary_items(mistakes, changed, page_locale(), href=lambda _p: "#definition")
        for item, mistake in zip(items, mistakes, strict=True):
            item["text"] = f"{item['text']} [{mistake.field}]"
        return _render(kind, key, version, text=text, published=False, errors=items,
                       status=422)
    flash(_("The definition was saved."), "success")
    return redirect(editor_url(kind, key, version))
