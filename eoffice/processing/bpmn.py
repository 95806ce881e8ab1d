"""Reading an uploaded BPMN 2.0 model: what it contains and what is wrong with it, by
element id, before anything is stored (pure: the repository gives what it knows).

Conventions of eoffice models (docs/contexts/processing.md):

- The model's *key* is the id of its first executable process (``isExecutable="true"``,
  else the first process). Other processes of the file are callable from it.
- A *lane* maps to a unit and a role with spiff extension properties on the lane:
  ``<spiffworkflow:property name="unit" value="URB"/>`` (a unit code) or
  ``value="=report_unit"`` (an expression on the process data, evaluated when the task
  opens), and ``<spiffworkflow:property name="role" value="clerk"/>`` (a role key).
  Every user task lies in a lane.
- A user task's form: property ``form`` = ``"<form key>@<version>"`` (a published form);
  a task without one may declare the few values it takes: property ``fields``
  (:mod:`eoffice.processing.task_fields`).
- A service task names an operator of the catalogue (:mod:`eoffice.processing.operators`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from eoffice.processing.flow_loops import endless_loops
from eoffice.processing.operators import Catalogue
from eoffice.processing.scripting import ScriptRefused, check_expression, parse_script
from eoffice.processing.task_fields import declaration_problem

BPMN_NS = "http://www.omg.org/spec/BPMN/20100524/MODEL"
SPIFF_NS = "http://spiffworkflow.org/bpmn/schema/1.0/core"
NS = {"bpmn": BPMN_NS, "spiffworkflow": SPIFF_NS}
FORM_REF = re.compile(r"^([a-z][a-z0-9_]*)@([1-9][0-9]{0,4})$")
TIMER_TAGS = ("timeDuration", "timeDate", "timeCycle")


@dataclass(frozen=True)
class Problem:
    """What is wrong, and where: an element id (or ``file``)."""

    element: str
    message: str
    code: str


@dataclass(frozen=True)
class Known:
    """What the repository and the other contexts know, for the checks."""

    unit_exists: Callable[[str], bool]
    role_exists: Callable[[str], bool]
    form_exists: Callable[[str, int], bool]
    process_exists: Callable[[str], bool]
    catalogue: Catalogue


@dataclass
class Inspection:
    """What a model contains, and its problems (none: it may be stored)."""

    key: str = ""
    processes: list[str] = field(default_factory=list)
    calls: list[str] = field(default_factory=list)
    user_tasks: dict[str, dict[str, Any]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def add(self, element: str, message: str, code: str) -> None:
        self.problems.append(Problem(element or "file", message, code))


def parse_document(content: bytes, inspection: Inspection, element: str = "file") -> Any | None:
    """The XML tree, or None with a problem: entities are never resolved, nothing is
    fetched, and a document type declaration (where entities live) is refused."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             remove_comments=True)
    try:
        root = etree.fromstring(content, parser)
    except etree.XMLSyntaxError as exc:
        inspection.add(element, f"not well-formed XML: {exc}", "processing.malformed_xml")
        return None
    if root.getroottree().docinfo.doctype:
        inspection.add(element, "a document type declaration (<!DOCTYPE>) is not allowed",
                       "processing.doctype_refused")
        return None
    return root


def parse_xml(content: bytes, inspection: Inspection) -> Any | None:
    """The BPMN tree, or None with a problem (see :func:`parse_document`)."""
    root = parse_document(content, inspection)
    if root is None:
        return None
    if root.tag != f"{{{BPMN_NS}}}definitions":
        inspection.add("file", "not a BPMN 2.0 document (bpmn:definitions expected)",
                       "processing.not_bpmn")
        return None
    return root


def _properties(node: Any) -> dict[str, str]:
    found = node.xpath("./bpmn:extensionElements/spiffworkflow:properties/"
                       "spiffworkflow:property", namespaces=NS)
    return {prop.get("name", ""): prop.get("value", "") for prop in found}


def _lanes_of(process: Any, inspection: Inspection, known: Known) -> dict[str, dict[str, str]]:
    """Node id → lane (id, name, unit, role), checking each lane's mapping."""
    by_node: dict[str, dict[str, str]] = {}
    for lane in process.xpath(".//bpmn:lane", namespaces=NS):
        lane_id = lane.get("id", "")
        props = _properties(lane)
        unit, role = props.get("unit", "").strip(), props.get("role", "").strip()
        if not unit or not role:
            inspection.add(lane_id, "the lane has no unit and role: add the spiffworkflow "
                           "properties 'unit' and 'role'", "processing.unmapped_lane")
            continue
        if unit.startswith("="):
            _check_expression(unit[1:], lane_id, inspection)
        elif not known.unit_exists(unit):
            inspection.add(lane_id, f"there is no unit {unit!r}", "processing.unknown_unit")
        if not known.role_exists(role):
            inspection.add(lane_id, f"there is no role {role!r}", "processing.unknown_role")
        mapping = {"lane": lane_id, "lane_name": lane.get("name", ""), "unit": unit,
                   "role": role}
        for ref in lane.xpath("./bpmn:flowNodeRef", namespaces=NS):
            by_node[(ref.text or "").strip()] = mapping
    return by_node


def _check_expression(expression: str, element: str, inspection: Inspection) -> None:
    try:
        check_expression(expression)
    except ScriptRefused as exc:
        inspection.add(element, f"{exc} in {expression[:80]!r}", "processing.script_refused")


def _check_script(script: str, element: str, inspection: Inspection) -> None:
    try:
        parse_script(script)
    except ScriptRefused as exc:
        inspection.add(element, str(exc), "processing.script_refused")


