"""The browser (json-logic-js) and the server (maykin-json-logic-py) agree on the rules
forms use. Runs json-logic-js under Node when it is installed (frontend/node_modules)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from eoffice.forms.conditions import evaluate, holds

LOGIC_JS = Path(__file__).resolve().parents[3] / "frontend/node_modules/json-logic-js/logic.js"
DATA = {"kind": "legal", "road": True, "m2": 12.5, "tables": 4, "chairs": 10,
        "tags": ["a", "b"], "vehicles": [{"plate": "1234BCD"}, {"plate": ""}], "empty": ""}
CASES: list[Any] = [
    {"==": [{"var": "kind"}, "legal"]},
    {"!=": [{"var": "kind"}, "natural"]},
    {"===": [{"var": "road"}, True]},
    {"and": [{"var": "road"}, {">": [{"var": "m2"}, 10]}]},
    {"or": [{"var": "empty"}, {"<": [1, {"var": "tables"}, 5]}]},
    {"!": [{"var": "empty"}]},
    {"!!": [{"var": "vehicles.1.plate"}]},
    {"in": ["b", {"var": "tags"}]},
    {"in": [{"var": "kind"}, ["legal", "natural"]]},
    {"if": [{"var": "road"}, "yes", "no"]},
    {"?:": [{"var": "empty"}, 1, 2]},
    {"/": [{"var": "chairs"}, {"var": "tables"}]},
    {"*": [{"var": "m2"}, 2]},
    {"-": [{"var": "chairs"}, {"var": "tables"}]},
    {"+": [1, 2, 3]},
    {"%": [{"var": "chairs"}, 3]},
    {"max": [1, {"var": "tables"}, 3]},
    {"cat": ["n-", {"var": "kind"}]},
    {"missing": ["kind", "nothing"]},
    {"missing_some": [1, ["kind", "nothing"]]},
    {"var": ["absent", "default"]},
    {"merge": [[1], [2, 3]]},
]


def _run_in_node(cases: list[Any]) -> list[Any]:
    script = (
        f"const logic = require({json.dumps(str(LOGIC_JS))});"
        "let input = ''; process.stdin.on('data', c => input += c);"
        "process.stdin.on('end', () => { const {cases, data} = JSON.parse(input);"
        "console.log(JSON.stringify(cases.map(rule => {"
        "  const value = logic.apply(rule, data);"
        "  return {value: value === undefined ? null : value, truthy: logic.truthy(value)};"
        "}))); });"
    )
    done = subprocess.run(["node", "-e", script], input=json.dumps({"cases": cases, "data": DATA}),
                          capture_output=True, text=True, timeout=30, check=True)
    return list(json.loads(done.stdout))


@pytest.mark.skipif(shutil.which("node") is None or not LOGIC_JS.exists(),
                    reason="Node or json-logic-js is not installed")
def test_the_browser_and_the_server_give_the_same_answers() -> None:
    for rule, browser in zip(CASES, _run_in_node(CASES), strict=True):
        assert holds(rule, DATA) == browser["truthy"], rule
        server = evaluate(rule, DATA)
        assert server == browser["value"] or (
            isinstance(server, float) and abs(server - browser["value"]) < 1e-9), rule
