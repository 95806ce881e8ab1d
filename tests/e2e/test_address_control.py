"""The city address control in a real browser on the demo city: the citizen types part
of a street, picks a suggestion from the combobox (keyboard or mouse) and the live fee
follows the street category of the address; without JavaScript the server resolves
what she typed and lists the matches to choose from."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import AXE_SCRIPT
from tests.e2e.steps import sign_in

pytestmark = pytest.mark.e2e
APPLY = "/procedures/terrace-public-road/annual/apply?lang=en"


def open_the_terrace_form(page: Page) -> None:
    sign_in(page, "ana")
    page.goto(APPLY)
    page.locator('input[name="area_m2"]').fill("20")


def test_ana_picks_a_suggested_address_and_the_fee_follows_its_street_category(
        page: Page) -> None:
    open_the_terrace_form(page)
    box = page.get_by_role("combobox", name=re.compile("Address of the establishment"))
    box.press_sequentially("colon 12", delay=40)
    suggestions = page.get_by_role("listbox")
    expect(suggestions.get_by_role("option")).to_have_count(2)  # 12 and 12 B
    expect(box).to_have_attribute("aria-expanded", "true")
    box.press("ArrowDown")
    expect(box).to_have_attribute("aria-activedescendant", re.compile("suggestions-0$"))
    box.press("Enter")  # chooses; the form is not sent
    expect(box).to_have_value("CL de Colón, 12")
    expect(page.locator('input[name="address.code"]')).to_have_value("01530-0012")
    expect(suggestions).to_be_hidden()
    expect(page.get_by_test_id("fee-quote-panel")).to_contain_text("960.00")  # 20 m² at 48 €

    box.fill("")
    box.press_sequentially("port 100", delay=40)
    page.get_by_role("option", name=re.compile(r"del Port, 100|del Puerto, 100")).click()
    expect(page.locator('input[name="address.code"]')).to_have_value("00612-0100")
    expect(page.get_by_test_id("fee-quote-panel")).to_contain_text("600.00")  # 20 m² at 30 €


def test_the_open_suggestions_have_no_serious_accessibility_problem(
        new_page: Callable[..., Page]) -> None:
    if not AXE_SCRIPT.is_file():
        pytest.fail(f"{AXE_SCRIPT} is missing: run `make assets`")
    page = new_page(bypass_csp=True)  # only to inject axe-core
    open_the_terrace_form(page)
    box = page.get_by_role("combobox", name=re.compile("Address of the establishment"))
    box.press_sequentially("colon", delay=40)
    expect(page.get_by_role("listbox").get_by_role("option")).not_to_have_count(0)
    box.press("ArrowDown")
    page.add_script_tag(path=str(AXE_SCRIPT))
    results: dict[str, Any] = page.evaluate(
        "() => axe.run(document.querySelector('[data-eo-kind=\"city_address\"]'))")
    blocking = [(v["id"], v["help"]) for v in results["violations"]
                if v.get("impact") in {"serious", "critical"}]
    assert blocking == []


def test_without_javascript_the_typed_street_is_resolved_and_matches_are_listed(
        new_page: Callable[..., Page]) -> None:
    page = new_page(java_script_enabled=False)
    open_the_terrace_form(page)
    page.locator('input[name="establishment_name"]').fill("Bar Centre")
    page.locator('input[name="tables"]').fill("4")
    page.locator('input[name="chairs"]').fill("16")
    page.locator('input[name="season"][value="whole_year"]').check()
    page.locator('input[name="address"]').fill("Calle de Colón")
    with page.expect_navigation():
        page.get_by_test_id("continue").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Several addresses match")
    page.get_by_label(re.compile(r"CL de Colón, 12 B")).check()
    with page.expect_navigation():
        page.get_by_test_id("continue").click()
    expect(page).to_have_url(re.compile(r"/applications/[0-9a-f-]{36}/documents$"))