def _lane_for(task: Any, lanes: dict[str, dict[str, str]]) -> dict[str, str] | None:
    """The lane of a node: its own, or that of the sub-process around it."""
    node = task
    while node is not None:
        lane = lanes.get(node.get("id", ""))
        if lane is not None:
            return lane
        node = node.getparent()
    return None


def _user_tasks(process: Any, lanes: dict[str, dict[str, str]], inspection: Inspection,
                known: Known) -> None:
    for task in process.xpath(".//bpmn:userTask", namespaces=NS):
        task_id = task.get("id", "")
        lane = _lane_for(task, lanes)
        if lane is None:
            inspection.add(task_id, "the user task is not in a lane mapped to a unit and "
                           "role", "processing.task_without_lane")
            continue
        props = _properties(task)
        form = props.get("form", "").strip() or None
        fields = props.get("fields", "").strip() or None
        problem = declaration_problem(fields)
        if problem is not None:
            inspection.add(task_id, f"fields: {problem}", "processing.bad_fields")
        if form is not None:
            match = FORM_REF.match(form)
            if not match:
                inspection.add(task_id, f"form {form!r} is not '<key>@<version>'",
                               "processing.unknown_form")
            elif not known.form_exists(match.group(1), int(match.group(2))):
                inspection.add(task_id, f"there is no published form {form!r}",
                               "processing.unknown_form")
        inspection.user_tasks[task_id] = {"name": task.get("name") or task_id, **lane,
                                          "form": form, "fields": fields}


def _service_tasks(process: Any, inspection: Inspection, known: Known) -> None:
    for task in process.xpath(".//bpmn:serviceTask", namespaces=NS):
        task_id = task.get("id", "")
        found = task.xpath("./bpmn:extensionElements/spiffworkflow:serviceTaskOperator",
                           namespaces=NS)
        if not found:
            inspection.add(task_id, "the service task names no operator",
                           "processing.unknown_operator")
            continue
        name = found[0].get("id", "")
        operator = known.catalogue.get(name)
        if operator is None:
            inspection.add(task_id, f"unknown operator {name!r} (known: "
                           f"{', '.join(known.catalogue.names())})",
                           "processing.unknown_operator")
            continue
        params = found[0].xpath(".//spiffworkflow:parameter", namespaces=NS)
        for message in operator.check_params({p.get("id", "") for p in params}):
            inspection.add(task_id, message, "processing.operator_parameters")
        for param in params:
            _check_expression(param.get("value", ""), task_id, inspection)


def _scripts_and_expressions(process: Any, inspection: Inspection) -> None:
    for task in process.xpath(".//bpmn:scriptTask", namespaces=NS):
        body = task.xpath("./bpmn:script", namespaces=NS)
        _check_script(body[0].text or "" if body else "", task.get("id", ""), inspection)
    for node in process.xpath(".//spiffworkflow:preScript | .//spiffworkflow:postScript",
                              namespaces=NS):
        owner = node.getparent().getparent()
        _check_script(node.text or "", owner.get("id", ""), inspection)
    for flow in process.xpath(".//bpmn:sequenceFlow[bpmn:conditionExpression]",
                              namespaces=NS):
        text = flow.xpath("./bpmn:conditionExpression", namespaces=NS)[0].text or ""
        _check_expression(text, flow.get("id", ""), inspection)
    for node in process.xpath("//spiffworkflow:messagePayload", namespaces=NS):
        _check_expression(node.text or "", "message", inspection)
    for tag in TIMER_TAGS:
        for node in process.xpath(f".//bpmn:{tag}", namespaces=NS):
            owner = node.getparent().getparent()
            _check_expression(node.text or "", owner.get("id", ""), inspection)


def _call_activities(process: Any, inspection: Inspection, known: Known,
                     local: Iterable[str]) -> None:
    for call in process.xpath(".//bpmn:callActivity", namespaces=NS):
        called = call.get("calledElement", "")
        if called not in local and not known.process_exists(called):
            inspection.add(call.get("id", ""), f"the called process {called!r} is neither in "
                           "this file nor in the repository", "processing.missing_process")
        elif called not in inspection.calls:
            inspection.calls.append(called)


def _names(ids: tuple[str, ...], most: int = 8) -> str:
    shown = ", ".join(ids[:most])
    return shown + (f" and {len(ids) - most} more" if len(ids) > most else "")


def _endless_loops(root: Any, inspection: Inspection) -> None:
    for loop in endless_loops(root):
        inspection.add(loop.flows[0], f"the sequence flows {_names(loop.flows)} go round "
                       f"{_names(loop.elements)} with no exclusive, inclusive or event-based "
                       "gateway on the way, so nothing decides when to leave: the engine "
                       "would follow them for ever. Add a gateway with a condition to leave "
                       "the loop, or remove one of these flows",
                       "processing.endless_loop")


def inspect_model(root: Any, inspection: Inspection, known: Known) -> None:
    """Fill ``inspection`` from the BPMN tree ``root``."""
    processes = root.xpath("./bpmn:process", namespaces=NS)
    inspection.processes = [p.get("id", "") for p in processes]
    if not processes:
        inspection.add("file", "the model has no process", "processing.no_process")
        return
    executable = [p for p in processes if p.get("isExecutable") == "true"]
    inspection.key = (executable or processes)[0].get("id", "")
    for process in processes:
        process_id = process.get("id", "")
        if not process.xpath("./bpmn:startEvent", namespaces=NS):
            inspection.add(process_id, "the process has no start event",
                           "processing.no_start_event")
        lanes = _lanes_of(process, inspection, known)
        _user_tasks(process, lanes, inspection, known)
        _service_tasks(process, inspection, known)
        _scripts_and_expressions(process, inspection)
        _call_activities(process, inspection, known, inspection.processes)
    _endless_loops(root, inspection)
