"""Builder page: the properties of one control, page, or of the form itself (texts in
three languages, key, required, options, limits, conditions), saved with one POST."""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial
from typing import Any

from flask import abort, flash, redirect, render_template, request
from flask.typing import ResponseReturnValue

from eoffice.forms import editing
from eoffice.forms.builder.blueprint import (
    VERSION,
    bp,
    change_draft,
    editor_url,
    find_row,
    manager,
    page_locale,
)
from eoffice.forms.builder.conditions_form import RULES, operator_names
from eoffice.forms.builder.control_form import (
    SIMPLE,
    TEXTS,
    allowed,
    form_values,
    option_rows,
    read_changes,
    simple_kind,
)
from eoffice.forms.builder.editor_page import field_types
from eoffice.forms.builder.outline import anchor_of, describe_place, label_of, type_of
from eoffice.forms.builder.words import property_names, type_names
from eoffice.forms.services import versions
from eoffice.forms.services.store import list_versions
from eoffice.forms.tree import FormTree, text_in
from eoffice.shared.db import reader
from eoffice.shared.errors import DomainError, FieldError
from eoffice.shared.i18n import _


def node_at(definition: Any, place: str) -> Mapping[str, Any] | None:
    node = definition
    for part in [p for p in place.split("/") if p]:
        if isinstance(node, list) and part.isdecimal() and int(part) < len(node):
            node = node[int(part)]
        elif isinstance(node, Mapping) and part in ("pages", "controls"):
            node = node.get(part)
        else:
            return None
    return node if isinstance(node, Mapping) else None


def condition_fields(tree: FormTree | None, place: str, locale: str) -> list[dict[str, str]]:
    """The questions a condition of the control at ``place`` may look at."""
    if tree is None:
        return []
    own = next((c for c in tree.walk() if c.pointer == place), None)
    found = []
    for control in tree.fields():
        if not control.answers or control.pointer == place or control.pointer.startswith(
                place + "/"):
            continue
        if "*" in control.path:
            repeated = control.path[: control.path.rindex("*") + 1]
            if own is None or not own.path.startswith(repeated + "."):
                continue
        label = text_in(control.label, locale) or control.path
        found.append({"value": control.path, "text": f"{label} ({control.path})"})
    return found


def input_for(pointer: str, place: str) -> str:
    """The id of the input a problem at ``pointer`` is about."""
    rest = [p for p in pointer[len(place):].split("/") if p] if pointer.startswith(place) else []
    if not rest:
        return "key"
    if rest[0] in RULES:
        return f"{rest[0]}-mode"
    if rest[0] == "options" and len(rest) > 1:
        return "-".join(["option", *rest[1:]]) if len(rest) > 2 else f"option-{rest[1]}-value"
    if rest[0] in TEXTS:
        return "-".join(rest[:2]) if len(rest) > 1 else f"{rest[0]}-es"
    return f"prop-{rest[0]}" if rest[0] in SIMPLE else rest[0]


def _block_versions(db: Any, node: Mapping[str, Any]) -> list[int]:
    return [row.version for row in list_versions(db, "block", str(node.get("block", "")))
            if row.is_published]


@bp.route(f"{VERSION}/control", methods=["GET", "POST"])
def control(kind: str, key: str, version: int) -> ResponseReturnValue:
    """The properties form of the control at ``?place=`` (a JSON pointer; "" = the form)."""
    principal = manager()
    place, locale = request.args.get("place", ""), page_locale()
    with reader() as db:
        row = find_row(db, kind, key, version)
        node = node_at(row.definition, place)
        if node is None:
            abort(404)
        if row.is_published:
            return redirect(editor_url(kind, key, version))
        control_type = "root" if not place else type_of(node, place)
        tree, _problems = versions.check_draft(db, kind, row.definition)
        block_versions = _block_versions(db, node) if control_type == "block" else []
    errors: list[tuple[str, str]] = []
    values = form_values(node, control_type)
    if request.method == "POST":
        values = {name: value for name, value in request.form.items() if name != "csrf_token"}
        changes, errors = read_changes(values, control_type, field_types(tree),
                                       has_source="source" in node)
        if not errors:
            change = partial(editing.set_properties, place=place, changes=changes, kind=kind)
            try:
                changed, mistakes = change_draft(kind, key, version, change,
                                                 actor=principal.login)
            except DomainError as exc:
                mistakes, changed = [FieldError(place, str(exc.detail or exc.title),
                                                exc.code)], row.definition
            errors = [(input_for(m.field, place),
                       f"{describe_place(changed, m.field, locale)}: {m.message}")
                      for m in mistakes]
        if not errors:
            flash(_("Saved."), "success")
            return redirect(editor_url(kind, key, version) + f"#{anchor_of(place)}")
    names = allowed(control_type)
    context = {
        "kind": kind, "key": key, "version": version, "place": place,
        "control_type": control_type, "node": node,
        "type_name": type_names().get(control_type, _("Form details")),
        "label": label_of(node, locale) if place else text_in(node.get("title"), locale),
        "names": names, "texts": [name for name in TEXTS if name in names],
        "simple": [(name, simple_kind(name, control_type)) for name in SIMPLE if name in names],
        "rules": [name for name in RULES if name in names],
        "fields": condition_fields(tree, place, locale), "operators": operator_names(),
        "words": property_names(), "values": values, "option_rows": option_rows(values),
        "block_versions": block_versions, "has_source": "source" in node,
        "summary": [{"text": message, "href": f"#{where}"} for where, message in errors],
        "inline": dict(reversed(errors)),
        "errors_at": {where: {"text": message, "visuallyHiddenText": _("Error")}
                      for where, message in reversed(errors)},
    }
    return render_template("forms/builder/control.html", **context), 422 if errors else 200
