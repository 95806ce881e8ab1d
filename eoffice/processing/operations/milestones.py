"""Operators that mark the file's progress for its interested parties: ``set_file_phase``
moves the file the process runs for to a phase the citizen's portal shows (in process,
awaiting the applicant, hearing, resolved, notified, withdrawn)."""

from __future__ import annotations

from typing import Any

from eoffice import files
from eoffice.processing.operators import Operator, RunContext


def _set_file_phase(context: RunContext, params: dict[str, Any]) -> dict[str, Any]:
    file_id = context.file_id("set_file_phase")
    phase = str(params["phase"])
    if phase not in {member.value for member in files.FilePhase}:
        raise ValueError(f"unknown phase {phase!r} (known: "
                         f"{', '.join(member.value for member in files.FilePhase)})")
    changed = files.set_phase(context.session, file_id, phase,
                              actor=context.actor)
    return {"phase": phase, "changed": changed}


OPERATORS = (
    Operator(name="set_file_phase", summary="Move the file to a phase its interested "
             "parties see in their portal (in_process, awaiting_applicant, hearing, "
             "resolved, notified, withdrawn).", run=_set_file_phase, required=("phase",),
             outputs=("phase", "changed")),
)
