"""Building the SpiffWorkflow specs of a model version, with the called processes it
needs taken from the repository (their latest version, pinned by hash in the instance)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from lxml import etree
from SpiffWorkflow.spiff.parser.process import SpiffBpmnParser
from sqlalchemy.orm import Session

from eoffice.processing.models import ProcessModelVersion
from eoffice.processing.services.repository import get_latest_version


@dataclass
class Specs:
    """The specs to start an instance, the versions they come from and their user tasks."""

    spec: Any
    subprocess_specs: dict[str, Any]
    pins: dict[str, str] = field(default_factory=dict)
    user_tasks: dict[str, Any] = field(default_factory=dict)


def _add(parser: SpiffBpmnParser, row: ProcessModelVersion) -> None:
    secure = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    parser.add_bpmn_xml(etree.fromstring(row.bpmn.encode("utf-8"), secure),
                        filename=f"{row.key}@{row.version}.bpmn")
    for table in row.dmn:
        parser.add_dmn_xml(etree.fromstring(table.encode("utf-8"), secure))


def build_specs(session: Session, root: ProcessModelVersion) -> Specs:
    """Parse ``root`` and, transitively, the latest version of every process it calls."""
    parser = SpiffBpmnParser()
    _add(parser, root)
    pins = {root.key: root.sha256}
    user_tasks: dict[str, Any] = {}
    pending = list(root.calls)
    known = set(root.processes)
    while pending:
        called = pending.pop()
        if called in known:
            continue
        row = get_latest_version(session, called)
        _add(parser, row)
        pins[row.key] = row.sha256
        user_tasks.update(row.user_tasks)
        known.update(row.processes)
        pending.extend(row.calls)
    user_tasks.update(root.user_tasks)  # the root's own tasks win on a clash of ids
    return Specs(spec=parser.get_spec(root.key),
                 subprocess_specs=parser.get_subprocess_specs(root.key),
                 pins=pins, user_tasks=user_tasks)
