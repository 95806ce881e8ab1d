"""BPMN models for the tests of the saved process state (test_state_pruning.py): each
loops or waits in the way that reads SpiffWorkflow's task tree (joins, timers, messages,
called processes, multi-instance tasks), written out so a test reads as what it runs."""

from __future__ import annotations

HEAD = ('<?xml version="1.0" encoding="UTF-8"?>\n'
        '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" '
        'xmlns:spiffworkflow="http://spiffworkflow.org/bpmn/schema/1.0/core" '
        'id="Definitions_state" targetNamespace="http://eoffice.example/bpmn">\n')
TAIL = "</bpmn:definitions>"


def flow(flow_id: str, source: str, target: str, condition: str | None = None) -> str:
    if condition is None:
        return f'<bpmn:sequenceFlow id="{flow_id}" sourceRef="{source}" targetRef="{target}"/>'
    return (f'<bpmn:sequenceFlow id="{flow_id}" sourceRef="{source}" targetRef="{target}">'
            f"<bpmn:conditionExpression>{condition}</bpmn:conditionExpression>"
            "</bpmn:sequenceFlow>")


def script(task_id: str, *lines: str) -> str:
    body = "\n".join(lines)
    return f'<bpmn:scriptTask id="{task_id}"><bpmn:script>{body}\n</bpmn:script></bpmn:scriptTask>'


def process(key: str, *elements: str) -> str:
    return f'<bpmn:process id="{key}" isExecutable="true">{"".join(elements)}</bpmn:process>'


USER_LOOP = HEAD + process(
    "review_loop",
    '<bpmn:startEvent id="StartEvent_start"/>',
    script("Task_count", 'count = get(data, "count", 0) + 1'),
    '<bpmn:userTask id="Task_review"/>',
    '<bpmn:exclusiveGateway id="Gateway_again" default="Flow_end"/>',
    '<bpmn:endEvent id="EndEvent_end"/>',
    flow("Flow_1", "StartEvent_start", "Task_count"),
    flow("Flow_2", "Task_count", "Task_review"),
    flow("Flow_3", "Task_review", "Gateway_again"),
    flow("Flow_again", "Gateway_again", "Task_count", "count &lt; limit"),
    flow("Flow_end", "Gateway_again", "EndEvent_end"),
) + TAIL

PARALLEL_LOOP = HEAD + process(
    "three_reports",
    '<bpmn:startEvent id="StartEvent_start"/>',
    '<bpmn:parallelGateway id="Gateway_split"/>',
    '<bpmn:userTask id="Task_A"/><bpmn:userTask id="Task_B"/><bpmn:userTask id="Task_C"/>',
    '<bpmn:parallelGateway id="Gateway_join"/>',
    script("Task_round", 'rounds = get(data, "rounds", 0) + 1'),
    '<bpmn:exclusiveGateway id="Gateway_again" default="Flow_end"/>',
    '<bpmn:endEvent id="EndEvent_end"/>',
    flow("Flow_start", "StartEvent_start", "Gateway_split"),
    *(flow(f"Flow_to_{b}", "Gateway_split", f"Task_{b}") for b in "ABC"),
    *(flow(f"Flow_from_{b}", f"Task_{b}", "Gateway_join") for b in "ABC"),
    flow("Flow_joined", "Gateway_join", "Task_round"),
    flow("Flow_round", "Task_round", "Gateway_again"),
    flow("Flow_again", "Gateway_again", "Gateway_split", "rounds &lt; 2"),
    flow("Flow_end", "Gateway_again", "EndEvent_end"),
) + TAIL

INCLUSIVE = HEAD + process(
    "some_reports",
    '<bpmn:startEvent id="StartEvent_start"/>',
    '<bpmn:inclusiveGateway id="Gateway_ask" default="Flow_none"/>',
    '<bpmn:userTask id="Task_police"/><bpmn:userTask id="Task_urbanism"/>',
    '<bpmn:userTask id="Task_fire"/>',
    '<bpmn:inclusiveGateway id="Gateway_gather"/>',
    script("Task_verdict", 'verdict = get(data, "police", "-") + "/" + get(data, "urbanism", "-")'),
    '<bpmn:endEvent id="EndEvent_end"/>',
    flow("Flow_start", "StartEvent_start", "Gateway_ask"),
    flow("Flow_police", "Gateway_ask", "Task_police", '"police" in ask'),
    flow("Flow_urbanism", "Gateway_ask", "Task_urbanism", '"urbanism" in ask'),
    flow("Flow_fire", "Gateway_ask", "Task_fire", '"fire" in ask'),
    flow("Flow_none", "Gateway_ask", "Gateway_gather"),
    flow("Flow_police_done", "Task_police", "Gateway_gather"),
    flow("Flow_urbanism_done", "Task_urbanism", "Gateway_gather"),
    flow("Flow_fire_done", "Task_fire", "Gateway_gather"),
    flow("Flow_gathered", "Gateway_gather", "Task_verdict"),
    flow("Flow_end", "Task_verdict", "EndEvent_end"),
) + TAIL

