"""Uploading process models: admins only; a valid model deploys as a version pinned by
its hash (the same content is the same version, a new one the next); every malformed
model gives 422 problem+json naming the element, and nothing is deployed."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from flask.testing import FlaskClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from eoffice.processing.models import ProcessModelVersion
from tests.unit.processing import samples

Headers = Callable[[str], dict[str, str]]
URL = "/api/v1/process-models"


def upload(client: FlaskClient, headers: dict[str, str], content: bytes) -> object:
    return client.post(URL, headers=headers, content_type="multipart/form-data",
                       data={"file": (io.BytesIO(content), "model.bpmn")})


def test_a_valid_model_deploys_and_is_pinned_by_hash(
        client: FlaskClient, token_for: Headers) -> None:
    admin = token_for("admin")
    first = upload(client, admin, samples.review_model())
    assert first.status_code == 201, first.get_json()  # type: ignore[attr-defined]
    body = first.get_json()  # type: ignore[attr-defined]
    assert body["key"] == "test_review" and body["version"] == 1
    assert len(body["sha256"]) == 64

    again = upload(client, admin, samples.review_model())
    assert again.status_code == 200  # type: ignore[attr-defined]
    assert again.get_json() == {**body, "created": False}  # type: ignore[attr-defined]

    changed = upload(client, admin, samples.review_model(unit="HAC"))
    assert changed.status_code == 201  # type: ignore[attr-defined]
    assert changed.get_json()["version"] == 2  # type: ignore[attr-defined]


def test_only_process_administrators_upload(client: FlaskClient, token_for: Headers) -> None:
    response = upload(client, token_for("clerk"), samples.review_model())
    assert response.status_code == 403  # type: ignore[attr-defined]
    assert upload(client, {}, samples.review_model()).status_code == 401  # type: ignore[attr-defined]


S = samples
MALFORMED = {
    "malformed XML": (b"<bpmn:definitions><oops", "file", "processing.malformed_xml"),
    "not BPMN": (b"<html/>", "file", "processing.not_bpmn"),
    "no start event": (
        S.chain("no_start", [S.user_task("Task_a")], start=False,
                lanes=[S.lane("Lane_a", ["Task_a", "EndEvent_end"])]),
        "no_start", "processing.no_start_event"),
    "call to a missing process": (
        S.chain("caller", [S.call_activity("CallActivity_ghost", "ghost_process")]),
        "CallActivity_ghost", "processing.missing_process"),
    "unknown operator": (
        S.chain("bad_op", [S.service_task("Task_launch", "launch_rocket", {})]),
        "Task_launch", "processing.unknown_operator"),
    "operator without its required input": (
        S.chain("bad_params", [S.service_task("Task_render", "render_document",
                                              {"colour": "1"})]),
        "Task_render", "processing.operator_parameters"),
    "script with an import": (
        S.chain("bad_script", [S.script_task("Task_hack", "import os")]),
        "Task_hack", "processing.script_refused"),
    "script that loops forever": (
        S.chain("loop_script", [S.script_task("Task_loop", "while True: pass")]),
        "Task_loop", "processing.script_refused"),
    "dunder trick in a script": (
        S.chain("dunder", [S.script_task("Task_dunder", "x = ().__class__")]),
        "Task_dunder", "processing.script_refused"),
    "lane without unit": (
        S.chain("no_unit", [S.user_task("Task_a")],
                lanes=[S.lane("Lane_nobody", ["StartEvent_start", "Task_a", "EndEvent_end"],
                              unit=None)]),
        "Lane_nobody", "processing.unmapped_lane"),
    "lane with an unknown unit": (
        S.chain("ghost_unit", [S.user_task("Task_a")],
                lanes=[S.lane("Lane_ghost", ["StartEvent_start", "Task_a", "EndEvent_end"],
                              unit="NOPE")]),
        "Lane_ghost", "processing.unknown_unit"),
    "user task outside lanes": (
        S.chain("no_lane", [S.user_task("Task_orphan")]),
        "Task_orphan", "processing.task_without_lane"),
    "form that does not exist": (
        S.chain("ghost_form", [S.user_task("Task_fill", form="no_such_form@1")],
                lanes=[S.lane("Lane_a", ["StartEvent_start", "Task_fill", "EndEvent_end"])]),
        "Task_fill", "processing.unknown_form"),
    "not UTF-8": (
        S.chain("latin", [S.user_task("Task_año")]).decode("utf-8")
        .replace('encoding="UTF-8"', 'encoding="ISO-8859-1"').encode("latin-1"),
        "file", "processing.not_utf8"),
}


@pytest.mark.parametrize("case", sorted(MALFORMED))
def test_a_malformed_model_is_refused_naming_the_element(
        case: str, client: FlaskClient, token_for: Headers, db: Session) -> None:
    content, element, code = MALFORMED[case]
    before = db.scalar(select(func.count()).select_from(ProcessModelVersion))
    response = upload(client, token_for("admin"), content)
    assert response.status_code == 422, response.get_json()  # type: ignore[attr-defined]
    assert response.content_type == "application/problem+json"  # type: ignore[attr-defined]
    problem = response.get_json()  # type: ignore[attr-defined]
    assert problem["code"] == "processing.invalid_model"
    assert {"field": element, "code": code} in [
        {"field": e["field"], "code": e["code"]} for e in problem["errors"]], problem
    assert db.scalar(select(func.count()).select_from(ProcessModelVersion)) == before


def test_a_user_task_may_name_a_published_form(client: FlaskClient, token_for: Headers) -> None:
    content = S.chain("with_form", [S.user_task("Task_fill", form="general_application@1")],
                      lanes=[S.lane("Lane_a", ["StartEvent_start", "Task_fill",
                                               "EndEvent_end"])])
    assert upload(client, token_for("admin"), content).status_code == 201  # type: ignore[attr-defined]


def test_an_upload_without_a_file_is_a_validation_error(
        client: FlaskClient, token_for: Headers) -> None:
    response = client.post(URL, headers=token_for("admin"), data={},
                           content_type="multipart/form-data")
    assert response.status_code == 422
    assert response.get_json()["errors"][0]["field"] == "file"
