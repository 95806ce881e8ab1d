"""Builder pages: the list of forms and blocks with their versions, creating a new
form or block, starting the next draft of one, and where a block version is used."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from eoffice.forms.builder.blueprint import KIND, bp, editor_url, find_row, manager, page_locale
from eoffice.forms.builder.keys import is_key, suggest_key
from eoffice.forms.errors import DraftExists
from eoffice.forms.services import versions
from eoffice.forms.services.store import Row, list_versions
from eoffice.forms.tree import LANGUAGES, text_in
from eoffice.shared.db import reader, unit_of_work
from eoffice.shared.errors import DomainError
from eoffice.shared.i18n import _


@dataclass
class Entry:
    """A form or block key with all its versions."""

    key: str
    title: str = ""
    versions: list[Row] = field(default_factory=list)

    @property
    def draft(self) -> Row | None:
        return next((row for row in self.versions if not row.is_published), None)

    @property
    def next_version(self) -> int:
        return max(row.version for row in self.versions) + 1


def entries(rows: list[Row], locale: str) -> list[Entry]:
    found: dict[str, Entry] = {}
    for row in rows:
        entry = found.setdefault(row.key, Entry(row.key))
        entry.versions.append(row)
        title = row.definition.get("title") if isinstance(row.definition, dict) else None
        entry.title = text_in(title, locale) if isinstance(title, Mapping) else row.key
    return list(found.values())


@bp.get("")
def index() -> ResponseReturnValue:
    """Every form and block, each with its versions and what can be done next."""
    manager()
    locale = page_locale()
    with reader() as db:
        forms = entries(list_versions(db, "form"), locale)
        blocks = entries(list_versions(db, "block"), locale)
    return render_template("forms/builder/index.html", forms=forms, blocks=blocks)


def _skeleton(kind: str, key: str, titles: dict[str, str]) -> dict[str, Any]:
    definition: dict[str, Any] = {"key": key, "version": 1, "title": titles}
    if kind == "form":
        definition["pages"] = [{"title": dict(titles), "controls": []}]
    else:
        definition["controls"] = []
    return definition


def _new_errors(key: str, titles: dict[str, str]) -> list[dict[str, str]]:
    errors = []
    if not is_key(key):
        errors.append({"text": _("Give a key of lower-case letters, digits and underscores, "
                                 "starting with a letter, like “parking_permit”."),
                       "href": "#key"})
    for language in LANGUAGES:
        if not titles[language]:
            errors.append({"text": _("Give the title in every language."),
                           "href": f"#title-{language}"})
            break
    return errors


@bp.route(f"/new/{KIND}", methods=["GET", "POST"])
def new(kind: str) -> ResponseReturnValue:
    """Create a form (with its first page) or a block: key and title in three languages."""
    principal = manager()
    values = {name: request.form.get(name, "").strip()[:200]
              for name in ("key", *(f"title-{language}" for language in LANGUAGES))}
    if request.method == "GET":
        return render_template("forms/builder/new.html", kind=kind, values=values, errors=[])
    titles = {language: values[f"title-{language}"] for language in LANGUAGES}
    key = values["key"] or suggest_key(titles["en"])
    values["key"] = key
    errors = _new_errors(key, titles)
    if not errors:
        try:
            with unit_of_work() as db:
                if list_versions(db, kind, key):
                    raise DraftExists(_("There is already a %(kind)s with this key.",
                                        kind=_("form") if kind == "form" else _("block")))
                versions.start_draft(db, kind, key, actor=principal.login,
                                     definition=_skeleton(kind, key, titles))
        except DomainError as exc:
            errors = [{"text": str(exc.detail or exc.title), "href": "#key"}]
    if errors:
        return render_template("forms/builder/new.html", kind=kind, values=values,
                               errors=errors), 422
    flash(_("Draft created. Add its questions, then check and publish it."), "success")
    return redirect(editor_url(kind, key, 1))


@bp.post(f"/{KIND}/<key>/drafts")
def start_draft(kind: str, key: str) -> ResponseReturnValue:
    """The next version as a draft, copied from the latest one."""
    principal = manager()
    try:
        with unit_of_work() as db:
            if not list_versions(db, kind, key):
                abort(404)
            row = versions.start_draft(db, kind, key, actor=principal.login)
            version = row.version
    except DraftExists:
        flash(_("There is already a draft of “%(key)s”: edit that one.", key=key), "info")
        return redirect(url_for(".index"))
    flash(_("Draft of version %(version)s started from the latest version.", version=version),
          "success")
    return redirect(editor_url(kind, key, version))


@bp.get("/block/<key>/<int(max=2147483647):version>/where-used")
def where_used(key: str, version: int) -> ResponseReturnValue:
    """The form and block versions that include this block version."""
    manager()
    with reader() as db:
        row = find_row(db, "block", key, version)
        uses = versions.where_used(db, key, version)
        title = text_in(row.definition.get("title"), page_locale())
    return render_template("forms/builder/where_used.html", key=key, version=version,
                           title=title, uses=uses)
