"""The back office's pages of groupings of files processed together: my units' groupings
with a form to create one, and one grouping with its files and forms to add a file by
its number or take one out. Plain forms: everything works without JavaScript. The file
view lists the file's groupings through the template global ``file_groupings``."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from eoffice import identity
from eoffice.files import grouping_commands as commands
from eoffice.files.errors import (
    AlreadyGrouped,
    FileClosed,
    InvalidGrouping,
    NotAllowedOnFile,
    NotAllowedOnGrouping,
    NotGrouped,
    UnknownFile,
)
from eoffice.identity import Permission, Principal
from eoffice.shared.errors import DomainError
from eoffice.shared.i18n import _

bp = Blueprint("files_groupings", __name__, url_prefix="/backoffice/file-groupings")
PAGE_SIZE = 25
REFUSALS = (AlreadyGrouped, FileClosed, NotAllowedOnFile, NotAllowedOnGrouping, NotGrouped,
            UnknownFile)


def _staff() -> Principal:
    return identity.require_permission(Permission.VIEW_FILES, somewhere=True)


def _back(grouping_id: int) -> ResponseReturnValue:
    return redirect(url_for("files_groupings.detail", grouping_id=grouping_id))


def _number() -> str:
    return (request.form.get("number") or "").strip()[:60]


def _refused(refused: DomainError) -> None:
    flash(str(refused.detail or refused.title), "error")


@bp.get("", endpoint="groupings")
def list_groupings() -> ResponseReturnValue:
    """My units' groupings, newest first (``?page=``), and the form to create one."""
    principal = _staff()
    page = max(request.args.get("page", 1, type=int) or 1, 1)
    items, total = commands.search(principal, page=page, page_size=PAGE_SIZE)
    pages = max((total + PAGE_SIZE - 1) // PAGE_SIZE, 1)
    return render_template("files/groupings.html", items=items, page=page, pages=pages,
                           units=commands.units_to_group(principal), errors=[], form={})


@bp.post("", endpoint="create")
def create() -> ResponseReturnValue:
    principal = _staff()
    form = {key: (request.form.get(key) or "")[:1000] for key in ("name", "reason", "unit")}
    try:
        made = commands.create(principal, unit=form["unit"] or None, name=form["name"],
                               reason=form["reason"])
    except (InvalidGrouping, NotAllowedOnGrouping) as refused:
        errors = [{"text": e.message, "href": f"#grouping-{e.field}"} for e in refused.errors]
        if not errors:
            errors = [{"text": str(refused.detail or refused.title), "href": "#grouping-unit"}]
        items, total = commands.search(principal, page=1, page_size=PAGE_SIZE)
        return render_template("files/groupings.html", items=items, page=1,
                               pages=max((total + PAGE_SIZE - 1) // PAGE_SIZE, 1),
                               units=commands.units_to_group(principal), errors=errors,
                               form=form), 422
    flash(_("The grouping %(number)s is created: add its files.", number=made.number),
          "success")
    return _back(made.id)


@bp.get("/<int:grouping_id>", endpoint="detail")
def show(grouping_id: int) -> ResponseReturnValue:
    principal = _staff()
    grouping = commands.show(grouping_id, principal)
    may_change = principal.can(Permission.PROCESS_FILES, unit=grouping.unit)
    return render_template("files/groupings_detail.html", grouping=grouping, may_change=may_change)


@bp.post("/<int:grouping_id>/files", endpoint="add")
def add(grouping_id: int) -> ResponseReturnValue:
    number = _number()
    try:
        commands.add_file(grouping_id, _staff(), number)
    except REFUSALS as refused:
        _refused(refused)
        return _back(grouping_id)
    flash(_("The file %(number)s is in the grouping.", number=number), "success")
    return _back(grouping_id)


@bp.post("/<int:grouping_id>/files/remove", endpoint="remove")
def remove(grouping_id: int) -> ResponseReturnValue:
    number = _number()
    try:
        commands.remove_file(grouping_id, _staff(), number)
    except REFUSALS as refused:
        _refused(refused)
        return _back(grouping_id)
    flash(_("The file %(number)s is no longer in the grouping.", number=number), "success")
    return _back(grouping_id)


@bp.app_template_global("file_groupings")
def file_groupings(number: str) -> list[dict[str, Any]]:
    """For the file view: the groupings of the file the signed-in clerk is looking at."""
    principal = identity.current_principal()
    if principal is None:
        return []
    return commands.groupings_of_file(number, principal)
