"""Example cases that live with a rule (answers → expected amount, or the code of the
expected error), checked when the rule is saved and run before it is published."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from eoffice.fees.errors import InvalidAnswers, MissingAnswers
from eoffice.fees.evaluate import evaluate
from eoffice.fees.explain import explain
from eoffice.fees.numbers import money_text
from eoffice.fees.problems import DECIMAL, Problems
from eoffice.fees.schedule import Schedule
from eoffice.shared.i18n import _

ERROR_CODES = (MissingAnswers.code, InvalidAnswers.code)


@dataclass(frozen=True)
class ExampleResult:
    """What running one example gave: the amount or error code, and whether it passed."""

    name: str
    expected: str
    actual: str
    passed: bool
    explanation: tuple[str, ...] = ()


def check_examples(raw: Any) -> list[Any]:
    """The problems of an examples list (``[{name, answers, expected | expected_error}]``)."""
    problems = Problems()

    def one(item: Any, at: str) -> None:
        if not problems.shaped(item, at, {"name", "answers", "expected", "expected_error"}):
            return
        if not isinstance(item.get("name"), str) or not item["name"].strip():
            problems.add(f"{at}/name", _("Give the example a name."), "fees.missing_property")
        if not isinstance(item.get("answers"), dict):
            problems.add(f"{at}/answers", _("Give the answers as an object."),
                         "fees.not_an_object")
        _check_expectation(item, at, problems)

    problems.items(raw, "/examples", one)
    if raw is not None and not isinstance(raw, list):
        return problems.found
    names = [item.get("name") for item in raw or [] if isinstance(item, dict)]
    for index, name in enumerate(names):
        if name in names[:index]:
            problems.add(f"/examples/{index}/name", _("Another example has this name."),
                         "fees.duplicate_key")
    return problems.found


def _check_expectation(item: dict[str, Any], at: str, problems: Problems) -> None:
    expected, error = item.get("expected"), item.get("expected_error")
    if (expected is None) == (error is None):
        problems.add(at, _("Give either “expected” (an amount) or “expected_error”."),
                     "fees.missing_property")
    elif expected is not None and not (isinstance(expected, str) and DECIMAL.match(expected)):
        problems.add(f"{at}/expected", _("Write the amount as a string, like \"240.00\"."),
                     "fees.bad_amount")
    elif error is not None and error not in ERROR_CODES:
        problems.add(f"{at}/expected_error", _("Use one of: %(kinds)s.",
                                               kinds=", ".join(ERROR_CODES)),
                     "fees.bad_property")



def run_example(schedule: Schedule, example: dict[str, Any], locale: str) -> ExampleResult:
    expected_error = example.get("expected_error")
    expected = expected_error or money_text(Decimal(example["expected"]), locale)
    try:
        outcome = evaluate(schedule, example["answers"], locale=locale)
    except (MissingAnswers, InvalidAnswers) as exc:
        return ExampleResult(example["name"], expected, exc.code, exc.code == expected_error,
                             tuple(f"{e.field}: {e.message}" for e in exc.errors))
    actual = money_text(outcome.amount, locale)
    passed = expected_error is None and outcome.amount == Decimal(example["expected"])
    return ExampleResult(example["name"], expected, actual, passed,
                         tuple(explain(outcome, locale)))


def run_examples(schedule: Schedule, examples: list[dict[str, Any]],
                 locale: str) -> list[ExampleResult]:
    """Every example, in order."""
    return [run_example(schedule, example, locale) for example in examples]


def content_sha256(definition: Any, examples: Any) -> str:
    """The hash of what is published: the definition and its examples, canonical JSON."""
    body = json.dumps({"definition": definition, "examples": examples}, sort_keys=True,
                      separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(body.encode("utf-8")).hexdigest()
