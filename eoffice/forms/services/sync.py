"""Loading the product's own forms and blocks (``forms/`` in the repository).

Files are ``<folder>/blocks/<key>/v<N>.json`` and ``<folder>/forms/<key>/v<N>.json``.
Each is checked like an admin's draft and stored as a published version with
source ``file``. Loading again changes nothing; a stored version whose content
differs from its file is an error (a published version never changes: add v<N+1>).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from eoffice import audit
from eoffice.forms import errors, option_sources
from eoffice.forms.canonical import sha256_of
from eoffice.forms.errors import InvalidFormDefinition
from eoffice.forms.models import Source, Status
from eoffice.forms.services.store import MODELS, find_version, published_block_lookup
from eoffice.forms.services.versions import record_block_uses
from eoffice.forms.validation import check_definition
from eoffice.shared.clock import utcnow
from eoffice.shared.errors import FieldError
from eoffice.shared.i18n import _

FILE_NAME = re.compile(r"^v([1-9]\d{0,4})\.json$")
FOLDERS = (("block", "blocks"), ("form", "forms"))


@dataclass
class SyncReport:
    """What a sync did: versions created and versions already there."""

    created: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)


def _read_files(folder: Path, problems: list[FieldError]) -> dict[tuple[str, str, int], Any]:
    found: dict[tuple[str, str, int], Any] = {}
    for kind, sub in FOLDERS:
        for path in sorted((folder / sub).glob("*/*.json")):
            where = f"{sub}/{path.parent.name}/{path.name}"
            match = FILE_NAME.match(path.name)
            if not match:
                problems.append(FieldError(where, _("Name version files v1.json, v2.json..."),
                                           errors.WrongIdentity.code))
                continue
            try:
                raw = json.loads(path.read_text(encoding="utf-8"))
            except (ValueError, UnicodeDecodeError) as exc:
                problems.append(FieldError(where, str(exc)[:200], errors.NotAnObject.code))
                continue
            found[(kind, path.parent.name, int(match.group(1)))] = raw
    return found


def _check_all(session: Session, files: dict[tuple[str, str, int], Any],
               problems: list[FieldError]) -> None:
    stored = published_block_lookup(session, {})

    def lookup(key: str, version: int) -> Any:
        raw = files.get(("block", key, version))
        return raw if raw is not None else stored(key, version)

    for (kind, key, version), raw in files.items():
        where = f"{kind}s/{key}/v{version}.json#"
        _tree, found = check_definition(raw, kind=kind, lookup=lookup, identity=(key, version),
                                        known_sources=option_sources.kinds())
        problems.extend(FieldError(where + p.field, p.message, p.code) for p in found)
        existing = find_version(session, kind, key, version)
        if existing is not None and (not existing.is_published
                                     or existing.sha256 != sha256_of(raw)):
            problems.append(FieldError(
                where, _("Version %(version)s of “%(key)s” is already stored with another "
                         "content; add a new version instead.", version=version, key=key),
                errors.ConflictingVersion.code))


def sync_product_forms(session: Session, folder: Path | str, *,
                       actor: str = "system") -> SyncReport:
    """Store every block and form of ``folder`` as a published version (idempotent).

    Nothing is stored when any file has a problem: :class:`InvalidFormDefinition`
    lists them all, each named ``<kind>s/<key>/v<N>.json#<pointer>``.
    """
    problems: list[FieldError] = []
    files = _read_files(Path(folder), problems)
    _check_all(session, files, problems)
    if problems:
        raise InvalidFormDefinition(errors=problems)
    report = SyncReport()
    for (kind, key, version), raw in files.items():  # blocks come first
        name = f"{kind}s/{key}/v{version}"
        if find_version(session, kind, key, version) is not None:
            report.unchanged.append(name)
            continue
        now = utcnow()
        row = MODELS[kind](key=key, version=version, status=Status.PUBLISHED, definition=raw,
                           sha256=sha256_of(raw), source=Source.FILE, created_at=now,
                           updated_at=now, published_at=now, changed_by=actor)
        session.add(row)
        session.flush()
        record_block_uses(session, kind, row)
        audit.record_event(session, f"forms.{kind}_published", actor=actor,
                           object_type="form_block" if kind == "block" else "form",
                           object_id=f"{key}/{version}",
                           data={"sha256": row.sha256, "source": "file"})
        report.created.append(name)
    session.flush()
    return report
