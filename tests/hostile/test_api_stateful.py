"""Hostile sequences of API calls (schemathesis' stateful testing): the state machine chains
operations through the links schemathesis infers from the OpenAPI document (a draft created
by `POST /submissions` is then patched, given attachments, submitted; a task listed is
claimed, completed, reassigned; an edict published is corrected…), with generated and
mutated bodies, as a citizen, a clerk and an administrator. No sequence may end in a server
error (5xx). The run prints how many calls were made per status, and fails if no call of a
chain ever reached an existing object (a run that only met 401s or 404s would prove nothing)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest
import schemathesis
from flask import Flask
from hypothesis import HealthCheck, settings
from sqlalchemy.orm import Session

Headers = Callable[[str], dict[str, str]]
SCENARIOS = 40  # sequences per role
STEPS = 8  # calls per sequence at most


@pytest.mark.timeout(900)
@pytest.mark.parametrize(("login", "families"), [
    ("ana", "submissions|notifications|powers|files|documents"),
    ("clerk", "tasks|files|file-groupings|registry|documents|edicts|notifications"),
    ("admin", "calendar|archive|bodies|accounts|territory"),
], ids=["citizen", "clerk", "admin"])
def test_no_sequence_of_calls_answers_a_server_error(app: Flask, db: Session,
                                                     token_for: Headers, login: str,
                                                     families: str) -> None:
    # The operations a role works with, so the chains go deep: every operation alone is
    # fuzzed for every role in test_api_fuzz.py.
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app).include(
        path_regex=f"^/api/v1/({families})(/|$)")
    headers = token_for(login)
    statuses: Counter[int] = Counter()
    failures: list[tuple[Any, ...]] = []
    chained: Counter[str] = Counter()  # successful calls on an object named in the path
    reached: list[str] = []  # calls on an object named in the path that found it (not 404)

    class Hostile(schema.as_state_machine()):  # type: ignore[misc]
        def before_call(self, case: Any) -> None:
            # Generated procedure codes never name a real one: half the drafts ask for the
            # demo's general application, so the chains behind a draft are walked too.
            if (case.method, case.path) == ("POST", "/api/v1/submissions") and isinstance(
                    case.body, dict) and len(str(case.body)) % 2 == 0:
                case.body = {"procedure": "general-application", "case": "standard"}

        def get_call_kwargs(self, case: Any) -> dict[str, Any]:
            return {"headers": headers}

        def validate_response(self, response: Any, case: Any, **kwargs: Any) -> None:
            statuses[response.status_code] += 1
            if response.status_code >= 500:
                failures.append((case.method, case.formatted_path, case.query,
                                 str(case.body)[:200], response.text[:300]))
            elif case.path_parameters and response.status_code != 404:
                reached.append(f"{case.method} {case.path}")
                if response.status_code < 400:
                    chained[f"{case.method} {case.path}"] += 1

    Hostile.run(settings=settings(max_examples=SCENARIOS, stateful_step_count=STEPS,
                                  deadline=None, database=None, derandomize=True,
                                  suppress_health_check=list(HealthCheck)))
    print(f"\n{login}: statuses {dict(statuses)}; objects reached {len(reached)}; "
          f"chained successes {dict(chained)}")
    assert not failures, failures[:5]
    # Some chain really reached an object (an id taken from an earlier answer: random ids
    # only meet 404s); whether the role may then act on it is the matrix's business.
    assert reached
