"""Drafts and publication of forms and blocks (``kind`` is ``"form"`` or ``"block"``).

A key has at most one draft: the next version, edited in place. Publishing
checks the whole definition (blocks, conditions, option sources) and freezes
it: a published version is never changed, and its hash is recorded.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from eoffice import audit
from eoffice.forms import option_sources
from eoffice.forms.canonical import sha256_of
from eoffice.forms.definition import read_definition
from eoffice.forms.errors import (
    DraftExists,
    InvalidFormDefinition,
    PublishedIsImmutable,
    UnknownBlock,
    UnknownForm,
)
from eoffice.forms.models import BlockUse, BlockVersion, FormVersion, Source, Status
from eoffice.forms.services.store import (
    MODELS,
    Row,
    find_draft,
    find_version,
    latest_version,
    published_block_lookup,
)
from eoffice.forms.tree import LANGUAGES, FormTree
from eoffice.forms.validation import check_definition
from eoffice.shared.clock import utcnow
from eoffice.shared.errors import FieldError

Change = Callable[[dict[str, Any]], dict[str, Any]]


def _skeleton(kind: str, key: str) -> dict[str, Any]:
    empty = dict.fromkeys(LANGUAGES, "")
    body = "pages" if kind == "form" else "controls"
    return {"key": key, "version": 1, "title": empty, body: []}


def _stamped(definition: Any, key: str, version: int) -> dict[str, Any]:
    stamped = copy.deepcopy(definition) if isinstance(definition, dict) else {}
    stamped.update(key=key, version=version)
    return stamped


def record_block_uses(session: Session, kind: str, row: Row) -> None:
    column = BlockUse.form_version_id if kind == "form" else BlockUse.block_version_id
    session.execute(delete(BlockUse).where(column == row.id))
    tree, _problems = read_definition(row.definition, kind=kind)
    refs = {(c.props["block"], c.props["version"]) for c in (tree.walk() if tree else ())
            if c.type == "block" and isinstance(c.props.get("block"), str)
            and isinstance(c.props.get("version"), int)}
    for block_key, block_version in sorted(refs):
        session.add(BlockUse(
            form_version_id=row.id if kind == "form" else None,
            block_version_id=row.id if kind == "block" else None,
            block_key=block_key, block_version=block_version,
        ))


def start_draft(session: Session, kind: str, key: str, *, actor: str,
                definition: Any = None, source: Source = Source.ADMIN) -> Row:
    """A new draft of ``key``: the next version, from ``definition`` or the latest one."""
    if find_draft(session, kind, key) is not None:
        raise DraftExists()
    version = latest_version(session, kind, key, published=False) + 1
    if definition is None:
        latest = find_version(session, kind, key, version - 1)
        definition = latest.definition if latest else _skeleton(kind, key)
    stamped = _stamped(definition, key, version)
    now = utcnow()
    row = MODELS[kind](key=key, version=version, status=Status.DRAFT, definition=stamped,
                       sha256=sha256_of(stamped), source=source, created_at=now,
                       updated_at=now, published_at=None, changed_by=actor)
    session.add(row)
    session.flush()
    record_block_uses(session, kind, row)
    return row


def _draft(session: Session, kind: str, key: str, version: int) -> Row:
    row = find_version(session, kind, key, version)
    if row is None:
        raise UnknownForm() if kind == "form" else UnknownBlock()
    if row.is_published:
        raise PublishedIsImmutable()
    return row


def save_draft(session: Session, kind: str, key: str, version: int, definition: Any, *,
               actor: str) -> Row:
    """Replace the definition of a draft (a published version: 409)."""
    row = _draft(session, kind, key, version)
    row.definition = _stamped(definition, key, version)
    row.sha256 = sha256_of(row.definition)
    row.updated_at, row.changed_by = utcnow(), actor
    session.flush()
    record_block_uses(session, kind, row)
    return row


def edit_draft(session: Session, kind: str, key: str, version: int, change: Change, *,
               actor: str) -> Row:
    """Apply one builder change (see :mod:`eoffice.forms.editing`) to a draft."""
    row = _draft(session, kind, key, version)
    return save_draft(session, kind, key, version, change(row.definition), actor=actor)


def discard_draft(session: Session, kind: str, key: str, version: int) -> None:
    session.delete(_draft(session, kind, key, version))
    session.flush()


def check_draft(session: Session, kind: str, definition: Any, *,
                identity: tuple[str, int] | None = None,
                ) -> tuple[FormTree | None, list[FieldError]]:
    """Every problem that would stop ``definition`` from being published."""
    return check_definition(
        definition, kind=kind, lookup=published_block_lookup(session, {}),
        known_sources=option_sources.kinds(), identity=identity,
    )


def publish(session: Session, kind: str, key: str, version: int, *, actor: str) -> Row:
    """Publish a draft, or raise :class:`InvalidFormDefinition` listing every problem."""
    row = _draft(session, kind, key, version)
    _tree, problems = check_draft(session, kind, row.definition, identity=(key, version))
    if problems:
        raise InvalidFormDefinition(errors=problems)
    row.status, row.published_at = Status.PUBLISHED, utcnow()
    row.sha256 = sha256_of(row.definition)
    row.changed_by = actor
    audit.record_event(session, f"forms.{kind}_published", actor=actor,
                       object_type=f"form_{kind}" if kind == "block" else "form",
                       object_id=f"{key}/{version}", data={"sha256": row.sha256})
    session.flush()
    return row


def where_used(session: Session, key: str, version: int) -> list[dict[str, Any]]:
    """Form and block versions that include this block version, directly or through
    other blocks (``direct`` says which)."""
    found: list[dict[str, Any]] = []
    queue, seen = [(key, version, True)], {(key, version)}
    while queue:
        block_key, block_version, direct = queue.pop(0)
        uses = session.scalars(select(BlockUse).filter_by(
            block_key=block_key, block_version=block_version))
        for use in uses:
            kind = "form" if use.form_version_id else "block"
            user: Row | None = (session.get(FormVersion, use.form_version_id)
                                if use.form_version_id else
                                session.get(BlockVersion, use.block_version_id))
            if user is None:
                continue
            found.append({"kind": kind, "key": user.key, "version": user.version,
                          "status": user.status, "direct": direct})
            if kind == "block" and (user.key, user.version) not in seen:
                seen.add((user.key, user.version))
                queue.append((user.key, user.version, False))
    return sorted(found, key=lambda u: (u["kind"], u["key"], u["version"]))
