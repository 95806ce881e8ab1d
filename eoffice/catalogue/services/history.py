"""What administrators see: every procedure with its state, and the history of
its versions (drafts, scheduled, current, ended, superseded)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice.catalogue import queries, rules
from eoffice.catalogue.domain import ProcedureDefinition, VersionStatus, localise
from eoffice.catalogue.models import Procedure, ProcedureVersion
from eoffice.shared.clock import utcnow


@dataclass(frozen=True)
class VersionInfo:
    number: int
    status: VersionStatus
    state: str
    content_sha256: str | None
    published_from: datetime | None
    published_until: datetime | None
    published_at: datetime | None
    published_by: str | None
    created_at: datetime
    created_by: str
    updated_at: datetime
    updated_by: str


@dataclass(frozen=True)
class ProcedureOverview:
    code: str
    title: str
    unit: str | None
    current_version: int | None
    draft_version: int | None
    versions: int
    # States of its versions now (``draft``, ``current``, ``scheduled``, ``ended``...).
    states: frozenset[str] = frozenset()


def _info(version: ProcedureVersion, windows: Sequence[rules.Window], at: datetime) -> VersionInfo:
    window = next((w for w in windows if w.number == version.number), None)
    state = VersionStatus.DRAFT.value if window is None else rules.window_state(window, windows, at)
    return VersionInfo(
        number=version.number, status=VersionStatus(version.status), state=state,
        content_sha256=version.content_sha256, published_from=version.published_from,
        published_until=version.published_until, published_at=version.published_at,
        published_by=version.published_by, created_at=version.created_at,
        created_by=version.created_by, updated_at=version.updated_at,
        updated_by=version.updated_by,
    )


def list_version_history(session: Session, code: str,
                         *, at: datetime | None = None) -> list[VersionInfo]:
    """Every version of ``code``, oldest first, with its state at ``at`` (default now)."""
    versions = queries.list_versions(session, queries.get_procedure(session, code))
    windows = queries.windows_of(versions)
    return [_info(version, windows, at or utcnow()) for version in versions]


def get_version_content(session: Session, code: str,
                        number: int) -> tuple[VersionInfo, ProcedureDefinition]:
    """One version of ``code``: what it is and its definition."""
    procedure = queries.get_procedure(session, code)
    versions = queries.list_versions(session, procedure)
    version = queries.get_version(session, procedure, number)
    info = _info(version, queries.windows_of(versions), utcnow())
    return info, queries.definition_of(version)


def list_procedures(session: Session, *, locale: str,
                    query: str | None = None) -> list[ProcedureOverview]:
    """Every procedure, drafts included, by code (``query`` matches the code or the
    title of the latest version in any language)."""
    rows = session.execute(
        select(Procedure, ProcedureVersion)
        .join(ProcedureVersion, ProcedureVersion.procedure_id == Procedure.id)
        .order_by(Procedure.code, ProcedureVersion.number)
    )
    by_code: dict[str, list[ProcedureVersion]] = {}
    for procedure, version in rows:
        by_code.setdefault(procedure.code, []).append(version)
    now = utcnow()
    found = []
    for code, versions in by_code.items():
        latest = versions[-1]
        titles: dict[str, str] = latest.definition.get("title") or {}
        if query and not rules.matches_query(query, [code, *titles.values()]):
            continue
        title = localise(titles, locale)
        windows = queries.windows_of(versions)
        current = rules.current_window(windows, now)
        draft = next((v.number for v in versions if v.status == VersionStatus.DRAFT), None)
        states = frozenset(_info(version, windows, now).state for version in versions)
        found.append(ProcedureOverview(code, title, latest.unit_code,
                                       current.number if current else None, draft,
                                       len(versions), states))
    return found
