"""Hostile input against every operation of the OpenAPI document (schemathesis): for a
clerk, an administrator, a citizen and the secretary's office, valid-looking and invalid
requests to each of the API's operations never get a server error (5xx). The run prints,
per role and mode, how many operations were tried and the statuses they answered, so a
run that only ever met 401s would show it (and fails: some must succeed)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from contextlib import suppress
from typing import Any

import pytest
import schemathesis
from flask import Flask
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from sqlalchemy.orm import Session

Headers = Callable[[str], dict[str, str]]
EXAMPLES = 10  # per operation, role and mode: 174 operations x 8 runs in a few minutes


@pytest.mark.timeout(900)
@pytest.mark.parametrize("login", ["clerk", "admin", "ana", "secretary"])
@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE],
                         ids=["valid", "invalid"])
def test_no_operation_answers_a_server_error(app: Flask, db: Session, token_for: Headers,
                                             login: str, mode: GenerationMode) -> None:
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    headers = token_for(login)
    failures: list[tuple[Any, ...]] = []
    statuses: Counter[int] = Counter()
    operations = 0
    for result in schema.get_all_operations():
        operation = result.ok()
        operations += 1

        @settings(max_examples=EXAMPLES, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))
        @given(operation.as_strategy(generation_mode=mode))
        def call(case: Any) -> None:
            response = case.call(headers=headers)
            statuses[response.status_code] += 1
            if response.status_code >= 500:
                failures.append((case.method, case.formatted_path, case.query,
                                 str(case.body)[:200], response.text[:300]))

        with suppress(Unsatisfiable):  # the operation takes nothing that can be invalid
            call()
    print(f"\n{login} {mode.value}: {operations} operations, statuses {dict(statuses)}")
    assert operations > 150
    assert not failures, failures[:5]
    assert sum(n for status, n in statuses.items() if status < 400) > 0 or (
        mode == GenerationMode.NEGATIVE)
