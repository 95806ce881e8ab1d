"""What completing a task accepts, through the API and the task page alike: the answers of
the task's form (checked by the forms context), else the fields the model declares, else
any variable but the process's own. Refused data gets 422 naming each field, and the task
stays open."""

from __future__ import annotations

import io
from typing import Any

from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from eoffice import processing
from eoffice.processing.models import ProcessInstance
from tests.api.files.sent import Headers
from tests.api.processing import task_models as models
from tests.conftest import csrf_from, sign_in
from tests.unit.processing import samples


def complete(client: FlaskClient, headers: dict[str, str], task_id: str,
             data: dict[str, Any]) -> Any:
    return client.post(f"/api/v1/tasks/{task_id}/complete", headers=headers,
                       json={"data": data})


def open_id(db: Session, instance: ProcessInstance, spec_id: str) -> str:
    task = models.open_task(db, instance, spec_id)
    assert task is not None, f"{spec_id} is open"
    return task.id


def fields_of(response: Any) -> dict[str, str]:
    problem = response.get_json()
    assert response.status_code == 422, problem
    assert problem["code"] == "processing.invalid_task_data"
    return {error["field"]: error["code"] for error in problem["errors"]}


def test_data_breaking_the_tasks_form_is_refused_naming_the_fields(
        client: FlaskClient, db: Session, token_for: Headers) -> None:
    instance = models.start(db, models.form_model())
    task_id = open_id(db, instance, models.FORM_TASK)
    refused = complete(client, token_for("clerk"), task_id,
                       {**models.VALID_ANSWERS, "kind": "praise", "priority": "high"})
    assert fields_of(refused) == {"kind": "choice", "priority": "unknown_field"}
    missing = complete(client, token_for("clerk"), task_id, {"kind": "complaint"})
    assert set(fields_of(missing)) == {"subject", "text", "wants_answer"}
    assert open_id(db, instance, models.FORM_TASK) == task_id  # still open, nothing moved

    done = complete(client, token_for("clerk"), task_id, models.VALID_ANSWERS)
    assert done.status_code == 200, done.get_json()
    assert open_id(db, instance, models.FOLLOW_UP)


def test_declared_fields_are_the_contract_of_a_task_without_a_form(
        client: FlaskClient, db: Session, token_for: Headers) -> None:
    instance = models.start(db, models.fields_model())
    task_id = open_id(db, instance, models.FIELDS_TASK)
    refused = complete(client, token_for("clerk"), task_id,
                       {"other_unit": "NOPE", "outcome": "maybe", "colour": "red"})
    assert fields_of(refused) == {"note": "required", "other_unit": "unknown_unit",
                                  "outcome": "choice", "colour": "unknown_field"}
    done = complete(client, token_for("clerk"), task_id,
                    {"note": "Seen.", "other_unit": "POL", "outcome": "granted"})
    assert done.status_code == 200, done.get_json()
    assert open_id(db, instance, models.FOLLOW_UP)


def test_a_task_that_declares_nothing_never_changes_the_process_own_variables(
        client: FlaskClient, db: Session, token_for: Headers) -> None:
    instance = models.start(db, samples.review_model("test_free_task"))
    task_id = open_id(db, instance, "Task_review")
    refused = complete(client, token_for("clerk"), task_id, {"unit": "HAC", "Colour": "red"})
    assert fields_of(refused) == {"unit": "unknown_field", "Colour": "unknown_field"}
    done = complete(client, token_for("clerk"), task_id, {"note": "Fine."})
    assert done.status_code == 200, done.get_json()


def test_the_page_asks_for_the_declared_fields_and_shows_what_is_wrong(
        client: FlaskClient, db: Session) -> None:
    instance = models.start(db, models.fields_model())
    task_id = open_id(db, instance, models.FIELDS_TASK)
    sign_in(client, "clerk")
    page = client.get(f"/backoffice/tasks/{task_id}?lang=en").get_data(as_text=True)
    assert '<textarea class="govuk-textarea" id="field-note" name="note"' in page
    assert '<option value="POL">POL \u2013 Local Police</option>' in page
    assert 'name="outcome" type="radio" value="refused"' in page
    posted = client.post(f"/backoffice/tasks/{task_id}/complete?lang=en",
                         data={"csrf_token": csrf_from(page), "outcome": "granted"})
    assert posted.status_code == 422
    html = posted.get_data(as_text=True)
    assert '<a href="#field-note">Note: This field is required.</a>' in html
    assert 'value="granted" checked' in html
    assert open_id(db, instance, models.FIELDS_TASK) == task_id


def test_a_model_with_an_unreadable_fields_declaration_is_not_deployed(
        client: FlaskClient, token_for: Headers, db: Session) -> None:
    bad = samples.chain("test_bad_fields", [models.declaring("Task_bad", "unit, note:colour")],
                        lanes=[samples.lane("Lane_clerks", ["StartEvent_start", "Task_bad",
                                                            "EndEvent_end"])])
    refused = client.post("/api/v1/process-models", headers=token_for("admin"),
                          content_type="multipart/form-data",
                          data={"file": (io.BytesIO(bad), "model.bpmn")})
    problem = refused.get_json()
    assert refused.status_code == 422, problem
    assert [(e["field"], e["code"]) for e in problem["errors"]] == [
        ("Task_bad", "processing.bad_fields")]
    assert "'unit' is a variable of the process itself" in problem["errors"][0]["message"]
    assert processing.check_model(db, bad).problems
