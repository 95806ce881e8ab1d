"""Check an API answer against the OpenAPI document the application publishes.

openapi-core is not installed: the OpenAPI 3.0 schema of the operation's answer
(status and content type) is turned into JSON Schema (``$ref`` inlined,
``nullable`` as ``null``, no undeclared properties) and checked with jsonschema.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

import jsonschema
from flask import Flask
from werkzeug.test import TestResponse

IGNORED = {"nullable", "example", "examples", "readOnly", "writeOnly", "deprecated", "xml",
           "externalDocs", "discriminator"}


@cache
def _document(app: Flask) -> dict[str, Any]:
    document: dict[str, Any] = app.test_client().get("/api/v1/openapi.json").json  # type: ignore[assignment]
    return document


def _json_schema(node: Any, components: dict[str, Any]) -> Any:
    if isinstance(node, list):
        return [_json_schema(item, components) for item in node]
    if not isinstance(node, dict):
        return node
    if "$ref" in node:
        return _json_schema(components[node["$ref"].rsplit("/", 1)[-1]], components)
    schema = {key: _json_schema(value, components) for key, value in node.items()
              if key not in IGNORED}
    if "properties" in node:
        schema["properties"] = {name: _json_schema(value, components)
                                for name, value in node["properties"].items()}
        schema.setdefault("additionalProperties", False)
    if node.get("nullable"):
        if "enum" in schema:
            schema["enum"] = [*schema["enum"], None]
        schema = {"anyOf": [schema, {"type": "null"}]}
    return schema


def _operation(document: dict[str, Any], method: str, path: str) -> dict[str, Any]:
    for template, operations in document["paths"].items():
        pattern = "^" + re.sub(r"\{[^}]+\}", "[^/]+", re.escape(template).replace(
            r"\{", "{").replace(r"\}", "}")) + "$"
        if re.match(pattern, path) and method.lower() in operations:
            operation: dict[str, Any] = operations[method.lower()]
            return operation
    raise AssertionError(f"{method} {path} is not in the OpenAPI document")


def assert_matches_openapi(app: Flask, method: str, response: TestResponse) -> None:
    """The answer's status, content type and body are those the document declares."""
    document = _document(app)
    operation = _operation(document, method, response.request.path)
    declared = operation["responses"].get(str(response.status_code))
    assert declared is not None, (
        f"{method} {response.request.path}: status {response.status_code} is not declared")
    if "$ref" in declared:
        declared = document["components"]["responses"][declared["$ref"].rsplit("/", 1)[-1]]
    content_type = response.mimetype
    content = declared.get("content", {})
    assert content_type in content, (
        f"{method} {response.request.path} {response.status_code}: {content_type} not in "
        f"{sorted(content)}")
    schema = content[content_type].get("schema")
    if schema is None or content_type == "text/csv":
        return
    json_schema = _json_schema(schema, document["components"]["schemas"])
    jsonschema.validate(response.get_json(), json_schema)
