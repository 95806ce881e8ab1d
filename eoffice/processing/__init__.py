"""Processing context: BPMN process models on SpiffWorkflow (repository, versions by
hash), process instances pinned to their version, user-task lists by unit and role, the
service-task operators catalogue, a safe script language, and timers.

Other contexts call only what is listed here (see docs/contexts/processing.md).
"""

from pathlib import Path

from eoffice.processing.errors import (
    InvalidModel,
    NoWaitingInstance,
    StepFailed,
    UnknownModel,
)
from eoffice.processing.operators import CATALOGUE, Operator, RunContext
from eoffice.processing.services.instances import start_instance
from eoffice.processing.services.messages import deliver_message
from eoffice.processing.services.repository import (
    Deployed,
    SyncReport,
    check_model,
    deploy_model,
    sync_product_models,
)
from eoffice.processing.services.timers import TIMER_JOB, run_timer_job

PRODUCT_MODELS = Path(__file__).resolve().parents[2] / "workflows"
"""The product's own models (``workflows/`` at the repository root)."""

__all__ = [
    "CATALOGUE",
    "PRODUCT_MODELS",
    "TIMER_JOB",
    "Deployed",
    "InvalidModel",
    "NoWaitingInstance",
    "Operator",
    "RunContext",
    "StepFailed",
    "SyncReport",
    "UnknownModel",
    "check_model",
    "deliver_message",
    "deploy_model",
    "run_timer_job",
    "start_instance",
    "sync_product_models",
]
