"""Fees context: fee rules per procedure case, their examples, the calculator.

Other contexts call only what is listed here (see docs/contexts/fees.md).
"""

from eoffice.fees.errors import (
    ExampleFailed,
    FieldNotInForm,
    InvalidAnswers,
    InvalidRule,
    MissingAnswers,
    NoRule,
    OverlappingValidity,
    UnknownRule,
)
from eoffice.fees.examples import content_sha256
from eoffice.fees.panel import render_fee_panel
from eoffice.fees.services.editing import NewRule, create_rule, save_draft, start_draft
from eoffice.fees.services.publication import Published, publish
from eoffice.fees.services.quoting import Quote, case_has_rule, needed_answers, quote
from eoffice.fees.services.reading import RuleInfo, VersionInfo, find_rule, get_rule, list_rules
from eoffice.shared.localtime import local_today

__all__ = [
    "ExampleFailed",
    "FieldNotInForm",
    "InvalidAnswers",
    "InvalidRule",
    "MissingAnswers",
    "NewRule",
    "NoRule",
    "OverlappingValidity",
    "Published",
    "Quote",
    "RuleInfo",
    "UnknownRule",
    "VersionInfo",
    "case_has_rule",
    "content_sha256",
    "create_rule",
    "find_rule",
    "get_rule",
    "list_rules",
    "local_today",
    "needed_answers",
    "publish",
    "quote",
    "render_fee_panel",
    "save_draft",
    "start_draft",
]
