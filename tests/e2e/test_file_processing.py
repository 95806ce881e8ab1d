"""A minor-works licence processed in a real browser, from the clerk's task list to the
signed resolution (issue 7, must-show 3): the clerk of the licences section takes the
review task and asks the municipal technical office for a report; the technical office's
clerk writes it; the clerk drafts the resolution; the head of urban planning signs it in
the tray; the citizen sees her file resolved and notified in her portal.

Ana's application reaches the city through the API (draft, answers, fee paid at the
bank, plans, sent), as the journey tests already cover the portal's forms; everything
after it is done in the browser by the people the process names. The background work
(the process started when the file opens, the signature's news, the closure) is done by
``eoffice worker --once`` on the server's own database, as the worker beside a server
does."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from eoffice import identity, payments
from eoffice.shared.db import Database
from tests.e2e.steps import run_worker, sign_in, sign_out
from tests.pdfs import tiny_pdf

pytestmark = pytest.mark.e2e
KITCHEN = {"kind_of_works": "interior_reform", "description": "Reforma de la cocina",
           "budget": "12000", "occupies_public_road": False,
           "site": {"street": "Carrer Major", "number": "3", "postcode": "46001",
                    "municipality": "València", "province": "València"},
           "property": {"reference": "9872023VH5797S0001WX"}}


def _token(database: Database, login: str) -> dict[str, str]:
    with database.unit_of_work() as db:
        issued = identity.issue_token(db, identity.get_account(db, login), name="e2e",
                                      valid_for=timedelta(hours=1), actor="e2e")
        return {"Authorization": f"Bearer {issued.secret}"}


def _send_minor_works(page: Page, database: Database) -> tuple[str, str]:
    """Ana's minor-works application, sent through the API; its id and file number."""
    ana = _token(database, "ana")
    api = page.request
    draft = api.post("/api/v1/submissions", headers=ana,
                     data={"procedure": "minor-works", "case": "interior"})
    assert draft.ok, draft.text()
    path = f"/api/v1/submissions/{draft.json()['id']}"
    checked = api.patch(path, headers=ana, data={"answers": KITCHEN})
    assert checked.json()["status"] == "validated", checked.text()
    fee = api.post(f"{path}/payment", headers=ana).json()
    with database.unit_of_work() as db:
        payments.record_bank_receipt(db, fee["reference"], nrc="NRC0123456789012345678",
                                     amount=Decimal(fee["amount"]), actor="clerk")
    plans = api.post(f"{path}/attachments", headers=ana, multipart={
        "document_type": "plans",
        "file": {"name": "plans.pdf", "mimeType": "application/pdf", "buffer": tiny_pdf()}})
    assert plans.status == 201, plans.text()
    sent = api.post(f"{path}/submit", headers=ana, data={})
    assert sent.ok and sent.json()["status"] == "registered", sent.text()
    return str(draft.json()["id"]), str(sent.json()["file"]["number"])


def _open_task(page: Page, name: str, number: str) -> None:
    """Open the task ``name`` of the file ``number`` from the task list (other tests of
    the session leave tasks of their own files)."""
    page.goto("/backoffice/tasks")
    row = page.locator('[data-testid="tasks"] tbody tr').filter(has_text=number)
    row.get_by_role("link", name=name).first.click()
    expect(page.get_by_test_id("task-name")).to_have_text(name)
    expect(page.get_by_test_id("task-file")).to_have_text(number)


def _complete(page: Page) -> None:
    with page.expect_navigation():
        page.get_by_test_id("complete").click()
    expect(page.locator(".govuk-notification-banner--success")).to_be_visible()


def _take(page: Page) -> None:
    with page.expect_navigation():
        page.get_by_test_id("claim").click()


def _tasks_of(page: Page, number: str) -> list[str]:
    """The names of the tasks of the file ``number`` in the viewer's task list."""
    page.goto("/backoffice/tasks")
    rows = page.locator('[data-testid="tasks"] tbody tr').filter(has_text=number)
    names = rows.locator("td:first-child")
    return [text.strip() for text in names.all_inner_texts()]


def test_minor_works_from_the_clerks_task_to_the_signed_resolution_the_citizen_sees(
        new_page: Any, server_environment: dict[str, str],
        server_database: Database) -> None:
    env = server_environment
    api_page = new_page()
    submission, number = _send_minor_works(api_page, server_database)
    run_worker(env)  # the file opens its case's process: minor_works

    clerk = new_page(java_script_enabled=False)
    sign_in(clerk, "clerk")
    _open_task(clerk, "Review the application", number)
    expect(clerk.get_by_test_id("application-answers")).to_contain_text("Reforma de la cocina")
    _take(clerk)
    _open_task(clerk, "Review the application", number)
    expect(clerk.get_by_test_id("task-summary")).to_contain_text("clerk")
    clerk.locator("#field-technical_report").check()  # "yes"
    clerk.locator("#field-report_question").fill("¿Afecta la reforma a la estructura?")
    _complete(clerk)
    assert _tasks_of(clerk, number) == []  # the report is another unit's task

    technician = new_page(java_script_enabled=False)
    sign_in(technician, "technician")
    _open_task(technician, "Write the report", number)
    expect(technician.get_by_test_id("process-data")).to_contain_text("¿Afecta la reforma")
    technician.locator("#field-summary").fill("Favorable: no afecta a elementos estructurales.")
    _complete(technician)
    assert _tasks_of(technician, number) == []

    _open_task(clerk, "Draft the resolution", number)
    clerk.locator("#field-decision").check()  # "granted"
    clerk.locator("#field-resolution_text").fill(
        "Se concede la licencia de obra menor para la reforma de la cocina.")
    _complete(clerk)

    head = new_page(java_script_enabled=False)
    sign_in(head, "head")
    head.goto("/backoffice/signatures")
    head.get_by_test_id("waiting").get_by_role("link", name=f"Resolución {number}").click()
    with head.expect_navigation():
        head.get_by_test_id("sign").click()
    expect(head.get_by_test_id("circuit-state")).to_have_attribute("data-state", "signed")
    run_worker(env)  # the signature's news resumes the process: ana is notified

    citizen = new_page(java_script_enabled=False)
    sign_in(citizen, "ana")
    citizen.goto("/notifications")
    citizen.get_by_test_id("pending").locator("tr").filter(has_text=number).get_by_role(
        "link").click()
    with citizen.expect_navigation():
        citizen.get_by_test_id("access").click()
    expect(citizen.get_by_test_id("accessed")).to_be_visible()
    run_worker(env)  # her access resumes the process: notified, closure asked
    run_worker(env)  # the file is closed
    citizen.goto(f"/applications/{submission}")
    expect(citizen.get_by_test_id("file-phase")).to_be_visible()
    expect(citizen.get_by_test_id("phase-notified")).to_be_visible()
    sign_out(citizen)
