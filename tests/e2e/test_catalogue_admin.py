"""An administrator creates a procedure in the admin pages, publishes it, and a
citizen finds its page in the electronic office."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import SCREENS
from tests.e2e.steps import sign_in

pytestmark = pytest.mark.e2e

CODE = "noise-map-consultation"
TITLES = {"es": "Consulta del mapa de ruido", "ca": "Consulta del mapa de soroll",
          "en": "Noise map consultation"}


def fill_texts(page: Page, prefix: str, texts: dict[str, str]) -> None:
    for lang, text in texts.items():
        page.locator(f"#{prefix}-{lang}").fill(text)


def submit(page: Page, test_id: str) -> None:
    with page.expect_navigation():
        page.get_by_test_id(test_id).click()


def test_an_administrator_creates_and_publishes_a_procedure_that_citizens_then_see(
    page: Page, new_page: Callable[..., Page],
) -> None:
    sign_in(page, "admin")
    page.goto("/admin")
    submit(page, "admin-catalogue")
    submit(page, "new-procedure")
    page.locator("#code").fill(CODE)
    page.locator("#unit").select_option("URB")
    fill_texts(page, "title", TITLES)
    submit(page, "create-procedure")

    expect(page).to_have_url(re.compile(rf"/admin/catalogue/procedures/{CODE}/versions/1/edit$"))
    fill_texts(page, "summary", {lang: f"{text}." for lang, text in TITLES.items()})
    fill_texts(page, "description", {"es": "El Ayuntamiento revisa el mapa de ruido.",
                                     "ca": "L'Ajuntament revisa el mapa de soroll.",
                                     "en": "The city council reviews the noise map."})
    page.locator("input[name=kind][value=ex_officio]").check()
    page.locator("#resolution_term-value").fill("3")
    page.locator("#resolution_term-unit").select_option("months")
    submit(page, "add_reference")  # the page comes back with an empty row, unsaved
    page.locator("#legal_references-0-title").fill("Ley 37/2003, del Ruido")
    page.locator("#legal_references-0-url").fill("https://www.boe.es/eli/es/l/2003/11/17/37")
    submit(page, "save-draft")

    expect(page).to_have_url(re.compile(rf"/admin/catalogue/procedures/{CODE}$"))
    expect(page.get_by_test_id("version-1").locator("[data-state=draft]")).to_be_visible()
    submit(page, "publish")
    expect(page.locator(".govuk-error-summary")).to_have_count(0)
    expect(page.get_by_test_id("version-1").locator("[data-state=current]")).to_be_visible()
    SCREENS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENS / "catalogue-admin-procedure.png"), full_page=True)

    citizen = new_page(java_script_enabled=False)
    citizen.goto(f"/procedures/{CODE}")
    expect(citizen.get_by_test_id("procedure-title")).to_have_text(TITLES["es"])
    expect(citizen.get_by_test_id("legal-references")).to_contain_text("Ley 37/2003")
    citizen.goto("/procedures?q=soroll&lang=ca")
    expect(citizen.get_by_role("link", name=TITLES["ca"])).to_be_visible()
