"""What administrators and the demo loader read about rules: plain values, no rows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from eoffice.fees.errors import UnknownRule
from eoffice.fees.models import FeeRule
from eoffice.fees.services import store


@dataclass(frozen=True)
class VersionInfo:
    number: int
    state: str
    valid_from: date | None
    valid_until: date | None
    content_sha256: str | None
    definition: Any
    examples: list[Any]


@dataclass(frozen=True)
class RuleInfo:
    key: str
    procedure_code: str
    case_code: str
    title: dict[str, str]
    legal_reference: dict[str, Any]
    versions: tuple[VersionInfo, ...]

    @property
    def draft(self) -> VersionInfo | None:
        return next((v for v in self.versions if v.state == store.DRAFT), None)


def _info(session: Session, rule: FeeRule) -> RuleInfo:
    versions = tuple(VersionInfo(v.number, v.state, v.valid_from, v.valid_until,
                                 v.content_sha256, v.definition, list(v.examples))
                     for v in store.list_versions(session, rule))
    return RuleInfo(rule.key, rule.procedure_code, rule.case_code, dict(rule.title),
                    dict(rule.legal_reference), versions)


def find_rule(session: Session, key: str) -> RuleInfo | None:
    """The rule ``key`` with its versions, or None."""
    try:
        return _info(session, store.get_rule(session, key))
    except UnknownRule:
        return None


def get_rule(session: Session, key: str) -> RuleInfo:
    """The rule ``key`` with its versions, or :class:`UnknownRule` (404)."""
    return _info(session, store.get_rule(session, key))


def list_rules(session: Session) -> list[RuleInfo]:
    """Every rule, by procedure and case."""
    return [_info(session, rule) for rule in store.list_rules(session)]
