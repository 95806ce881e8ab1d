"""Publishing a draft of a fee rule: it must parse, read only fields the case's pinned
form has, pass every example, and not overlap another published version. An open
-ended version in force is closed the day before a later one starts, if that day is
not in the past (past quotes never change)."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy.orm import Session

from eoffice import audit, catalogue, forms
from eoffice.fees.errors import (
    ExampleFailed,
    FieldNotInForm,
    InvalidPeriod,
    OverlappingValidity,
    PublishedIsImmutable,
)
from eoffice.fees.errors import UnknownCase as UnknownFeeCase
from eoffice.fees.examples import content_sha256, run_examples
from eoffice.fees.models import FeeRule, FeeRuleVersion
from eoffice.fees.parsing import parse_schedule
from eoffice.fees.schedule import Schedule
from eoffice.fees.services.editing import check_content
from eoffice.fees.services.quoting import forget_timelines
from eoffice.fees.services.store import DRAFT, PUBLISHED, get_rule, get_version, list_versions
from eoffice.shared.clock import utcnow
from eoffice.shared.errors import DomainError, FieldError
from eoffice.shared.i18n import _
from eoffice.shared.localtime import local_today

log = logging.getLogger(__name__)


@dataclass
class Published:
    """What publication did: the version, versions closed to make room, warnings."""

    version: FeeRuleVersion
    closed: list[int] = field(default_factory=list)
    warnings: list[FieldError] = field(default_factory=list)


def _check_form(session: Session, rule: FeeRule, schedule: Schedule) -> list[FieldError]:
    try:
        case = catalogue.get_case(session, rule.procedure_code, rule.case_code)
    except (catalogue.UnknownProcedure, catalogue.UnknownCase) as exc:
        raise UnknownFeeCase() from exc
    if case.form is None:
        raise FieldNotInForm(_("The case has no form to read answers from."))
    known = forms.field_types(session, case.form.key, case.form.version)
    missing = [FieldError(f"definition/inputs/{item.name}", _(
        "The form %(form)s version %(version)s has no field “%(path)s”.",
        form=case.form.key, version=case.form.version, path=path), "fees.unknown_field")
        for item in schedule.inputs.values() for path in item.paths if path not in known]
    missing += [FieldError(f"definition/inputs/{item.name}", _(
        "“%(path)s” is not an address of the city in the form %(form)s version "
        "%(version)s: a street category is read from one.", path=item.paths[0],
        form=case.form.key, version=case.form.version), "fees.not_a_city_address")
        for item in schedule.inputs.values() if item.type == "street_category"
        and known.get(item.paths[0], "city_address") != "city_address"]
    if missing:
        raise FieldNotInForm(errors=missing)
    if not case.has_fee:
        return [FieldError("case", _("The catalogue says this case has no fee."),
                           "fees.case_without_fee")]
    return []


def _check_examples(schedule: Schedule, version: FeeRuleVersion, locale: str) -> None:
    results = run_examples(schedule, version.examples, locale)
    failed = [FieldError(f"examples/{index}", _(
        "Example “%(name)s”: expected %(expected)s, got %(actual)s.", name=result.name,
        expected=result.expected, actual=result.actual), "fees.example_failed")
        for index, result in enumerate(results) if not result.passed]
    if failed:
        names = ", ".join(f"“{r.name}”" for r in results if not r.passed)
        raise ExampleFailed(_("These examples fail: %(names)s.", names=names), errors=failed)


def _overlaps(start: date, end: date | None, other: FeeRuleVersion) -> bool:
    assert other.valid_from is not None
    return (end is None or other.valid_from <= end) and (
        other.valid_until is None or start <= other.valid_until)


def _make_room(versions: list[FeeRuleVersion], start: date, end: date | None,
               today: date) -> list[FeeRuleVersion]:
    """The open-ended versions to close the day before ``start``; refuses any overlap."""
    closing, clashes = [], []
    for other in versions:
        if not _overlaps(start, end, other):
            continue
        assert other.valid_from is not None
        if other.valid_until is None and other.valid_from < start and start > today:
            closing.append(other)
        else:
            clashes.append(other)
    if clashes:
        raise OverlappingValidity(errors=[FieldError("valid_from", _(
            "Version %(number)s is in force from %(start)s to %(end)s.",
            number=other.number, start=other.valid_from.isoformat() if other.valid_from else "",
            end=other.valid_until.isoformat() if other.valid_until else _("no end")),
            "fees.overlapping_validity") for other in clashes])
    return closing


def publish(session: Session, key: str, number: int, *, valid_from: date,
            valid_until: date | None = None, actor: str, locale: str = "es") -> Published:
    """Publish draft ``number`` of rule ``key``, in force from ``valid_from``; a refusal
    (logged) raises before anything is written."""
    try:
        return _publish(session, key, number, valid_from=valid_from,
                        valid_until=valid_until, actor=actor, locale=locale)
    except DomainError as exc:
        log.info("publication of fee rule %s version %s refused: %s %s", key, number,
                 exc.code, [(e.field, e.code) for e in exc.errors])
        raise


def _publish(session: Session, key: str, number: int, *, valid_from: date,
             valid_until: date | None, actor: str, locale: str) -> Published:
    rule = get_rule(session, key)
    version = get_version(session, rule, number)
    if version.state != DRAFT:
        raise PublishedIsImmutable()
    if valid_until is not None and valid_until < valid_from:
        raise InvalidPeriod(errors=[FieldError("valid_until", _(
            "The end of validity comes before its start."), "fees.invalid_period")])
    check_content(version.definition, version.examples)
    schedule, _problems = parse_schedule(version.definition)
    assert schedule is not None
    warnings = _check_form(session, rule, schedule)
    _check_examples(schedule, version, locale)
    published = [v for v in list_versions(session, rule) if v.state == PUBLISHED]
    closing = _make_room(published, valid_from, valid_until, local_today())
    for other in closing:
        other.valid_until = valid_from - timedelta(days=1)
    version.state, version.valid_from, version.valid_until = PUBLISHED, valid_from, valid_until
    version.content_sha256 = content_sha256(version.definition, version.examples)
    version.published_at, version.published_by = utcnow(), actor
    session.flush()
    forget_timelines(session)
    audit.record_event(session, "fees.version_published", actor=actor, object_type="fee_rule",
                       object_id=key, data={
                           "version": number, "valid_from": valid_from.isoformat(),
                           "valid_until": valid_until.isoformat() if valid_until else None,
                           "content_sha256": version.content_sha256,
                           "closed": {str(o.number): o.valid_until.isoformat()
                                      for o in closing if o.valid_until}})
    return Published(version, [o.number for o in closing], warnings)
