"""An administrator builds a form with a block and a condition, a procedure case pins
it, and a citizen fills it in in Valencian: the condition shows and hides a field,
she checks and signs her answers, and the clerk of the unit reads them read-only."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.steps import sign_in

pytestmark = pytest.mark.e2e

FORM = "e2e_parking_permit"
PROCEDURE = "e2e-parking-permit"


def add_question(page: Page, kind: str, es: str, ca: str, en: str) -> None:
    form = page.get_by_test_id("add-control")
    form.locator("#control-type").select_option(kind)
    form.locator("#control-label-es").fill(es)
    form.locator("#control-label-ca").fill(ca)
    form.locator("#control-label-en").fill(en)
    with page.expect_navigation():
        page.get_by_test_id("add-control-submit").click()


def build_and_publish_the_form(page: Page) -> None:
    page.goto("/admin/forms")
    page.get_by_test_id("new-form").click()
    page.locator("#title-es").fill("Permiso de aparcamiento E2E")
    page.locator("#title-ca").fill("Permís d'aparcament E2E")
    page.locator("#title-en").fill("E2E parking permit")
    expect(page.locator("#key")).to_have_value(FORM)  # suggested from the English title
    with page.expect_navigation():
        page.get_by_test_id("create").click()

    add_question(page, "yes_no", "¿Tiene vehículo?", "Teniu vehicle?", "Do you have a vehicle?")
    add_question(page, "text", "Motivo", "Motiu", "Reason")
    page.get_by_test_id("change-reason").click()
    page.locator('input[name="show_if-mode"][value="simple"]').check()
    page.locator("#show_if-field").select_option("do_you_have_a_vehicle")
    page.locator("#show_if-operator").select_option("is_yes")
    page.locator('input[name="required-mode"][value="yes"]').check()
    with page.expect_navigation():
        page.get_by_test_id("save").click()
    # The browser asks for Spanish: the outline names the condition's question in Spanish.
    expect(page.get_by_test_id("row-reason")).to_contain_text("“¿Tiene vehículo?”")

    page.locator("#block-block").select_option("vehicle:1")
    expect(page.locator("#block-key")).to_have_value("vehicle")
    with page.expect_navigation():
        page.get_by_test_id("add-block-submit").click()
    expect(page.get_by_test_id("row-vehicle")).to_be_visible()

    page.get_by_test_id("check").click()
    expect(page.locator(".govuk-notification-banner--success").last).to_be_visible()
    expect(page.locator(".govuk-error-summary")).to_have_count(0)
    with page.expect_navigation():
        page.get_by_test_id("publish").click()
    expect(page.get_by_test_id("start-draft")).to_be_visible()  # published: it never changes


def attach_to_a_new_procedure(page: Page) -> None:
    """Through the catalogue's admin API, in the administrator's browser session."""
    token = page.locator('input[name="csrf_token"]').first.get_attribute("value")
    headers = {"X-CSRFToken": token or "", "Accept": "application/json"}
    admin = "/api/v1/admin/procedures"
    history = page.request.get(f"{admin}/general-application/versions").json()
    number = history["items"][-1]["number"]
    model: dict[str, Any] = page.request.get(
        f"{admin}/general-application/versions/{number}").json()["definition"]
    model["title"] = {"es": "Aparcamiento E2E", "ca": "Aparcament E2E", "en": "E2E parking"}
    model["cases"] = [{
        "code": "standard", "title": {"es": "Solicitud", "ca": "Sol·licitud", "en": "Application"},
        "form": {"key": FORM, "version": 1}, "required_documents": [], "has_fee": False,
    }]
    created = page.request.post(admin, data={"code": PROCEDURE, **model}, headers=headers)
    assert created.status == 201, created.text()
    published = page.request.post(f"{admin}/{PROCEDURE}/versions/1/publish", data={},
                                  headers=headers)
    assert published.status == 200, published.text()


def test_a_form_built_in_the_builder_is_filled_in_by_a_citizen_in_valencian(
    page: Page, new_page: Any,
) -> None:
    sign_in(page, "admin")
    build_and_publish_the_form(page)
    attach_to_a_new_procedure(page)

    citizen = new_page()
    sign_in(citizen, "ana")
    # A static request of the previous page that ends late re-sends the session cookie
    # as it was (without the language): let the page settle before choosing Valencian.
    citizen.wait_for_load_state("networkidle")
    citizen.goto(f"/procedures/{PROCEDURE}?lang=ca")
    citizen.wait_for_load_state("networkidle")
    with citizen.expect_navigation():
        citizen.get_by_test_id("start-standard").click()
    expect(citizen).to_have_url(re.compile(rf"/procedures/{PROCEDURE}/standard/apply$"))
    expect(citizen.locator("html")).to_have_attribute("lang", "ca")
    expect(citizen.get_by_text("Teniu vehicle?")).to_be_visible()

    reason = citizen.locator('[data-eo-path="reason"]')
    expect(reason).to_be_hidden()
    citizen.locator('input[name="do_you_have_a_vehicle"][value="yes"]').check()
    expect(reason).to_be_visible()
    expect(reason).to_contain_text("Motiu")
    citizen.locator('input[name="do_you_have_a_vehicle"][value="no"]').check()
    expect(reason).to_be_hidden()
    citizen.locator('input[name="do_you_have_a_vehicle"][value="yes"]').check()
    citizen.locator('input[name="reason"]').fill("Treballe al centre")
    citizen.locator('input[name="vehicle.plate"]').fill("1234 BCD")
    citizen.locator('input[name="vehicle.make"]').fill("Seat")
    with citizen.expect_navigation():
        citizen.get_by_test_id("continue").click()

    answers = citizen.get_by_test_id("answers")
    expect(answers).to_contain_text("Teniu vehicle?")
    expect(answers).to_contain_text("Motiu")
    expect(answers).to_contain_text("Treballe al centre")
    expect(answers).to_contain_text("Seat")
    with citizen.expect_navigation():
        citizen.get_by_test_id("sign").click()
    expect(citizen.get_by_test_id("status")).to_have_text("Registrada")
    expect(citizen.get_by_test_id("registry-number")).to_have_text(re.compile(r"^E/\d{4}/\d{6}$"))
    sent = citizen.url

    clerk = new_page()
    sign_in(clerk, "clerk")
    clerk.goto("/backoffice/applications?lang=en")
    with clerk.expect_navigation():
        clerk.get_by_role("link", name=re.compile("E2E parking")).first.click()
    expect(clerk).to_have_url(re.compile(r"/backoffice/applications/[0-9a-f-]{36}$"))
    assert clerk.url.rsplit("/", 1)[-1] == sent.rsplit("/", 1)[-1]
    answers = clerk.get_by_test_id("answers")
    expect(answers).to_contain_text("Do you have a vehicle?")
    expect(answers).to_contain_text("Treballe al centre")
    expect(answers).to_contain_text("Seat")
    expect(clerk.get_by_test_id("applicant")).to_have_text("Ana García Puig")
    expect(clerk.locator('input[name="reason"]')).to_have_count(0)
