"""Form definitions and citizens' answers under hostile input (hypothesis): any definition
is checked into a tree or a list of problems with ``forms.*`` codes; any answers to a
published form give a result whose errors carry a stable code and a message in the
user's language; through the API a refused draft changes nothing and nothing answers a
server error."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from eoffice.forms.answers import validate_tree
from eoffice.forms.models import FormVersion
from eoffice.forms.services.store import load_tree
from eoffice.forms.validation import check_definition
from tests.hostile.model_strategies import FORMS, fuzz, json_values, mutated, within

Headers = Callable[[str], dict[str, str]]
DEFINITIONS = {path.parent.name: json.loads(path.read_text(encoding="utf-8")) for path in FORMS}
CODE = re.compile(r"^forms\.[a-z_]+$")
ANSWER_CODE = re.compile(r"^[a-z_]+$")
BLOCKS = {}  # no block is known: every inclusion is a problem, never a crash


def definitions() -> st.SearchStrategy[Any]:
    return st.one_of(st.sampled_from(sorted(DEFINITIONS.values(), key=str)).flatmap(mutated),
                     json_values())


@fuzz(100)
@given(definition=definitions(), kind=st.sampled_from(["form", "block"]))
def test_any_definition_is_a_tree_or_a_list_of_problems(definition: Any, kind: str) -> None:
    with within(20):
        tree, problems = check_definition(definition, kind=kind,
                                          lookup=lambda key, version: BLOCKS.get(key))
    assert tree is not None or problems
    assert all(CODE.match(p.code) and p.field.startswith("/") for p in problems), problems


def _answers(definition: dict[str, Any]) -> st.SearchStrategy[Any]:
    keys = [c.get("key") for page in definition.get("pages", [])
            for c in page.get("controls", []) if isinstance(c, dict) and c.get("key")]
    return st.one_of(st.dictionaries(st.sampled_from(keys or ["x"]), json_values()),
                     json_values())


@fuzz(60)
@given(key=st.sampled_from(sorted(DEFINITIONS)), data=st.data())
def test_any_answers_give_errors_with_codes_in_the_users_language(
        app: Flask, db: Session, key: str, data: st.DataObject) -> None:
    version = DEFINITIONS[key]["version"]
    tree = load_tree(db, key, version)
    answers = data.draw(_answers(DEFINITIONS[key]))
    with app.test_request_context("/?lang=ca"), within(20):
        result = validate_tree(tree, answers, locale="ca")
    assert result.valid == (not result.errors)
    for error in result.errors:
        assert ANSWER_CODE.match(error.code), error
        assert error.message and "\x00" not in error.message
    json.dumps(result.answers)  # what would be stored is JSON


# --- through the API ----------------------------------------------------------------------

def _state(db: Session) -> tuple[Any, ...]:
    db.expire_all()
    rows = db.scalars(select(FormVersion).order_by(FormVersion.id)).all()
    return (db.scalar(select(func.count()).select_from(FormVersion)),
            [(row.id, row.status, json.dumps(row.definition, sort_keys=True)) for row in rows])


def _refused_cleanly(response: Any) -> None:
    assert response.status_code < 500, response.get_data(as_text=True)[:500]
    assert response.mimetype == "application/problem+json"
    assert CODE.match(response.json["code"]) or response.json["code"].startswith(
        "request."), response.json


@fuzz(15)
@given(definition=definitions().filter(lambda d: "\x00" not in json.dumps(d)))
def test_a_hostile_new_form_is_refused_or_kept_as_a_draft_only(
        client: FlaskClient, db: Session, token_for: Headers, definition: Any) -> None:
    before = _state(db)
    response = client.post("/api/v1/admin/forms", headers=token_for("admin"),
                           json={"definition": definition})
    if response.status_code == 201:
        assert response.json["status"] == "draft"
        return
    _refused_cleanly(response)
    assert _state(db) == before


@fuzz(20)
@given(key=st.sampled_from(sorted(DEFINITIONS)), data=st.data())
def test_the_public_validation_answers_any_answers(client: FlaskClient, key: str,
                                                   data: st.DataObject) -> None:
    answers = data.draw(st.dictionaries(st.text(max_size=10), json_values(nul=False,
                                                                         finite=True)))
    response = client.post(f"/api/v1/forms/{key}/{DEFINITIONS[key]['version']}/validate"
                           "?lang=es", json={"answers": answers})
    assert response.status_code < 500, response.get_data(as_text=True)[:500]
    if response.status_code == 200:
        assert all(ANSWER_CODE.match(e["code"]) for e in response.json["errors"])
