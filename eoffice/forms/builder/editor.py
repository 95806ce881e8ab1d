"""Builder pages: the editor of a version and the changes made from it (add a page,
a control or a block, move, remove, publish, discard). Every change is a POST
followed by a redirect, so the page works without JavaScript."""

from __future__ import annotations

from functools import partial

from flask import flash, redirect, request, url_for
from flask.typing import ResponseReturnValue

from eoffice.forms import editing
from eoffice.forms.builder.additions import Addition, read_addition
from eoffice.forms.builder.blueprint import (
    VERSION,
    Change,
    bp,
    change_draft,
    editor_url,
    find_row,
    manager,
    page_locale,
)
from eoffice.forms.builder.editor_page import render_editor
from eoffice.forms.builder.outline import anchor_of
from eoffice.forms.builder.problems import summary_items
from eoffice.forms.errors import InvalidFormDefinition
from eoffice.forms.services import versions
from eoffice.shared.db import reader, unit_of_work
from eoffice.shared.errors import DomainError
from eoffice.shared.i18n import _

NEEDS_DETAILS = frozenset({"select", "radio", "checkboxes", "computed"})


@bp.get(VERSION)
def editor(kind: str, key: str, version: int) -> ResponseReturnValue:
    """The outline, the forms to change it and the preview; ``?check=1`` lists problems."""
    manager()
    return render_editor(kind, key, version, check=request.args.get("check") == "1")


def _apply(kind: str, key: str, version: int, change: Change, *, values: dict[str, str],
           done: str, anchor: str = "") -> tuple[ResponseReturnValue, bool]:
    """Save ``change`` (and redirect to the editor), or show the editor again with why
    it was refused; the flag says whether it was saved."""
    try:
        changed, mistakes = change_draft(kind, key, version, change, actor=manager().login)
    except DomainError as exc:
        if exc.status == 404:
            raise
        message = str(exc.detail or exc.title)
        return render_editor(kind, key, version, errors=[{"text": message, "href": "#add"}],
                             values=values, status=exc.status), False
    if mistakes:
        errors = summary_items(mistakes, changed, page_locale())
        return render_editor(kind, key, version, errors=errors, values=values,
                             status=422), False
    flash(done, "success")
    return redirect(editor_url(kind, key, version) + (f"#{anchor}" if anchor else "")), True


@bp.post(f"{VERSION}/additions")
def add(kind: str, key: str, version: int) -> ResponseReturnValue:
    """Add a page, a control or a block reference (``what`` says which)."""
    manager()
    values = {name: value.strip()[:2000] for name, value in request.form.items()
              if name != "csrf_token"}
    addition: Addition = read_addition(values, kind=kind, locale=page_locale())
    if addition.errors:
        return render_editor(kind, key, version, errors=addition.errors, values=values,
                             status=422)
    change = partial(editing.add_control, parent=addition.parent, control=addition.control,
                     position=addition.position, kind=kind)
    response, saved = _apply(kind, key, version, change, values=values, done=addition.done)
    if saved and addition.control.get("type") in NEEDS_DETAILS:
        with reader() as db:
            place = addition.pointer_after(find_row(db, kind, key, version).definition, kind)
        return redirect(url_for(".control", kind=kind, key=key, version=version, place=place))
    return response


def _parent_and_index(place: str) -> tuple[str, int]:
    holder, _slash, index = place.rpartition("/")
    parent = holder.rpartition("/")[0] if holder.endswith("/controls") else ""
    return parent, int(index) if index.isdecimal() else -1


@bp.post(f"{VERSION}/move")
def move(kind: str, key: str, version: int) -> ResponseReturnValue:
    """Move a page or control one step up or down among its neighbours."""
    manager()
    place, direction = request.form.get("place", ""), request.form.get("direction", "")
    parent, index = _parent_and_index(place)
    position = index - 1 if direction == "up" else index + 2
    if index < 0 or position < 0:
        return redirect(editor_url(kind, key, version))
    change = partial(editing.move_control, place=place, parent=parent, position=position,
                     kind=kind)
    new_place = f"{place.rpartition('/')[0]}/{index - 1 if direction == 'up' else index + 1}"
    return _apply(kind, key, version, change, values={}, done=_("Moved."),
                  anchor=anchor_of(new_place))[0]


@bp.post(f"{VERSION}/remove")
def remove(kind: str, key: str, version: int) -> ResponseReturnValue:
    """Remove a page or control (refused when a condition still names it)."""
    manager()
    place = request.form.get("place", "")
    change = partial(editing.remove_control, place=place, kind=kind)
    return _apply(kind, key, version, change, values={}, done=_("Removed."))[0]


@bp.post(f"{VERSION}/publish")
def publish(kind: str, key: str, version: int) -> ResponseReturnValue:
    """Publish the draft; refused with every problem listed, and nothing published."""
    principal = manager()
    try:
        with unit_of_work() as db:
            versions.publish(db, kind, key, version, actor=principal.login)
    except InvalidFormDefinition as exc:
        return render_editor(kind, key, version, problems=exc.errors, status=422)
    except DomainError as exc:
        if exc.status == 404:
            raise
        flash(str(exc.detail or exc.title), "info")
        return redirect(editor_url(kind, key, version))
    flash(_("Version %(version)s of “%(key)s” is published. It will not change any more: "
            "to change it, start a new draft.", version=version, key=key), "success")
    return redirect(editor_url(kind, key, version))


@bp.post(f"{VERSION}/discard")
def discard(kind: str, key: str, version: int) -> ResponseReturnValue:
    """Throw the draft away (published versions stay)."""
    manager()
    try:
        with unit_of_work() as db:
            versions.discard_draft(db, kind, key, version)
    except DomainError as exc:
        if exc.status == 404:
            raise
        flash(str(exc.detail or exc.title), "info")
        return redirect(editor_url(kind, key, version))
    flash(_("The draft was thrown away."), "success")
    return redirect(url_for(".index"))
