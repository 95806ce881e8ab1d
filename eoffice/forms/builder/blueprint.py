"""The blueprint of the form builder's pages (``/admin/forms``) and what its views
share: only people holding ``catalogue.manage`` get past it (anonymous visitors are
sent to sign in, others get 403), and every change goes through one function that
refuses to make a draft wrong."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Blueprint, url_for
from flask_babel import get_locale

from eoffice import identity
from eoffice.forms.builder.problems import new_mistakes
from eoffice.forms.errors import PublishedIsImmutable
from eoffice.forms.services import versions
from eoffice.forms.services.store import Row, get_version
from eoffice.forms.tree import LANGUAGES
from eoffice.identity import Permission, Principal
from eoffice.shared.db import unit_of_work
from eoffice.shared.errors import FieldError

bp = Blueprint("forms_builder", __name__, url_prefix="/admin/forms")
KIND = "<any(form, block):kind>"
VERSION = f"/{KIND}/<key>/<int(max=2147483647):version>"
Change = Callable[[dict[str, Any]], dict[str, Any]]


def manager() -> Principal:
    """The caller, if they may build forms (``catalogue.manage``); else 401 or 403."""
    return identity.require_permission(Permission.MANAGE_CATALOGUE)


@bp.before_request
def _only_form_builders() -> None:
    manager()


def page_locale() -> str:
    language = str(get_locale() or "es")
    return language if language in LANGUAGES else "es"


def find_row(db: Any, kind: str, key: str, version: int) -> Row:
    """The stored version (a draft too); 404 when there is none."""
    return get_version(db, kind, key, version, published=False)


def editor_url(kind: str, key: str, version: int, **args: Any) -> str:
    return url_for("forms_builder.editor", kind=kind, key=key, version=version, **args)


def change_draft(kind: str, key: str, version: int, change: Change, *,
                 actor: str) -> tuple[dict[str, Any], list[FieldError]]:
    """Apply ``change`` to the draft unless it adds a mistake to it.

    Returns (the changed definition, the mistakes it would add): with mistakes,
    nothing is saved. ``BadEdit`` and ``PublishedIsImmutable`` pass through.
    """
    with unit_of_work() as db:
        row = find_row(db, kind, key, version)
        if row.is_published:
            raise PublishedIsImmutable()
        identity_ = (key, version)
        changed = change(row.definition)
        changed.update(key=key, version=version)
        _tree, before = versions.check_draft(db, kind, row.definition, identity=identity_)
        _tree, after = versions.check_draft(db, kind, changed, identity=identity_)
        added = new_mistakes(before, after)
        if not added:
            versions.save_draft(db, kind, key, version, changed, actor=actor)
        return changed, added
