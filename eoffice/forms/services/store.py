"""Reading stored versions, and the expanded tree of a published version (cached).

Published versions never change, so their expanded trees are kept in memory;
a cached tree is reused only while the hashes of the blocks it was built from
still match what is stored (tests roll back and re-create versions).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any, cast

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from eoffice.forms.blocks import Expander
from eoffice.forms.definition import read_definition
from eoffice.forms.errors import InvalidFormDefinition, UnknownBlock, UnknownForm
from eoffice.forms.models import BlockVersion, FormVersion, Status
from eoffice.forms.tree import FormTree

Row = FormVersion | BlockVersion
MODELS: dict[str, type[Row]] = {"form": FormVersion, "block": BlockVersion}
CACHE_SIZE = 256

_trees: OrderedDict[tuple[str, str, int, str], tuple[FormTree, dict[tuple[str, int], str]]] = (
    OrderedDict()
)
_lock = threading.Lock()


def find_version(session: Session, kind: str, key: str, version: int) -> Row | None:
    model = MODELS[kind]
    return cast(Row | None, session.scalar(select(model).filter_by(key=key, version=version)))


def get_version(session: Session, kind: str, key: str, version: int, *,
                published: bool = True) -> Row:
    """The stored version; only a published one unless ``published`` is False."""
    row = find_version(session, kind, key, version)
    if row is None or (published and not row.is_published):
        raise UnknownForm() if kind == "form" else UnknownBlock()
    return row


def find_draft(session: Session, kind: str, key: str) -> Row | None:
    model = MODELS[kind]
    return cast(Row | None, session.scalar(select(model).filter_by(key=key, status=Status.DRAFT)))


def latest_version(session: Session, kind: str, key: str, *, published: bool = True) -> int:
    """The highest version number of ``key`` (0 when there is none)."""
    model = MODELS[kind]
    query = select(func.max(model.version)).where(model.key == key)
    if published:
        query = query.where(model.status == Status.PUBLISHED)
    return int(session.scalar(query) or 0)


def list_versions(session: Session, kind: str, key: str | None = None) -> list[Row]:
    model = MODELS[kind]
    query = select(model).order_by(model.key, model.version)
    if key is not None:
        query = query.where(model.key == key)
    return cast(list[Row], list(session.scalars(query)))


def published_block_lookup(session: Session, used: dict[tuple[str, int], str]) -> Any:
    """A block lookup over published blocks; records the hash of each block it hands out."""

    def lookup(key: str, version: int) -> Any:
        row = find_version(session, "block", key, version)
        if row is None or not row.is_published:
            return None
        used[(key, version)] = row.sha256
        return row.definition

    return lookup


def _blocks_unchanged(session: Session, used: dict[tuple[str, int], str]) -> bool:
    if not used:
        return True
    wanted = or_(*(and_(BlockVersion.key == k, BlockVersion.version == v) for k, v in used))
    rows = session.execute(
        select(BlockVersion.key, BlockVersion.version, BlockVersion.sha256)
        .where(wanted, BlockVersion.status == Status.PUBLISHED)
    ).all()
    return {(k, v): sha for k, v, sha in rows} == used


def expand_row(session: Session, kind: str, row: Row) -> FormTree:
    """The expanded tree of a stored version (published blocks only)."""
    cache_key = (kind, row.key, row.version, row.sha256)
    with _lock:
        cached = _trees.get(cache_key)
    if cached and row.is_published and _blocks_unchanged(session, cached[1]):
        return cached[0]
    used: dict[tuple[str, int], str] = {}
    tree, problems = read_definition(row.definition, kind=kind)
    expander = Expander(published_block_lookup(session, used))
    if tree is None or problems:
        raise InvalidFormDefinition(errors=problems)
    expanded = expander.expand(tree)
    if expander.problems:
        raise InvalidFormDefinition(errors=expander.problems)
    if row.is_published:
        with _lock:
            _trees[cache_key] = (expanded, used)
            while len(_trees) > CACHE_SIZE:
                _trees.popitem(last=False)
    return expanded


def load_tree(session: Session, key: str, version: int, *, kind: str = "form") -> FormTree:
    """The expanded tree of a published form (or block) version."""
    return expand_row(session, kind, get_version(session, kind, key, version))