BOUNDARY_TIMER_LOOP = HEAD + process(
    "answer_in_ten_days",
    '<bpmn:startEvent id="StartEvent_start"/>',
    '<bpmn:userTask id="Task_answer"/>',
    '<bpmn:boundaryEvent id="Event_ten_days" attachedToRef="Task_answer">'
    '<bpmn:timerEventDefinition><bpmn:timeDuration>"P10D"</bpmn:timeDuration>'
    "</bpmn:timerEventDefinition></bpmn:boundaryEvent>",
    script("Task_count_answers", 'answered = get(data, "answered", 0) + 1'),
    '<bpmn:exclusiveGateway id="Gateway_again" default="Flow_again"/>',
    script("Task_late", "late = True"),
    '<bpmn:userTask id="Task_remind"/>',
    '<bpmn:endEvent id="EndEvent_end"/>',
    flow("Flow_start", "StartEvent_start", "Task_answer"),
    flow("Flow_answered", "Task_answer", "Task_count_answers"),
    flow("Flow_counted", "Task_count_answers", "Gateway_again"),
    flow("Flow_again", "Gateway_again", "Task_answer"),
    flow("Flow_enough", "Gateway_again", "EndEvent_end", "answered &gt; 5"),
    flow("Flow_too_late", "Event_ten_days", "Task_late"),
    flow("Flow_remind", "Task_late", "Task_remind"),
    flow("Flow_end", "Task_remind", "EndEvent_end"),
) + TAIL

MESSAGE_LOOP = HEAD + process(
    "require_until_complete",
    '<bpmn:startEvent id="StartEvent_start"/>',
    '<bpmn:userTask id="Task_require"/>',
    '<bpmn:intermediateCatchEvent id="Event_answer">'
    '<bpmn:messageEventDefinition messageRef="Message_answer"><bpmn:extensionElements>'
    "<spiffworkflow:messageVariable>answer</spiffworkflow:messageVariable>"
    "</bpmn:extensionElements></bpmn:messageEventDefinition></bpmn:intermediateCatchEvent>",
    script("Task_count", 'received = get(data, "received", 0) + answer["documents"]',
           'rounds = get(data, "rounds", 0) + 1'),
    '<bpmn:exclusiveGateway id="Gateway_again" default="Flow_end"/>',
    '<bpmn:endEvent id="EndEvent_end"/>',
    flow("Flow_start", "StartEvent_start", "Task_require"),
    flow("Flow_required", "Task_require", "Event_answer"),
    flow("Flow_answered", "Event_answer", "Task_count"),
    flow("Flow_counted", "Task_count", "Gateway_again"),
    flow("Flow_again", "Gateway_again", "Task_require", "rounds &lt; 3"),
    flow("Flow_end", "Gateway_again", "EndEvent_end"),
) + '<bpmn:message id="Message_answer" name="citizen_answer"/>' + TAIL

CALL_LOOP = HEAD + process(
    "report_until_ok",
    '<bpmn:startEvent id="StartEvent_start"/>',
    '<bpmn:callActivity id="Activity_report" calledElement="write_report"/>',
    '<bpmn:userTask id="Task_check"/>',
    '<bpmn:exclusiveGateway id="Gateway_ok" default="Flow_again"/>',
    '<bpmn:endEvent id="EndEvent_end"/>',
    flow("Flow_start", "StartEvent_start", "Activity_report"),
    flow("Flow_written", "Activity_report", "Task_check"),
    flow("Flow_checked", "Task_check", "Gateway_ok"),
    flow("Flow_again", "Gateway_ok", "Activity_report"),
    flow("Flow_end", "Gateway_ok", "EndEvent_end", "ok"),
) + process(
    "write_report",
    '<bpmn:startEvent id="StartEvent_write"/>',
    script("Task_write", 'reports = get(data, "reports", 0) + 1'),
    '<bpmn:endEvent id="EndEvent_written"/>',
    flow("Flow_w1", "StartEvent_write", "Task_write"),
    flow("Flow_w2", "Task_write", "EndEvent_written"),
) + TAIL



