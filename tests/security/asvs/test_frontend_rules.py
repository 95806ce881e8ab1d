"""The browser's form logic (ASVS V15.3.6): forms.js collects the answers of a form into
an object by each field's path before evaluating its JSON Logic conditions; a path such
as ``__proto__.x`` or ``constructor.prototype.x`` must stay an answer of that object and
never reach ``Object.prototype`` (prototype pollution). Run with Node on the real
forms.js and the json-logic.js the pages load, with a small stand-in for the DOM.

(No HTML built from strings and no browser storage in frontend/js, V3.2.2 and V14.3.3:
the semgrep rules of .semgrep/rules/frontend.yml, checked by tools/security_checks.sh.)"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

REPOSITORY = Path(__file__).resolve().parents[3]
FORMS_JS = REPOSITORY / "frontend" / "js" / "forms.js"
JSON_LOGIC = REPOSITORY / "eoffice" / "static" / "dist" / "js" / "json-logic.js"

# A form whose fields' paths reach for the prototype, and conditions reading them.
HARNESS = r"""
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

const [formsPath, logicPath, fieldsJson] = process.argv.slice(2);
const logic = createRequire(import.meta.url)(logicPath);
const fields = JSON.parse(fieldsJson);
const standard = Object.getOwnPropertyNames(Object.prototype).sort();

function wrapper({ path, kind = "text", value = "", showIf }) {
  const input = { name: path, value, checked: true, disabled: false, closest: () => null };
  const attributes = {};
  return {
    dataset: { eoKind: kind, eoPath: path,
               ...(showIf ? { eoShowIf: JSON.stringify(showIf) } : {}) },
    hidden: false,
    parentElement: null,
    hasAttribute: (name) => name in attributes,
    setAttribute: (name, v) => { attributes[name] = v; },
    removeAttribute: (name) => { delete attributes[name]; },
    querySelector: () => null,
    querySelectorAll: (selector) => (
      ["[name]", "input, select, textarea"].includes(selector) ? [input] : []),
  };
}

const wrappers = fields.map(wrapper);
const form = {
  querySelectorAll: (selector) => (selector === "[data-eo-kind]" ? wrappers : []),
  addEventListener: () => {},
};
globalThis.window = { jsonLogic: logic };
globalThis.document = {
  querySelectorAll: (selector) => (selector === "[data-eo-form]" ? [form] : []),
};
await import(pathToFileURL(formsPath).href);  // forms.js settles the form on load

const probe = {};
console.log(JSON.stringify({
  polluted: ["polluted", "polluted2", "polluted3", "toString"].filter(
    (name) => name in probe && typeof probe[name] !== "function"),
  prototypeKeys: Object.getOwnPropertyNames(Object.prototype).sort()
    .filter((name) => !standard.includes(name)),
  toStringWorks: typeof probe.toString === "function" && String(probe) === "[object Object]",
  hidden: Object.fromEntries(wrappers.map((w) => [w.dataset.eoPath, w.hidden])),
}));
"""

FIELDS = [
    {"path": "__proto__.polluted", "value": "yes"},
    {"path": "constructor.prototype.polluted2", "value": "yes"},
    {"path": "items.0.__proto__.polluted3", "value": "yes"},
    {"path": "__proto__.toString", "value": "not a function"},
    # Conditions read the answers under those paths as answers, nothing more.
    {"path": "shown_by_own_answer", "value": "x",
     "showIf": {"==": [{"var": "__proto__.polluted"}, "yes"]}},
    {"path": "hidden_by_missing_answer", "value": "x",
     "showIf": {"==": [{"var": "nothing.__proto__.polluted"}, "yes"]}},
]


def _node() -> str:
    node = shutil.which("node")
    if node is None:
        if os.environ.get("EOFFICE_REQUIRE_E2E") == "1":
            pytest.fail("EOFFICE_REQUIRE_E2E=1 but node is not installed")
        pytest.skip("node is not installed")
    if not JSON_LOGIC.exists():
        pytest.fail(f"{JSON_LOGIC} is missing: run `make assets`")
    return node


def test_answers_under_prototype_paths_never_reach_object_prototype(tmp_path: Path) -> None:
    harness = tmp_path / "harness.mjs"
    harness.write_text(HARNESS)
    run = subprocess.run([_node(), str(harness), str(FORMS_JS), str(JSON_LOGIC),
                          json.dumps(FIELDS)], capture_output=True, text=True, timeout=60,
                         check=False)
    assert run.returncode == 0, run.stderr[-2000:]
    result = json.loads(run.stdout.strip().splitlines()[-1])
    assert result["polluted"] == [] and result["prototypeKeys"] == []
    assert result["toStringWorks"]
    assert result["hidden"]["shown_by_own_answer"] is False  # its own answer, read back
    assert result["hidden"]["hidden_by_missing_answer"] is True
