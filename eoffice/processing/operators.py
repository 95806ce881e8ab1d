"""The service-task operators catalogue: the Python operations a BPMN service task may call.

A service task names its operator in the spiff extension
``<spiffworkflow:serviceTaskOperator id="notify_party" resultVariable="...">`` with
``<spiffworkflow:parameter id="..." type="str" value="expression"/>``; each parameter value
is an expression of the safe language (:mod:`eoffice.processing.scripting`). An operator
declares its inputs (required or optional) and its outputs (the keys of the dict it
returns, stored in the task's result variable). Unknown operators and missing or
undeclared inputs are refused when the model is uploaded.

Operators whose context is not ready yet record an *intent* (a ``processing_intent`` row
the owning context will consume, plus an audit event) and return at once; each says so.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from eoffice import audit
from eoffice.processing.models import Intent
from eoffice.shared.clock import utcnow


@dataclass(frozen=True)
class RunContext:
    """What an operator may use: the caller's session and the instance it runs for."""

    session: Session
    instance_id: str
    subject_kind: str
    subject_id: str
    unit_code: str | None
    actor: str
    element_id: str = ""

    def file_id(self, operator: str) -> str:
        """The id of the file the process runs for (operators that work on a file)."""
        if self.subject_kind != "file":
            raise ValueError(f"{operator} runs for files, not for {self.subject_kind}")
        return self.subject_id


Operation = Callable[[RunContext, dict[str, Any]], dict[str, Any]]


@dataclass(frozen=True)
class Operator:
    """A registered operation with its declared inputs and outputs."""

    name: str
    summary: str
    run: Operation
    required: tuple[str, ...] = ()
    optional: tuple[str, ...] = ()
    outputs: tuple[str, ...] = ()

    @property
    def inputs(self) -> tuple[str, ...]:
        return self.required + self.optional

    def check_params(self, names: set[str]) -> list[str]:
        """Problems with the parameter names a model gives this operator."""
        problems = [f"parameter {name!r} is required by {self.name}"
                    for name in self.required if name not in names]
        problems += [f"{self.name} has no parameter {name!r} (it takes "
                     f"{', '.join(self.inputs) or 'none'})"
                     for name in sorted(names) if name not in self.inputs]
        return problems


@dataclass
class Catalogue:
    """Operators by name."""

    operators: dict[str, Operator] = field(default_factory=dict)

    def register(self, operator: Operator, *, replace: bool = False) -> Operator:
        if operator.name in self.operators and not replace:
            raise ValueError(f"operator {operator.name!r} is registered twice")
        self.operators[operator.name] = operator
        return operator

    def get(self, name: str) -> Operator | None:
        return self.operators.get(name)

    def names(self) -> list[str]:
        return sorted(self.operators)


def record_intent(context: RunContext, operator: str, params: dict[str, Any]) -> dict[str, Any]:
    """Keep what the process asked for, for the context that will carry it out."""
    intent = Intent(instance_id=context.instance_id, element_id=context.element_id,
                    operator=operator, params=params, status="pending",
                    created_at=utcnow())
    context.session.add(intent)
    context.session.flush()
    audit.record_event(context.session, "processing.intent_recorded", actor=context.actor,
                       object_type="process_instance", object_id=context.instance_id,
                       unit_code=context.unit_code,
                       data={"operator": operator, "element": context.element_id,
                             "intent": intent.id})
    return {"intent_id": intent.id, "status": "pending"}


def _intent(name: str) -> Operation:
    def run(context: RunContext, params: dict[str, Any]) -> dict[str, Any]:
        return record_intent(context, name, params)

    run.__name__ = f"record_{name}"
    return run


def _describe(name: str, summary: str, *, required: tuple[str, ...] = (),
              optional: tuple[str, ...] = (), outputs: tuple[str, ...] = ()) -> Operator:
    """An operator that, until its context offers the operation, records an intent."""
    return Operator(name=name, summary=summary, run=_intent(name), required=required,
                    optional=optional, outputs=outputs or ("intent_id", "status"))


def _echo(context: RunContext, params: dict[str, Any]) -> dict[str, Any]:
    """Return the parameters (for tests and test-runs of models)."""
    return {"values": params}


def build_catalogue() -> Catalogue:
    """The product's operators: those :mod:`eoffice.processing.operations` provides
    (notifications, the exit register and edicts among them), and for the rest a
    stand-in that records an intent; ``echo`` serves tests and test-runs."""
    catalogue = Catalogue()
    for operator in (
        _describe("render_document", "Render a document of the file from a template "
                  "(documents context).", required=("template",),
                  optional=("title", "values")),
        _describe("send_to_signature", "Send a document to the signature tray of an "
                  "official; the model then waits for the message 'signature_done'.",
                  required=("document",), optional=("signer_role", "signer_unit")),
        _describe("set_deadline", "Start a legal term on the file (deadlines context).",
                  required=("term",), optional=("kind", "unit", "reason")),
        _describe("suspend_deadline", "Suspend a running legal term (deadlines context).",
                  required=("term",), optional=("reason",)),
        _describe("request_report", "Ask another unit for a report; its answer arrives as "
                  "the message 'report_done'.", required=("unit",),
                  optional=("question", "due_days")),
        _describe("close_file", "Close the file and seal its index (files context).",
                  optional=("reason",)),
    ):
        catalogue.register(operator)
    catalogue.register(Operator(name="echo", summary="Return the parameters given.",
                                run=_echo, optional=("value", "other"),
                                outputs=("values",)))
    # Imported here: the operations modules import this one for Operator and RunContext.
    from eoffice.processing.operations import provided  # noqa: PLC0415

    for operator in provided():
        catalogue.register(operator, replace=operator.name in catalogue.operators)
    return catalogue


CATALOGUE = build_catalogue()
"""The catalogue every model is validated and run against."""
