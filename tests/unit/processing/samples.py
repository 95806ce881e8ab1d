"""Small BPMN models for the processing tests, written out so each test reads as what it
uploads."""

from __future__ import annotations

from itertools import pairwise

HEAD = ('<?xml version="1.0" encoding="UTF-8"?>\n'
        '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" '
        'xmlns:spiffworkflow="http://spiffworkflow.org/bpmn/schema/1.0/core" '
        'id="Definitions_{key}" targetNamespace="http://eoffice.example/bpmn">\n')


def lane(lane_id: str, refs: list[str], *, unit: str | None = "URB",
         role: str | None = "clerk") -> str:
    props = ""
    if unit is not None:
        props += f'<spiffworkflow:property name="unit" value="{unit}"/>'
    if role is not None:
        props += f'<spiffworkflow:property name="role" value="{role}"/>'
    extension = (f"<bpmn:extensionElements><spiffworkflow:properties>{props}"
                 "</spiffworkflow:properties></bpmn:extensionElements>") if props else ""
    nodes = "".join(f"<bpmn:flowNodeRef>{ref}</bpmn:flowNodeRef>" for ref in refs)
    return f'<bpmn:lane id="{lane_id}" name="{lane_id}">{extension}{nodes}</bpmn:lane>'


def chain(key: str, steps: list[str], *, lanes: list[str] | None = None,
          start: bool = True, extra: str = "") -> bytes:
    """A process ``key``: start → each step (XML with id=...) → end, wired in order."""
    ids = [step.split('id="', 1)[1].split('"', 1)[0] for step in steps]
    nodes = (["StartEvent_start"] if start else []) + ids + ["EndEvent_end"]
    flows = "".join(
        f'<bpmn:sequenceFlow id="Flow_{n}" sourceRef="{a}" targetRef="{b}"/>'
        for n, (a, b) in enumerate(pairwise(nodes)))
    lane_set = (f'<bpmn:laneSet id="LaneSet_{key}">{"".join(lanes)}</bpmn:laneSet>'
                if lanes else "")
    start_xml = '<bpmn:startEvent id="StartEvent_start"/>' if start else ""
    body = (f'<bpmn:process id="{key}" isExecutable="true">{lane_set}{start_xml}'
            f'{"".join(steps)}<bpmn:endEvent id="EndEvent_end"/>{flows}</bpmn:process>')
    return (HEAD.format(key=key) + body + extra + "</bpmn:definitions>").encode()


def user_task(task_id: str, *, form: str | None = None) -> str:
    props = (f'<bpmn:extensionElements><spiffworkflow:properties><spiffworkflow:property '
             f'name="form" value="{form}"/></spiffworkflow:properties>'
             '</bpmn:extensionElements>') if form else ""
    return f'<bpmn:userTask id="{task_id}" name="{task_id}">{props}</bpmn:userTask>'


def script_task(task_id: str, script: str) -> str:
    return (f'<bpmn:scriptTask id="{task_id}"><bpmn:script>{script}</bpmn:script>'
            "</bpmn:scriptTask>")


def service_task(task_id: str, operator: str, params: dict[str, str]) -> str:
    parameters = "".join(
        f'<spiffworkflow:parameter id="{name}" type="any" value="{value}"/>'
        for name, value in params.items())
    return (f'<bpmn:serviceTask id="{task_id}"><bpmn:extensionElements>'
            f'<spiffworkflow:serviceTaskOperator id="{operator}" resultVariable="result">'
            f"<spiffworkflow:parameters>{parameters}</spiffworkflow:parameters>"
            "</spiffworkflow:serviceTaskOperator></bpmn:extensionElements>"
            "</bpmn:serviceTask>")


def call_activity(task_id: str, called: str) -> str:
    return f'<bpmn:callActivity id="{task_id}" calledElement="{called}"/>'


def timer_catch(event_id: str, duration: str) -> str:
    return (f'<bpmn:intermediateCatchEvent id="{event_id}"><bpmn:timerEventDefinition>'
            f"<bpmn:timeDuration>{duration}</bpmn:timeDuration></bpmn:timerEventDefinition>"
            "</bpmn:intermediateCatchEvent>")


def review_model(key: str = "test_review", *, unit: str = "URB") -> bytes:
    """One user task for the URB clerks, then a script."""
    return chain(key, [user_task("Task_review"), script_task("Task_after", "reviewed = True")],
                 lanes=[lane("Lane_clerks", ["StartEvent_start", "Task_review", "Task_after",
                                             "EndEvent_end"], unit=unit)])


def message_catch(event_id: str, message_id: str, variable: str) -> str:
    return (f'<bpmn:intermediateCatchEvent id="{event_id}">'
            f'<bpmn:messageEventDefinition messageRef="{message_id}">'
            f"<bpmn:extensionElements><spiffworkflow:messageVariable>{variable}"
            "</spiffworkflow:messageVariable></bpmn:extensionElements>"
            "</bpmn:messageEventDefinition></bpmn:intermediateCatchEvent>")


def message(message_id: str, name: str) -> str:
    return f'<bpmn:message id="{message_id}" name="{name}"/>'