def multi_instance(key: str, *, sequential: bool) -> str:
    """One user task per item of ``items``; their ``answer`` collected in ``answers``."""
    return HEAD + process(
    key,
    '<bpmn:startEvent id="StartEvent_start"/>',
    '<bpmn:userTask id="Task_item"><bpmn:multiInstanceLoopCharacteristics '
    f'isSequential="{str(sequential).lower()}">'
    "<bpmn:loopDataInputRef>items</bpmn:loopDataInputRef>"
    "<bpmn:loopDataOutputRef>answers</bpmn:loopDataOutputRef>"
    '<bpmn:inputDataItem id="item" name="item"/>'
    '<bpmn:outputDataItem id="answer" name="answer"/>'
    "</bpmn:multiInstanceLoopCharacteristics></bpmn:userTask>",
    '<bpmn:endEvent id="EndEvent_end"/>',
    flow("Flow_start", "StartEvent_start", "Task_item"),
    flow("Flow_end", "Task_item", "EndEvent_end"),
    ) + TAIL


CALL_WAITING_LOOP = HEAD + process(
    "sign_each_round",
    '<bpmn:startEvent id="StartEvent_start"/>',
    '<bpmn:callActivity id="Activity_sign" calledElement="sign_resolution"/>',
    script("Task_round", 'rounds = get(data, "rounds", 0) + 1'),
    '<bpmn:exclusiveGateway id="Gateway_again" default="Flow_end"/>',
    '<bpmn:endEvent id="EndEvent_end"/>',
    flow("Flow_start", "StartEvent_start", "Activity_sign"),
    flow("Flow_signed", "Activity_sign", "Task_round"),
    flow("Flow_round", "Task_round", "Gateway_again"),
    flow("Flow_again", "Gateway_again", "Activity_sign", "rounds &lt; 3"),
    flow("Flow_end", "Gateway_again", "EndEvent_end"),
) + process(
    "sign_resolution",
    '<bpmn:startEvent id="StartEvent_sign"/>',
    '<bpmn:userTask id="Task_draft"/>',
    '<bpmn:userTask id="Task_sign"/>',
    '<bpmn:endEvent id="EndEvent_signed"/>',
    flow("Flow_s1", "StartEvent_sign", "Task_draft"),
    flow("Flow_s2", "Task_draft", "Task_sign"),
    flow("Flow_s3", "Task_sign", "EndEvent_signed"),
) + TAIL

EVENT_GATEWAY_LOOP = HEAD + process(
    "answer_or_expiry",
    '<bpmn:startEvent id="StartEvent_start"/>',
    '<bpmn:userTask id="Task_require"/>',
    '<bpmn:eventBasedGateway id="Gateway_answer_or_expiry"/>',
    '<bpmn:intermediateCatchEvent id="Event_answered">'
    '<bpmn:messageEventDefinition messageRef="Message_answered"><bpmn:extensionElements>'
    "<spiffworkflow:messageVariable>answer</spiffworkflow:messageVariable>"
    "</bpmn:extensionElements></bpmn:messageEventDefinition></bpmn:intermediateCatchEvent>",
    '<bpmn:intermediateCatchEvent id="Event_expired"><bpmn:timerEventDefinition>'
    '<bpmn:timeDuration>"P10D"</bpmn:timeDuration></bpmn:timerEventDefinition>'
    "</bpmn:intermediateCatchEvent>",
    script("Task_record", 'answers = get(data, "answers", []) + [answer["text"]]'),
    '<bpmn:userTask id="Task_withdraw"/>',
    '<bpmn:endEvent id="EndEvent_end"/>',
    flow("Flow_start", "StartEvent_start", "Task_require"),
    flow("Flow_required", "Task_require", "Gateway_answer_or_expiry"),
    flow("Flow_to_answered", "Gateway_answer_or_expiry", "Event_answered"),
    flow("Flow_to_expired", "Gateway_answer_or_expiry", "Event_expired"),
    flow("Flow_answered", "Event_answered", "Task_record"),
    flow("Flow_again", "Task_record", "Task_require"),
    flow("Flow_expired", "Event_expired", "Task_withdraw"),
    flow("Flow_end", "Task_withdraw", "EndEvent_end"),
) + '<bpmn:message id="Message_answered" name="applicant_answered"/>' + TAIL
