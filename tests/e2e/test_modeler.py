"""An administrator opens the general application model in the BPMN modeler: the diagram
shows (laid out, since the product's models carry no diagram information), she renames
a task and validates; the model sent back keeps every SpiffWorkflow extension; a broken
model's problem is marked on its element in the diagram. No Content-Security-Policy
violation on the way."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import ConsoleMessage, FilePayload, Page, expect

from tests.e2e.steps import sign_in

pytestmark = pytest.mark.e2e

GENERAL = (Path(__file__).resolve().parents[2] / "workflows" / "procedures"
           / "general_application.bpmn").read_text()
READY = '[data-modeler][data-ready="true"]'


def spiff_extensions(xml: str) -> Counter[str]:
    """How many of each ``spiffworkflow:`` element the XML holds (opening tags)."""
    return Counter(re.findall(r"<spiffworkflow:(\w+)", xml))


def watch_csp(page: Page) -> list[str]:
    violations: list[str] = []

    def seen(message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text:
            violations.append(message.text)

    page.on("console", seen)
    return violations


def test_the_modeler_shows_edits_and_saves_a_product_model_with_its_extensions(
        page: Page) -> None:
    violations = watch_csp(page)
    sign_in(page, "admin")
    page.goto("/admin/process-models/general_application")
    expect(page.locator(READY)).to_be_visible()
    task = page.locator('[data-element-id="Task_review_application"]').first
    expect(task).to_be_visible()

    with page.expect_navigation():
        page.get_by_test_id("edit-model").click()
    expect(page.locator(READY)).to_be_visible()
    expect(page.locator("#bpmn")).to_be_hidden()  # the diagram replaces the XML field
    page.locator('[data-element-id="Task_review_application"]').first.dblclick()
    editor = page.locator(".djs-direct-editing-parent")
    expect(editor).to_be_visible()
    page.keyboard.press("Control+A")
    page.keyboard.type("Review the application carefully")
    page.locator(".djs-container svg").first.click(position={"x": 5, "y": 5})
    with page.expect_navigation():
        page.get_by_test_id("validate").click()

    expect(page.locator(READY)).to_be_visible()
    saved = page.locator("#bpmn").input_value()
    assert "Review the application carefully" in saved
    assert "BPMNDiagram" in saved  # laid out by bpmn-auto-layout, kept on save
    assert spiff_extensions(saved) == spiff_extensions(GENERAL)
    expect(page.locator('[data-element-id="Task_review_application"]').first).to_contain_text(
        "carefully")
    assert not violations, violations


def test_a_problem_found_by_validation_is_marked_on_its_element(page: Page) -> None:
    violations = watch_csp(page)
    sign_in(page, "admin")
    page.goto("/admin/process-models/general_application/edit")
    expect(page.locator(READY)).to_be_visible()
    broken = GENERAL.replace('calledElement="request_report"', 'calledElement="ghost_process"')
    upload: FilePayload = {"name": "general_application.bpmn", "mimeType": "application/xml",
                           "buffer": broken.encode()}
    page.locator("#file").set_input_files(files=[upload])
    expect(page.locator("#bpmn")).to_have_value(re.compile("ghost_process"))
    with page.expect_navigation():
        page.get_by_test_id("validate").click()

    expect(page.get_by_test_id("model-problems")).to_contain_text("CallActivity_request_report")
    expect(page.locator(READY)).to_be_visible()
    marked = page.locator(".djs-element.eoffice-problem"
                          '[data-element-id="CallActivity_request_report"]')
    expect(marked).to_have_count(1)
    assert not violations, violations


def test_without_javascript_the_model_is_edited_as_xml(new_page: Callable[..., Page]) -> None:
    page = new_page(java_script_enabled=False)
    sign_in(page, "admin")
    page.goto("/admin/process-models/general_application/edit")
    expect(page.locator("[data-modeler]")).to_be_hidden()
    xml = page.locator("#bpmn")
    expect(xml).to_be_visible()
    xml.fill(GENERAL.replace('calledElement="request_report"', 'calledElement="ghost_process"'))
    with page.expect_navigation():
        page.get_by_test_id("validate").click()
    expect(page.get_by_test_id("model-problems")).to_contain_text("CallActivity_request_report")
