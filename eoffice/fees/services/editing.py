"""Editing fee rules: create a rule for a procedure case with its first draft, save a
draft, start the next draft from the latest version. A definition that does not
parse, or examples that are malformed, change nothing. Every change is audited."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from eoffice import audit, catalogue
from eoffice.fees.errors import DraftExists, InvalidRule, PublishedIsImmutable, RuleExists
from eoffice.fees.errors import UnknownCase as UnknownFeeCase
from eoffice.fees.examples import check_examples
from eoffice.fees.models import FeeRule, FeeRuleVersion
from eoffice.fees.parsing import KEY, parse_schedule
from eoffice.fees.problems import Problems
from eoffice.fees.services.store import DRAFT, get_rule, get_version, list_versions
from eoffice.shared.clock import utcnow
from eoffice.shared.errors import FieldError
from eoffice.shared.i18n import _

log = logging.getLogger(__name__)


def check_content(definition: Any, examples: Any) -> None:
    """Refuse a definition that does not parse or examples that are malformed,
    naming each place (``definition/charges/0/base/rate``, ``examples/1/expected``)."""
    _schedule, found = parse_schedule(definition)
    problems = [FieldError(f"definition{p.field}", p.message, p.code) for p in found]
    problems += [FieldError(p.field.lstrip("/"), p.message, p.code)
                 for p in check_examples(examples)]
    if problems:
        log.info("fee rule refused: %s", [(p.field, p.code) for p in problems])
        raise InvalidRule(errors=problems)


def _check_header(session: Session, key: str, procedure: str, case: str,
                  title: Any, legal_reference: Any) -> None:
    problems = Problems()
    if not KEY.match(key):
        problems.add("key", _("Give a snake_case key."), "fees.bad_key")
    problems.texts(title, "title")
    if not problems.shaped(legal_reference, "legal_reference", {"ordinance", "article", "url"}):
        raise InvalidRule(errors=problems.found)
    problems.texts(legal_reference.get("ordinance"), "legal_reference/ordinance")
    if not isinstance(legal_reference.get("article"), str) or not legal_reference["article"]:
        problems.add("legal_reference/article", _("Name the article of the ordinance."),
                     "fees.missing_property")
    if problems.found:
        raise InvalidRule(errors=[FieldError(p.field.replace("/", "."), p.message, p.code)
                                  for p in problems.found])
    try:
        catalogue.get_case(session, procedure, case)
    except (catalogue.UnknownProcedure, catalogue.UnknownCase) as exc:
        raise UnknownFeeCase(errors=[FieldError("case", _(
            "The catalogue has no published case “%(case)s” of “%(procedure)s”.",
            case=case, procedure=procedure), "unknown_case")]) from exc


@dataclass(frozen=True)
class NewRule:
    """What names a new rule: its permanent key, its case, title and legal reference
    (``{"ordinance": {es, ca, en}, "article": "art. 6.1.a", "url": None}``)."""

    key: str
    procedure: str
    case: str
    title: dict[str, str]
    legal_reference: dict[str, Any]


def create_rule(session: Session, rule: NewRule, *, definition: Any, examples: Any,
                actor: str) -> FeeRuleVersion:
    """A new rule for a published procedure case, with draft 1."""
    key, procedure, case = rule.key, rule.procedure, rule.case
    title, legal_reference = rule.title, rule.legal_reference
    _check_header(session, key, procedure, case, title, legal_reference)
    check_content(definition, examples)
    taken = session.scalar(select(func.count(FeeRule.id)).where(
        (FeeRule.key == key) | ((FeeRule.procedure_code == procedure)
                                & (FeeRule.case_code == case))))
    if taken:
        raise RuleExists()
    now = utcnow()
    row = FeeRule(key=key, procedure_code=procedure, case_code=case, title=title,
                  legal_reference=legal_reference, created_at=now, created_by=actor)
    session.add(row)
    session.flush()
    version = _new_version(session, row, 1, definition, examples, actor)
    audit.record_event(session, "fees.rule_created", actor=actor, object_type="fee_rule",
                       object_id=key, data={"procedure": procedure, "case": case})
    return version


def _new_version(session: Session, rule: FeeRule, number: int, definition: Any,
                 examples: Any, actor: str) -> FeeRuleVersion:
    now = utcnow()
    version = FeeRuleVersion(rule_id=rule.id, number=number, state=DRAFT,
                             definition=definition, examples=examples or [],
                             created_at=now, created_by=actor, updated_at=now, updated_by=actor)
    session.add(version)
    session.flush()
    return version


def save_draft(session: Session, key: str, number: int, *, definition: Any, examples: Any,
               actor: str) -> FeeRuleVersion:
    """Replace the definition and examples of a draft; a published version is refused."""
    version = get_version(session, get_rule(session, key), number)
    if version.state != DRAFT:
        raise PublishedIsImmutable()
    check_content(definition, examples)
    version.definition, version.examples = definition, examples or []
    version.updated_at, version.updated_by = utcnow(), actor
    session.flush()
    audit.record_event(session, "fees.draft_saved", actor=actor, object_type="fee_rule",
                       object_id=key, data={"version": number})
    return version


def start_draft(session: Session, key: str, *, actor: str) -> FeeRuleVersion:
    """The next draft, a copy of the latest version; refused while a draft exists."""
    rule = get_rule(session, key)
    versions = list_versions(session, rule)
    if any(v.state == DRAFT for v in versions):
        raise DraftExists()
    latest = versions[-1]
    version = _new_version(session, rule, latest.number + 1, latest.definition,
                           latest.examples, actor)
    audit.record_event(session, "fees.draft_started", actor=actor, object_type="fee_rule",
                       object_id=key, data={"version": version.number})
    return version
