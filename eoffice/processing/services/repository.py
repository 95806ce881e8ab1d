"""The model repository: validating and deploying BPMN models as immutable versions by
content hash, loading the product's own models (``workflows/``), and building the
SpiffWorkflow specs of a version with the called processes it needs (pinned by hash)."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree
from SpiffWorkflow.bpmn.parser.ValidationException import ValidationException
from SpiffWorkflow.bpmn.workflow import BpmnWorkflow
from SpiffWorkflow.exceptions import SpiffWorkflowException
from SpiffWorkflow.spiff.parser.process import SpiffBpmnParser
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from eoffice import audit, forms, identity
from eoffice.processing.bpmn import Inspection, Known, inspect_model, parse_xml
from eoffice.processing.decision_tables import inspect_tables, read_tables
from eoffice.processing.errors import InvalidModel, UnknownModel
from eoffice.processing.models import ModelStatus, ProcessModelVersion
from eoffice.processing.operators import CATALOGUE
from eoffice.shared.clock import utcnow
from eoffice.shared.errors import FieldError

MAX_MODEL_BYTES = 2 * 1024 * 1024
ROLE_KEYS = frozenset(key for key, _names, _permissions in identity.STANDARD_ROLES)


@dataclass(frozen=True)
class Deployed:
    key: str
    version: int
    sha256: str
    created: bool


def content_sha256(bpmn: bytes, dmn: Sequence[bytes] = ()) -> str:
    digest = hashlib.sha256(bpmn)
    for table in dmn:
        digest.update(b"\0dmn\0" + table)
    return digest.hexdigest()


def latest_version(session: Session, key: str) -> ProcessModelVersion | None:
    return session.scalars(
        select(ProcessModelVersion)
        .where(ProcessModelVersion.key == key,
               ProcessModelVersion.status == ModelStatus.PUBLISHED)
        .order_by(ProcessModelVersion.version.desc()).limit(1)
    ).first()


def get_latest_version(session: Session, key: str) -> ProcessModelVersion:
    row = latest_version(session, key)
    if row is None:
        raise UnknownModel(f"no process model {key!r}")
    return row


def _known(session: Session) -> Known:
    units: dict[str, bool] = {}

    def unit_exists(code: str) -> bool:
        if code not in units:
            units[code] = bool(identity.list_units(session, codes={code}, locale="en"))
        return units[code]

    return Known(
        unit_exists=unit_exists,
        role_exists=ROLE_KEYS.__contains__,
        form_exists=lambda key, version: forms.form_exists(session, key, version),
        process_exists=lambda key: latest_version(session, key) is not None,
        catalogue=CATALOGUE,
    )


def _spiff_problems(root: Any, dmn: Sequence[Any], inspection: Inspection) -> None:
    """What SpiffWorkflow's own parser refuses (gateways, events, DMN...), and a process
    it cannot lay out when an instance starts (a recursion without end)."""
    parser = SpiffBpmnParser()
    try:
        parser.add_bpmn_xml(root, filename=f"{inspection.key}.bpmn")
        for table in dmn:
            parser.add_dmn_xml(table)
        for process_id in inspection.processes:
            parser.get_spec(process_id)
        BpmnWorkflow(parser.get_spec(inspection.key))  # what starting an instance does first
    except ValidationException as exc:
        inspection.add(exc.id or inspection.key, str(exc).split("\n")[0][:300],
                       "processing.invalid_bpmn")
    except RecursionError:
        inspection.add(inspection.key, "the engine goes round without end laying out the "
                       "process (a loop or a nesting it cannot follow): an instance could "
                       "not start", "processing.invalid_bpmn")
    except (SpiffWorkflowException, ValueError, LookupError, TypeError,
            etree.LxmlError) as exc:
        inspection.add("file", f"{type(exc).__name__}: {str(exc)[:300]}",
                       "processing.invalid_bpmn")


def check_model(session: Session, bpmn: bytes, dmn: Sequence[bytes] = ()) -> Inspection:
    """Every problem of a model (nothing stored); ``problems`` empty: it may be deployed."""
    inspection = Inspection()
    if len(bpmn) > MAX_MODEL_BYTES:
        inspection.add("file", f"the model is larger than {MAX_MODEL_BYTES} bytes",
                       "processing.model_too_large")
        return inspection
    for name, content in (("file", bpmn), *((f"dmn[{i}]", t) for i, t in enumerate(dmn))):
        try:
            content.decode("utf-8")
        except UnicodeDecodeError:
            inspection.add(name, "the model is not UTF-8 text: save it as UTF-8",
                           "processing.not_utf8")
    if inspection.problems:
        return inspection
    root = parse_xml(bpmn, inspection)
    tables = read_tables(dmn, inspection)
    if root is None or inspection.problems:
        return inspection
    inspect_model(root, inspection, _known(session))
    inspect_tables(tables, inspection)
    if not inspection.problems:
        _spiff_problems(root, tables, inspection)
    return inspection


def deploy_model(session: Session, bpmn: bytes, *, dmn: Sequence[bytes] = (), actor: str,
                 source: str = "upload") -> Deployed:
    """Validate and store a model: the same content again is the same version; a new
    content of the same key is the next version. :class:`InvalidModel` lists problems."""
    inspection = check_model(session, bpmn, dmn)
    if inspection.problems:
        raise InvalidModel(errors=[FieldError(p.element, p.message, p.code)
                                   for p in inspection.problems])
    sha256 = content_sha256(bpmn, dmn)
    existing = session.scalars(
        select(ProcessModelVersion).where(ProcessModelVersion.sha256 == sha256)).first()
    if existing is not None:
        return Deployed(existing.key, existing.version, sha256, created=False)
    last = session.scalar(select(func.max(ProcessModelVersion.version))
                          .where(ProcessModelVersion.key == inspection.key)) or 0
    row = ProcessModelVersion(
        key=inspection.key, version=last + 1, sha256=sha256, bpmn=bpmn.decode("utf-8"),
        dmn=[table.decode("utf-8") for table in dmn], processes=inspection.processes,
        calls=inspection.calls, user_tasks=inspection.user_tasks, source=source,
        status=ModelStatus.PUBLISHED, created_by=actor, created_at=utcnow())
    session.add(row)
    session.flush()
    audit.record_event(session, "processing.model_deployed", actor=actor,
                       object_type="process_model", object_id=f"{row.key}/{row.version}",
                       data={"sha256": sha256, "source": source})
    return Deployed(row.key, row.version, sha256, created=True)


@dataclass
class SyncReport:
    """What loading the product's models did, by file."""

    created: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)


def sync_product_models(session: Session, folder: Path | str, *,
                        actor: str = "system") -> SyncReport:
    """Deploy every ``*.bpmn`` under ``folder`` (with the ``*.dmn`` of the same name),
    called processes first; loading again changes nothing. :class:`InvalidModel` names
    ``<file>#<element>`` for every problem."""
    pending = sorted(Path(folder).rglob("*.bpmn"))
    report = SyncReport()
    while pending:
        failures: list[tuple[Path, InvalidModel]] = []
        for path in pending:
            dmn_path = path.with_suffix(".dmn")
            dmn = [dmn_path.read_bytes()] if dmn_path.exists() else []
            try:
                with session.begin_nested():
                    done = deploy_model(session, path.read_bytes(), dmn=dmn, actor=actor,
                                        source="file")
            except InvalidModel as exc:
                failures.append((path, exc))
                continue
            (report.created if done.created else report.unchanged).append(path.name)
        if len(failures) == len(pending):
            raise InvalidModel(errors=[
                FieldError(f"{path.relative_to(folder)}#{error.field}", error.message,
                           error.code)
                for path, exc in failures for error in exc.errors])
        pending = [path for path, _ in failures]
    return report
