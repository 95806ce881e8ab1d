"""Finding fee rules and their versions (``get_*`` raise, ``find_*`` may return None)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice.fees.errors import UnknownRule, UnknownVersion
from eoffice.fees.models import FeeRule, FeeRuleVersion

DRAFT, PUBLISHED = "draft", "published"


def get_rule(session: Session, key: str) -> FeeRule:
    rule = session.scalar(select(FeeRule).where(FeeRule.key == key))
    if rule is None:
        raise UnknownRule()
    return rule


def find_rule_for_case(session: Session, procedure: str, case: str) -> FeeRule | None:
    return session.scalar(select(FeeRule).where(FeeRule.procedure_code == procedure,
                                                FeeRule.case_code == case))


def list_rules(session: Session) -> Sequence[FeeRule]:
    return session.scalars(select(FeeRule).order_by(FeeRule.procedure_code,
                                                    FeeRule.case_code)).all()


def list_versions(session: Session, rule: FeeRule) -> Sequence[FeeRuleVersion]:
    return session.scalars(select(FeeRuleVersion).where(FeeRuleVersion.rule_id == rule.id)
                           .order_by(FeeRuleVersion.number)).all()


def get_version(session: Session, rule: FeeRule, number: int) -> FeeRuleVersion:
    version = session.scalar(select(FeeRuleVersion).where(FeeRuleVersion.rule_id == rule.id,
                                                          FeeRuleVersion.number == number))
    if version is None:
        raise UnknownVersion()
    return version
