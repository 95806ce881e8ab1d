"""The admin pages of process models: the list of models with their versions, validating
a model (every problem named by its element id), publishing (a new version; the same
content again changes nothing), test-running a model with sample data (the path, the
user tasks with their unit and role, the operators that would be called, where it
stops; nothing kept), and nobody but process administrators gets in."""

from __future__ import annotations

import html
import io
import re

from flask.testing import FlaskClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from eoffice import processing
from eoffice.processing.models import Intent, ProcessInstance, ProcessModelVersion
from tests.conftest import csrf_from, sign_in
from tests.unit.processing import samples

URL = "/admin/process-models"
GENERAL = (processing.PRODUCT_MODELS / "procedures" / "general_application.bpmn").read_text()


def act(client: FlaskClient, action: str, bpmn: str | bytes, **fields: object) -> object:
    page = client.get(f"{URL}/new").get_data(as_text=True)
    xml = bpmn.decode() if isinstance(bpmn, bytes) else bpmn
    return client.post(f"{URL}/editor?lang=en", data={
        "csrf_token": csrf_from(page), "action": action, "bpmn": xml, **fields})


def text_of(response: object) -> str:
    return html.unescape(response.get_data(as_text=True))  # type: ignore[attr-defined]


def counts(db: Session) -> tuple[int, int, int]:
    return (db.scalar(select(func.count()).select_from(ProcessModelVersion)) or 0,
            db.scalar(select(func.count()).select_from(ProcessInstance)) or 0,
            db.scalar(select(func.count()).select_from(Intent)) or 0)


def test_the_models_are_listed_with_their_versions_and_running_processes(
        client: FlaskClient, db: Session) -> None:
    processing.start_instance(db, model_key="general_application", subject_kind="file",
                              subject_id="test-1", unit_code="URB", actor="test")
    db.flush()
    sign_in(client, "admin")
    page = client.get(f"{URL}?lang=en").get_data(as_text=True)
    row = re.search(r'data-testid="version-general_application-1">(.*?)</tr>', page, re.S)
    assert row, "the product's general application model is listed, version 1"
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row.group(1), re.S)
    assert cells[2].strip() == "product file" and cells[3].strip() == "system"
    assert int(cells[-1]) >= 1  # the process just started runs on version 1
    assert 'data-testid="version-request_report-1"' in page

    model_page = client.get(f"{URL}/general_application?lang=en").get_data(as_text=True)
    assert "Task_review_application" in model_page  # the XML behind the diagram
    assert 'data-modeler="view"' in model_page
    assert f'href="{URL}/general_application/migration"' in model_page  # migrate from here


def test_validation_names_every_problem_by_its_element_id(client: FlaskClient) -> None:
    sign_in(client, "admin")
    bad = samples.chain("bad_model", [
        samples.service_task("Task_launch", "launch_rocket", {}),
        samples.script_task("Task_hack", "import os")])
    response = act(client, "validate", bad)
    assert response.status_code == 422  # type: ignore[attr-defined]
    page = text_of(response)
    assert 'data-problem-element="Task_launch"' in page
    assert "unknown operator 'launch_rocket'" in page
    assert 'data-problem-element="Task_hack"' in page

    good = act(client, "validate", samples.review_model("admin_review"))
    assert good.status_code == 200  # type: ignore[attr-defined]
    assert "The model is valid: it can be published." in text_of(good)


def test_publishing_makes_a_new_version_and_the_same_content_is_not_published_twice(
        client: FlaskClient, db: Session) -> None:
    sign_in(client, "admin")
    first = act(client, "publish", samples.review_model("admin_review"))
    assert first.status_code == 303  # type: ignore[attr-defined]
    assert first.headers["Location"].endswith(f"{URL}/admin_review/versions/1")  # type: ignore[attr-defined]
    shown = text_of(client.get(f"{URL}/admin_review/versions/1?lang=en"))
    assert "Published as version 1 of admin_review." in shown

    again = act(client, "publish", samples.review_model("admin_review"))
    assert "This content is already published as version 1 of admin_review" in text_of(
        client.get(again.headers["Location"] + "?lang=en"))  # type: ignore[attr-defined]
    changed = act(client, "publish", samples.review_model("admin_review", unit="HAC"))
    assert changed.headers["Location"].endswith("/admin_review/versions/2")  # type: ignore[attr-defined]
    versions = db.scalars(select(ProcessModelVersion.created_by).where(
        ProcessModelVersion.key == "admin_review")).all()
    assert versions == ["admin", "admin"]


