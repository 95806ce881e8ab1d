"""The whole citizen journey in Valencian, for a procedure with a fee and two mandatory
documents: catalogue → form (the fee shown live) → documents → check → card payment in
the sandbox → sign and send → registered, with a sealed receipt whose verification
code resolves on the public /verify page."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.steps import sign_in
from tests.pdfs import tiny_pdf

pytestmark = pytest.mark.e2e


def fill_the_terrace_form(page: Page) -> None:
    page.locator('input[name="establishment_name"]').fill("Bar Centre")
    page.locator('input[name="address"]').fill("Carrer de Colón, 12")  # category 1
    page.locator('input[name="area_m2"]').fill("12")
    page.locator('input[name="tables"]').fill("3")
    page.locator('input[name="chairs"]').fill("12")
    page.locator('input[name="season"][value="whole_year"]').check()
    page.locator('input[name="heaters"][value="no"]').check()


def attach(page: Page, code: str, name: str) -> None:
    page.get_by_test_id(f"file-{code}").set_input_files(
        {"name": name, "mimeType": "application/pdf", "buffer": tiny_pdf(name)})
    with page.expect_navigation():
        page.get_by_test_id(f"upload-{code}").click()
    expect(page.get_by_test_id(f"delivered-{code}")).to_contain_text(name)


def pay_in_the_sandbox(page: Page) -> None:
    with page.expect_navigation():
        page.get_by_test_id("pay-fee").click()
    with page.expect_navigation():
        page.get_by_test_id("pay-by-card").click()
    with page.expect_navigation():
        page.get_by_test_id("go-to-provider").click()
    expect(page.get_by_test_id("sandbox-banner")).to_contain_text("SANDBOX")
    page.locator("#card_number").fill("4548 8100 0000 0003")
    with page.expect_navigation():
        page.get_by_test_id("sandbox-pay").click()
    expect(page.get_by_test_id("card-result")).to_have_attribute("data-state", "paid")
    with page.expect_navigation():
        page.get_by_test_id("back-to-payment").click()
    with page.expect_navigation():
        page.get_by_test_id("back-to-application").click()


def test_ana_applies_for_a_terrace_in_valencian_pays_signs_and_verifies_her_receipt(
    page: Page, new_page: Any,
) -> None:
    sign_in(page, "ana")
    page.goto("/procedures/terrace-public-road?lang=ca")
    with page.expect_navigation():
        page.get_by_test_id("start-annual").click()
    expect(page.locator("html")).to_have_attribute("lang", "ca")
    fill_the_terrace_form(page)
    expect(page.get_by_test_id("fee-quote-panel")).to_contain_text("576,00")  # live, as she types
    with page.expect_navigation():
        page.get_by_test_id("continue").click()

    expect(page).to_have_url(re.compile(r"/applications/[0-9a-f-]{36}/documents$"))
    attach(page, "terrace_plan", "plano-terraza.pdf")
    attach(page, "liability_insurance", "seguro.pdf")
    with page.expect_navigation():
        page.get_by_test_id("documents-continue").click()

    expect(page.get_by_test_id("answers")).to_contain_text("Bar Centre")
    expect(page.get_by_test_id("fee-amount")).to_contain_text("576,00")
    expect(page.get_by_test_id("sign")).to_have_count(0)  # not before the fee is paid
    pay_in_the_sandbox(page)
    expect(page.get_by_test_id("fee-paid")).to_be_visible()
    with page.expect_navigation():
        page.get_by_test_id("sign").click()

    expect(page.get_by_test_id("status")).to_have_text("Registrada")
    expect(page.get_by_test_id("registry-number")).to_have_text(re.compile(r"^E/\d{4}/\d{6}$"))
    code = page.get_by_test_id("receipt-code").inner_text()
    assert re.fullmatch(r"[0-9A-Z]{4}(-[0-9A-Z]{4}){3}-[0-9A-Z*~$=U]", code), code

    visitor = new_page()  # anyone, not signed in, can check the receipt
    visitor.goto(f"/verify?code={code}&lang=ca")
    expect(visitor.locator("body")).to_contain_text(code)
    expect(visitor.locator("body")).to_contain_text(re.compile("B-LTA|B-T"))
