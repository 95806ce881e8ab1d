"""The calculator service: the rule version in force for a procedure case on a day,
applied to the answers, with the explanation in the citizen's language. Street
categories come from the street map (territory), never from the answers."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from flask_babel import force_locale
from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from eoffice import territory
from eoffice.fees.answers import CategoryOf
from eoffice.fees.errors import InvalidAnswers, InvalidRule, MissingAnswers, NoRule
from eoffice.fees.evaluate import Outcome, evaluate
from eoffice.fees.explain import explain
from eoffice.fees.models import FeeRule, FeeRuleVersion
from eoffice.fees.parsing import parse_schedule
from eoffice.fees.schedule import LANGUAGES, Schedule, text_in
from eoffice.fees.services.store import PUBLISHED
from eoffice.shared.localtime import local_today

_PARSED: dict[str, Schedule] = {}  # published content is immutable: keyed by its hash
_PARSED_LIMIT = 512


@dataclass(frozen=True)
class Quote:
    """A fee: the amount, its currency, the rule version applied and why."""

    amount: Decimal
    currency: str
    rule_key: str
    rule_version: int
    explanation: tuple[str, ...]
    valid_on: date
    legal_reference: str = ""


@dataclass(frozen=True)
class RuleInForce:
    key: str
    number: int
    content_sha256: str
    version_id: int
    legal_reference: Any = None


_TIMELINE = (
    select(FeeRuleVersion.valid_from, FeeRuleVersion.valid_until, FeeRule.key,
           FeeRuleVersion.number, FeeRuleVersion.content_sha256, FeeRuleVersion.id,
           FeeRule.legal_reference)
    .join(FeeRuleVersion, FeeRuleVersion.rule_id == FeeRule.id)
    .where(FeeRule.procedure_code == bindparam("procedure"),
           FeeRule.case_code == bindparam("case"), FeeRuleVersion.state == PUBLISHED)
    .order_by(FeeRuleVersion.valid_from.desc())
)
MEMO = "fees.timelines"


def forget_timelines(session: Session) -> None:
    """Drop what this session remembers of published periods (after a publication)."""
    session.info.pop(MEMO, None)


def _timeline(session: Session, procedure: str, case: str) -> list[Any]:
    """The published versions of the case's rule, latest start first; remembered for
    the rest of the session (one request, or one batch of quotes)."""
    memo: dict[tuple[str, str], list[Any]] = session.info.setdefault(MEMO, {})
    found = memo.get((procedure, case))
    if found is None:
        found = list(session.execute(_TIMELINE, {"procedure": procedure, "case": case}))
        memo[(procedure, case)] = found
    return found


def rule_in_force(session: Session, procedure: str, case: str,
                  on: date | None = None) -> RuleInForce | None:
    """The published version of the case's rule valid on ``on`` (default: today)."""
    day = on or local_today()
    for start, end, key, number, sha256, version_id, legal in _timeline(session, procedure,
                                                                        case):
        if start <= day and (end is None or day <= end):
            return RuleInForce(key, number, sha256 or "", version_id, legal)
    return None


def case_has_rule(session: Session, procedure: str, case: str, *, on: date | None = None) -> bool:
    """Whether a fee rule is in force for the case (today, or ``on``)."""
    return rule_in_force(session, procedure, case, on) is not None


def _schedule(session: Session, found: RuleInForce) -> Schedule:
    cached = _PARSED.get(found.content_sha256)
    if cached is not None:
        return cached
    definition = session.scalar(select(FeeRuleVersion.definition)
                                .where(FeeRuleVersion.id == found.version_id))
    schedule, problems = parse_schedule(definition)
    if schedule is None:  # pragma: no cover - published versions were checked
        raise InvalidRule(errors=problems)
    if len(_PARSED) >= _PARSED_LIMIT:
        _PARSED.clear()
    _PARSED[found.content_sha256] = schedule
    return schedule


def street_categories(session: Session) -> CategoryOf:
    """The street category of an address code, from the street map (territory): what a
    quote uses, whatever category the answers claim. Retired addresses still resolve
    (an application checked before an address was retired keeps its fee)."""
    def category_of(code: str) -> str | None:
        found = territory.find_address(session, code)
        return found.street_category if found is not None else None

    return category_of


def calculate(schedule: Schedule, answers: Mapping[str, Any], *, locale: str,
              category_of: CategoryOf | None = None) -> tuple[Outcome, list[str]]:
    """Apply a schedule (a draft's too) to answers: the outcome and its explanation.
    Without ``category_of``, street categories are the ones the answers state (examples,
    trying a draft)."""
    language = locale if locale in LANGUAGES else "es"
    try:
        outcome = evaluate(schedule, answers, locale=language, category_of=category_of)
    except (MissingAnswers, InvalidAnswers):
        with force_locale(language):  # the messages of the refusal, in that language
            evaluate(schedule, answers, locale=language, category_of=category_of)
        raise
    return outcome, explain(outcome, language)


def quote(session: Session, *, procedure: str, case: str, answers: Mapping[str, Any],
          on: date | None = None, locale: str = "es") -> Quote:
    """The fee of the case for ``answers`` under the rule in force on ``on`` (default:
    today in the city). :class:`NoRule` when none is; ``MissingAnswers`` and
    ``InvalidAnswers`` name the answers that prevent the calculation."""
    day = on or local_today()
    found = rule_in_force(session, procedure, case, day)
    if found is None:
        raise NoRule()
    schedule = _schedule(session, found)
    outcome, lines = calculate(schedule, answers, locale=locale,
                               category_of=street_categories(session))
    return Quote(amount=outcome.amount, currency=schedule.currency, rule_key=found.key,
                 rule_version=found.number, explanation=tuple(lines), valid_on=day,
                 legal_reference=legal_reference_text(found.legal_reference, locale))


def legal_reference_text(reference: Any, locale: str) -> str:
    """"Fiscal ordinance no. 12 …, art. 6.1.a" in ``locale``."""
    if not isinstance(reference, dict):
        return ""
    ordinance = text_in(reference.get("ordinance") or {}, locale)
    return ", ".join(part for part in (ordinance, str(reference.get("article") or "")) if part)


def needed_answers(session: Session, procedure: str, case: str,
                   on: date | None = None) -> list[str]:
    """The answer paths the rule in force reads (empty when there is no rule)."""
    found = rule_in_force(session, procedure, case, on)
    return sorted(_schedule(session, found).paths()) if found else []
