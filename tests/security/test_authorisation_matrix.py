"""Every route of the API and the pages as every demo role: only the allowed
combinations succeed; another citizen or another unit's clerk gets 404 for an object
that is not hers, anonymous callers are asked to sign in, refusals change nothing; and
a route missing from the matrix (or a matrix entry for a route that is gone) fails."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlencode

import pytest
from flask import Flask
from sqlalchemy import inspect, text

from tests.security.calls import (
    UNKNOWN_ID,
    Bodies,
    Call,
    is_api,
    matches,
    observed,
    send,
)
from tests.security.matrix import DEFAULT_ARGS, MATRIX, SKIPPED_ENDPOINTS, Entry
from tests.security.policy import LOGINS, PERSONAS, Outcome, expected
from tests.security.world import World, built

#: Written on every request or refusal (sessions, tokens' last use, the audit of
#: refusals): not a change made by the refused call.
BOOKKEEPING = frozenset({"audit_event", "audit_head", "web_session", "api_token",
                         "idempotency_key"})
ROLES = ["anonymous", *LOGINS]


def app_rules(app: Flask) -> set[tuple[str, str]]:
    return {(method, rule.endpoint) for rule in app.url_map.iter_rules()
            if rule.endpoint not in SKIPPED_ENDPOINTS
            for method in rule.methods - {"HEAD", "OPTIONS"}}


def test_every_route_of_the_app_is_in_the_matrix(app: Flask) -> None:
    in_matrix = [entry.key for entry in MATRIX]
    assert len(in_matrix) == len(set(in_matrix)), "an entry appears twice in the matrix"
    routes = app_rules(app)
    missing = sorted(routes - set(in_matrix))
    gone = sorted(set(in_matrix) - routes)
    assert not missing, f"routes not in tests/security/matrix.py: {missing}"
    assert not gone, f"matrix entries for routes that no longer exist: {gone}"


def test_the_documentation_routes_are_public_and_skipped(app: Flask) -> None:
    docs = {rule.endpoint for rule in app.url_map.iter_rules()
            if rule.endpoint.startswith("api-docs.")}
    assert docs and docs <= SKIPPED_ENDPOINTS, docs
    client = app.test_client()
    assert client.get("/api/v1/openapi.json").status_code == 200
    assert client.get("/api/docs").status_code == 200


def cases() -> Iterator[Any]:
    for entry in MATRIX:
        for role in ROLES:
            outcome = expected(entry.policy, PERSONAS[role])
            if outcome is Outcome.ALLOWED and (entry.method != "GET" or not entry.real):
                continue  # state-changing success paths are the modules' own tests
            marks = [pytest.mark.xfail(strict=True, reason=entry.xfail)] if entry.xfail else []
            yield pytest.param(entry, role, outcome, marks=marks,
                               id=f"{entry.method} {entry.endpoint} as {role}")


@pytest.fixture(scope="module")
def world(app: Flask) -> Iterator[World]:
    with built(app, LOGINS) as made:
        made.samples["openapi"] = app.test_client().get("/api/v1/openapi.json").get_json()
        yield made


def call_of(world: World, entry: Entry) -> Call:
    rule = next(r for r in world.app.url_map.iter_rules()
                if r.endpoint == entry.endpoint and entry.method in r.methods)
    sample = world.samples[entry.sample] if entry.sample else {}
    values: dict[str, Any] = {}
    for name in rule.arguments:
        for source in (entry.args, sample, DEFAULT_ARGS):
            if name in source:
                values[name] = source[name]
                break
        else:  # a made-up object
            numeric = "Integer" in type(rule._converters[name]).__name__
            values[name] = 999999 if numeric else UNKNOWN_ID
    url = world.app.url_map.bind("localhost").build(entry.endpoint, values,
                                                    method=entry.method)
    if entry.query:
        url = f"{url}?{urlencode(entry.query)}"
    api = is_api(rule.rule)
    body, form = entry.json, entry.form
    if api and body is None and form is None:
        body, form = Bodies(world.samples["openapi"]).for_route(rule.rule, entry.method)
    return Call(entry.method, url, api, body, form)


def fingerprint(world: World) -> str:
    """Every table but the bookkeeping ones, row by row."""
    connection = world.db.connection()
    digest = hashlib.sha256()
    for table in sorted(inspect(connection).get_table_names()):
        if table in BOOKKEEPING:
            continue
        rows = connection.execute(text(f'SELECT * FROM "{table}"')).all()
        digest.update(table.encode())
        for row in sorted(repr(tuple(row)) for row in rows):
            digest.update(row.encode())
    return digest.hexdigest()


@pytest.mark.parametrize(("entry", "role", "outcome"), list(cases()))
def test_route_as_role(world: World, entry: Entry, role: str, outcome: Outcome) -> None:
    call = call_of(world, entry)
    changes = call.method != "GET"
    before = fingerprint(world) if changes else ""
    response = send(world.app, world.callers[role], call)
    got = observed(response, call.api)
    assert matches(outcome, got), (
        f"{entry.method} {call.url} as {role}: expected {outcome}, got "
        f"{response.status_code} {response.headers.get('Location', '')} "
        f"{response.get_data(as_text=True)[:300]}")
    if changes:
        assert fingerprint(world) == before, f"{entry.method} {call.url} as {role} " \
                                             "was refused but changed the database"
