"""How the matrix calls a route: its URL with real or made-up objects, a body good
enough to pass input validation (from the OpenAPI description, or the matrix's own),
the caller's credentials, and what the answer means."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from typing import Any

from flask import Flask
from werkzeug.test import TestResponse

from tests.pdfs import tiny_pdf
from tests.security.policy import Outcome
from tests.security.world import Caller

UNKNOWN_ID = "00000000-0000-4000-8000-000000000000"
_OPENAPI_PARAM = re.compile(r"<(?:[^:<>]+:)?([^<>]+)>")


@dataclass(frozen=True)
class Call:
    method: str
    url: str
    api: bool
    json: Any = None
    form: dict[str, Any] | None = None


def is_api(rule: str) -> bool:
    return rule.startswith(("/api/", "/opendata/"))


def openapi_path(rule: str) -> str:
    return _OPENAPI_PARAM.sub(lambda m: "{" + m.group(1) + "}", rule)


class Bodies:
    """Minimal request bodies made from the OpenAPI description's required fields."""

    def __init__(self, spec: dict[str, Any]) -> None:
        self.spec = spec

    def _resolve(self, schema: dict[str, Any]) -> dict[str, Any]:
        while "$ref" in schema:
            name = schema["$ref"].rsplit("/", 1)[-1]
            schema = self.spec["components"]["schemas"][name]
        return schema

    def example(self, schema: dict[str, Any], depth: int = 0) -> Any:
        schema = self._resolve(schema)
        combined = next((schema[k] for k in ("allOf", "oneOf", "anyOf") if k in schema), None)
        if combined:
            return self.example(combined[0], depth)
        if "example" in schema or schema.get("enum"):
            return schema.get("example", (schema.get("enum") or [None])[0])
        kind = schema.get("type")
        kind = next((k for k in kind if k != "null"), "string") if isinstance(kind, list) else kind
        if kind == "object" or "properties" in schema:
            props = schema.get("properties", {})
            return {} if depth > 4 else {
                name: self.example(props.get(name, {}), depth + 1)
                for name in schema.get("required", [])}
        if kind == "array":
            return [self.example(schema.get("items", {}), depth + 1)
                    for _ in range(schema.get("minItems", 0))]
        return _scalar(schema, kind)

    def for_route(self, rule: str, method: str) -> tuple[Any, dict[str, Any] | None]:
        """(json, form): what the description asks for, minimally."""
        operation = self.spec["paths"].get(openapi_path(rule), {}).get(method.lower(), {})
        content = operation.get("requestBody", {}).get("content", {})
        if "application/json" in content:
            return self.example(content["application/json"]["schema"]), None
        if "multipart/form-data" in content:
            fields = self.example(content["multipart/form-data"]["schema"])
            return None, {k: v for k, v in fields.items()}
        return ({} if method != "GET" else None), None


def _scalar(schema: dict[str, Any], kind: str | None) -> Any:
    if kind in ("integer", "number"):
        return int(schema.get("minimum", 1))
    if kind == "boolean":
        return False
    formats = {"date": "2026-12-24", "date-time": "2026-12-24T10:00:00+00:00",
               "email": "nobody@example.org", "uuid": UNKNOWN_ID, "uri": "https://example.org",
               "binary": "BINARY"}
    return formats.get(schema.get("format", ""), "x" * max(int(schema.get("minLength", 3)), 3))


def encode_form(form: dict[str, Any]) -> dict[str, Any]:
    """Form fields; ``BINARY`` (or a value ``"pdf"`` under a file field) is a tiny PDF."""
    encoded: dict[str, Any] = {}
    for name, value in form.items():
        if value == "BINARY" or name == "file":
            encoded[name] = (io.BytesIO(tiny_pdf("matrix")), "matrix.pdf", "application/pdf")
        else:
            encoded[name] = value
    return encoded


def send(app: Flask, caller: Caller, call: Call) -> TestResponse:
    """The call as this caller: API with her bearer token, pages in her browser session
    with its CSRF token."""
    if call.api:
        client = app.test_client()
        kwargs: dict[str, Any] = {"headers": dict(caller.headers)}
        if call.json is not None:
            kwargs["json"] = call.json
        if call.form is not None:
            kwargs["data"] = encode_form(call.form)
    else:
        assert caller.browser is not None
        client = caller.browser
        kwargs = {}
        if call.method != "GET":
            kwargs = {"headers": {"X-CSRFToken": caller.csrf},
                      "data": encode_form(call.form or {})}
    response = client.open(call.url, method=call.method, **kwargs)
    response.get_data()  # consume streamed bodies
    response.close()
    return response


def observed(response: TestResponse, api: bool) -> Outcome | None:
    """What the answer means for authorisation; None: something else (400, 409, 500...)."""
    status = response.status_code
    location = response.headers.get("Location", "")
    if status == 401 and api:
        return Outcome.SIGN_IN
    if 300 <= status < 400 and "/sign-in" in location:
        return Outcome.SIGN_IN
    if status < 400:
        return Outcome.ALLOWED
    if status == 404:
        return Outcome.HIDDEN
    if status == 403:
        return Outcome.REFUSED
    return None


def matches(expected: Outcome, got: Outcome | None) -> bool:
    if expected is Outcome.REFUSED:
        return got in (Outcome.REFUSED, Outcome.HIDDEN)
    return got is expected