def test_an_invalid_model_is_not_published(client: FlaskClient, db: Session) -> None:
    sign_in(client, "admin")
    before = counts(db)
    response = act(client, "publish", samples.chain("ghost_caller", [
        samples.call_activity("CallActivity_ghost", "ghost_process")]))
    assert response.status_code == 422  # type: ignore[attr-defined]
    assert 'data-problem-element="CallActivity_ghost"' in text_of(response)
    assert counts(db) == before


def test_an_uploaded_file_is_what_is_validated(client: FlaskClient) -> None:
    sign_in(client, "admin")
    page = client.get(f"{URL}/new").get_data(as_text=True)
    response = client.post(f"{URL}/editor?lang=en", content_type="multipart/form-data", data={
        "csrf_token": csrf_from(page), "action": "validate", "bpmn": "<not-this/>",
        "file": (io.BytesIO(samples.chain("no_start", [], start=False)), "model.bpmn")})
    assert response.status_code == 422
    assert 'data-problem-element="no_start"' in text_of(response)


def test_a_test_run_of_the_general_application_shows_its_path_and_keeps_nothing(
        client: FlaskClient, db: Session) -> None:
    sign_in(client, "admin")
    before = counts(db)
    response = act(client, "test_run", GENERAL, sample='{"report_unit": null, "unit": "URB"}')
    assert response.status_code == 200  # type: ignore[attr-defined]
    page = text_of(response)
    # Without a report unit the path skips the report; the resolution is drafted and sent
    # to the signature tray, where a real process waits for the signature (or ends).
    assert re.search(r'data-outcome="(ended|waiting)"', page)
    path = re.findall(r'data-reached-element="([^"]+)"', page)
    assert path[:4] == ["StartEvent_file_opened", "Task_review_application",
                        "Gateway_report_needed", "Gateway_ready_to_resolve"]
    assert "CallActivity_request_report" not in path
    review = re.search(r'data-testid="test-run-task-Task_review_application">(.*?)</tr>',
                       page, re.S)
    assert review and "Processing clerk" in review.group(1)
    assert "URB (Urban Planning Service)" in review.group(1)
    assert ">clerk<" in review.group(1)
    calls = re.findall(r'data-testid="test-run-call-([^"]+)">\s*<td[^>]*><code>[^<]*</code></td>'
                       r'\s*<td[^>]*><code>([^<]*)</code></td>\s*<td[^>]*><code>([^<]*)</code>',
                       page)
    assert any(operator == "render_document" and '"template": "resolution"' in params
               for _element, operator, params in calls), calls
    assert counts(db) == before  # no instance, no intent, no version


def test_a_test_run_reports_the_element_where_the_model_fails(client: FlaskClient) -> None:
    model = samples.chain("fails", [samples.user_task("Task_review"),
                                    samples.script_task("Task_sum", "total = area * 2")],
                          lanes=[samples.lane("Lane_clerks", ["StartEvent_start", "Task_review",
                                                              "Task_sum", "EndEvent_end"])])
    sign_in(client, "admin")
    page = text_of(act(client, "test_run", model, sample='{"size": 3}'))
    assert 'data-outcome="failed"' in page
    assert "The process fails at Task_sum" in page and "area" in page
    assert 'data-problem-element="Task_sum"' in page  # marked in the diagram
    assert re.findall(r'data-reached-element="([^"]+)"', page) == [
        "StartEvent_start", "Task_review", "Task_sum"]


def test_a_test_run_stops_where_the_model_waits_for_a_message(client: FlaskClient) -> None:
    model = samples.chain("waits", [samples.message_catch("Event_answer", "Message_answer",
                                                          "answer")],
                          extra=samples.message("Message_answer", "citizen_answered"))
    sign_in(client, "admin")
    page = text_of(act(client, "test_run", model))
    assert 'data-outcome="waiting"' in page
    assert "Event_answer" in page and "the message citizen_answered" in page


def test_sample_data_must_be_a_json_object(client: FlaskClient) -> None:
    sign_in(client, "admin")
    response = act(client, "test_run", GENERAL, sample="[1, 2]")
    assert response.status_code == 422  # type: ignore[attr-defined]
    assert "The sample data must be a JSON object." in text_of(response)
    nested = act(client, "test_run", GENERAL, sample="[" * 15000)  # too deep to parse
    assert nested.status_code == 422  # type: ignore[attr-defined]
    assert "The sample data is not valid JSON" in text_of(nested)


def test_only_process_administrators_see_the_models(client: FlaskClient) -> None:
    sign_in(client, "clerk")
    assert client.get(URL).status_code == 403
    assert client.get(f"{URL}/general_application").status_code == 403
    page = client.get("/backoffice/tasks").get_data(as_text=True)
    refused = client.post(f"{URL}/editor", data={
        "csrf_token": csrf_from(page), "action": "publish",
        "bpmn": samples.review_model("clerk_review").decode()})
    assert refused.status_code == 403
