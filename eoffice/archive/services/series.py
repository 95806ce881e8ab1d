"""The retention schedule's series: listed by anyone who may use the archive, created and
changed by archivists only.

A series' code never changes. Changing its rule (period, trigger, action, sample,
confidentiality) recomputes the live records of the series in the same transaction and
gives its destroyed and historical ones (whose dates stay) its confidentiality; the
files already classified stay in their series when its procedure or case changes (the
classification is a fact of the transfer)."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice import audit
from eoffice.archive import topics
from eoffice.archive.domain import (
    Confidentiality,
    DispositionAction,
    RecordStatus,
    TriggerKind,
)
from eoffice.archive.errors import InvalidSeries, UnknownSeries
from eoffice.archive.models import Record, Series
from eoffice.archive.services.access import require_archivist
from eoffice.archive.services.retention import (
    KEY_PATTERN,
    compute,
    refuse_leaving_open_list,
)
from eoffice.identity import Principal
from eoffice.shared import outbox
from eoffice.shared.clock import utcnow
from eoffice.shared.errors import FieldError
from eoffice.shared.i18n import _

CODE_PATTERN = re.compile(r"^[A-Z0-9][A-Z0-9_.-]{0,49}$")
LANGUAGES = ("en", "es", "ca")
RULE_FIELDS = ("retention_years", "retention_months", "retention_days", "trigger",
               "trigger_field", "action", "sample_percent", "confidentiality")
#: Records whose dates a rule change recomputes; destroyed and historical ones keep
#: their dates (their history) but follow the series' confidentiality.
LIVE = (RecordStatus.ARCHIVED.value, RecordStatus.LISTED.value)


@dataclass
class SeriesRule:
    """What an archivist gives for a series (a form or an API body)."""

    code: str
    title: dict[str, str] = field(default_factory=dict)
    procedure_code: str | None = None
    case_code: str | None = None
    retention_years: int = 0
    retention_months: int = 0
    retention_days: int = 0
    trigger: str = TriggerKind.CLOSURE.value
    trigger_field: str | None = None
    action: str = DispositionAction.KEEP.value
    sample_percent: int | None = None
    confidentiality: str = Confidentiality.RESTRICTED.value

    @classmethod
    def of(cls, series: Series) -> SeriesRule:
        return cls(code=series.code, title=dict(series.title),
                   procedure_code=series.procedure_code, case_code=series.case_code,
                   retention_years=series.retention_years,
                   retention_months=series.retention_months,
                   retention_days=series.retention_days, trigger=series.trigger,
                   trigger_field=series.trigger_field, action=series.action,
                   sample_percent=series.sample_percent,
                   confidentiality=series.confidentiality)


def _blank(value: str | None) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _normalised(rule: SeriesRule) -> SeriesRule:
    title = {lang: text.strip() for lang, text in (rule.title or {}).items()
             if lang in LANGUAGES and isinstance(text, str) and text.strip()}
    trigger_field = _blank(rule.trigger_field)
    if rule.trigger != TriggerKind.METADATA.value:
        trigger_field = None
    percent = rule.sample_percent if rule.action == DispositionAction.SAMPLE.value else None
    return SeriesRule(
        code=(rule.code or "").strip().upper(), title=title,
        procedure_code=_blank(rule.procedure_code), case_code=_blank(rule.case_code),
        retention_years=rule.retention_years, retention_months=rule.retention_months,
        retention_days=rule.retention_days, trigger=rule.trigger,
        trigger_field=trigger_field, action=rule.action, sample_percent=percent,
        confidentiality=rule.confidentiality)


def _period_errors(rule: SeriesRule) -> list[FieldError]:
    return [FieldError(name, _("Give a whole number from 0 to 999."), "archive.invalid_period")
            for name in ("retention_years", "retention_months", "retention_days")
            if not isinstance(getattr(rule, name), int)
            or not 0 <= getattr(rule, name) <= 999]


def _trigger_errors(rule: SeriesRule) -> list[FieldError]:
    if rule.trigger not in {kind.value for kind in TriggerKind}:
        return [FieldError("trigger", _("Choose what the period counts from."),
                           "archive.invalid_trigger")]
    if rule.trigger == TriggerKind.METADATA.value and (
            not rule.trigger_field or not KEY_PATTERN.match(rule.trigger_field)):
        return [FieldError("trigger_field", _(
            "Name the date the period counts from (lower-case letters, digits and "
            "underscores)."), "archive.trigger_field_required")]
    return []


def _action_errors(rule: SeriesRule) -> list[FieldError]:
    if rule.action not in {action.value for action in DispositionAction}:
        return [FieldError("action", _("Choose what happens when the period ends."),
                           "archive.invalid_action")]
    periods = (rule.retention_years, rule.retention_months, rule.retention_days)
    if rule.action == DispositionAction.KEEP.value and any(
            isinstance(value, int) and value > 0 for value in periods):
        return [FieldError("action", _("Files kept permanently have no retention period."),
                           "archive.keep_with_period")]
    if rule.action == DispositionAction.SAMPLE.value and (
            not isinstance(rule.sample_percent, int) or not 1 <= rule.sample_percent <= 99):
        return [FieldError("sample_percent", _("Give the percentage kept, from 1 to 99."),
                           "archive.invalid_sample")]
    return []


def _rule_errors(rule: SeriesRule) -> list[FieldError]:
    errors: list[FieldError] = []
    if not CODE_PATTERN.match(rule.code):
        errors.append(FieldError("code", _(
            "Use capital letters, digits, dots, dashes or underscores."),
            "archive.invalid_code"))
    if not rule.title:
        errors.append(FieldError("title", _("Give the series a title."),
                                 "archive.title_required"))
    errors += _period_errors(rule) + _trigger_errors(rule) + _action_errors(rule)
    if rule.confidentiality not in {level.value for level in Confidentiality}:
        errors.append(FieldError("confidentiality", _(
            "Choose how confidential the series is."), "archive.invalid_confidentiality"))
    if rule.case_code and not rule.procedure_code:
        errors.append(FieldError("case_code", _(
            "A case belongs to a procedure: give the procedure too."),
            "archive.case_without_procedure"))
    return errors


def _covered_by(session: Session, rule: SeriesRule) -> Series | None:
    if not rule.procedure_code:
        return None
    statement = select(Series).where(Series.procedure_code == rule.procedure_code,
                                     Series.code != rule.code)
    statement = statement.where(Series.case_code.is_(None) if rule.case_code is None
                                else Series.case_code == rule.case_code)
    return session.scalars(statement).first()


def validated(session: Session, rule: SeriesRule, *, creating: bool) -> SeriesRule:
    """``rule`` cleaned, or InvalidSeries (422) with every field error."""
    rule = _normalised(rule)
    errors = _rule_errors(rule)
    if creating and CODE_PATTERN.match(rule.code) and session.scalar(
            select(Series.id).where(Series.code == rule.code)) is not None:
        errors.append(FieldError("code", _("There is already a series with this code."),
                                 "archive.duplicate_series"))
    other = _covered_by(session, rule)
    if other is not None:
        errors.append(FieldError("procedure_code", _(
            "The series %(code)s already covers this procedure and case.", code=other.code),
            "archive.already_covered"))
    if errors:
        raise InvalidSeries(errors=errors)
    return rule


def list_series(session: Session) -> list[Series]:
    """Every series, by code."""
    return list(session.scalars(select(Series).order_by(Series.code)))


def get_series(session: Session, code: str) -> Series:
    series = session.scalar(select(Series).where(Series.code == code))
    if series is None:
        raise UnknownSeries()
    return series


def _store(session: Session, rule: SeriesRule) -> Series:
    now = utcnow()
    series = Series(code=rule.code, title=rule.title, procedure_code=rule.procedure_code,
                    case_code=rule.case_code, retention_years=rule.retention_years,
                    retention_months=rule.retention_months,
                    retention_days=rule.retention_days, trigger=rule.trigger,
                    trigger_field=rule.trigger_field, action=rule.action,
                    sample_percent=rule.sample_percent,
                    confidentiality=rule.confidentiality, created_at=now, updated_at=now)
    session.add(series)
    session.flush()
    return series


def create_series(session: Session, rule: SeriesRule, *, principal: Principal) -> Series:
    """A new series (archivists only); InvalidSeries changes nothing."""
    require_archivist(principal)
    rule = validated(session, rule, creating=True)
    series = _store(session, rule)
    audit.record_event(session, "archive.series_created", actor=principal.login,
                       object_type="archive_series", object_id=series.code,
                       data=asdict(rule))
    return series


def recompute_records(session: Session, series: Series) -> tuple[int, int]:
    """Recompute trigger and retention dates of the live records of ``series``
    (refusing, DisposalListClosed, when one would leave an open destruction list) and
    give every other record of it (destroyed, historical: their dates stay) the
    series' confidentiality; each changed record is re-indexed. How many were
    recomputed, and how many of the others changed confidentiality."""
    records = session.scalars(select(Record).where(Record.series_code == series.code)
                              .order_by(Record.id)).all()
    recomputed = reclassified = 0
    for record in records:
        if record.status in LIVE:
            compute(series, record)
            refuse_leaving_open_list(session, record)
            recomputed += 1
        elif record.confidentiality != series.confidentiality:
            record.confidentiality = series.confidentiality
            reclassified += 1
        else:
            continue
        outbox.enqueue(session, topics.INDEX_TOPIC, {"record_id": record.id})
    return recomputed, reclassified


def update_series(session: Session, code: str, rule: SeriesRule, *,
                  principal: Principal) -> Series:
    """Change series ``code`` (its code stays); a rule change recomputes its records."""
    require_archivist(principal)
    series = get_series(session, code)
    rule = validated(session, SeriesRule(**{**asdict(rule), "code": series.code}),
                     creating=False)
    before = asdict(SeriesRule.of(series))
    for name, value in asdict(rule).items():
        if name != "code" and getattr(series, name) != value:
            setattr(series, name, value)
    series.updated_at = utcnow()
    after = asdict(SeriesRule.of(series))
    changed_rule = any(before[name] != after[name] for name in RULE_FIELDS)
    recomputed, reclassified = recompute_records(session, series) if changed_rule \
        else (0, 0)
    audit.record_event(session, "archive.series_changed", actor=principal.login,
                       object_type="archive_series", object_id=series.code,
                       data={"before": before, "after": after, "recomputed": recomputed,
                             "confidentiality_changed": reclassified})
    return series


def load_series(session: Session, rows: list[dict[str, Any]]) -> int:
    """Create the series of ``rows`` that do not exist yet (the demo, a first load);
    how many it created. Existing series are left as they are."""
    created = 0
    for row in rows:
        rule = SeriesRule(**row)
        if session.scalar(select(Series.id).where(Series.code == rule.code.upper())):
            continue
        _store(session, validated(session, rule, creating=True))
        created += 1
    return created
