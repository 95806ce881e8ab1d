"""A citizen reads the electronic office in Valencian, and signing out ends the session."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.steps import sign_in, sign_out, translated

pytestmark = pytest.mark.e2e


def test_citizen_switches_to_valencian_and_after_signing_out_my_area_asks_to_sign_in(
    page: Page,
) -> None:
    sign_in(page, "ana")
    expect(page).to_have_url(re.compile(r"/citizen$"))

    with page.expect_navigation():
        page.locator('[data-lang="ca"]').click()

    expect(page.locator("html")).to_have_attribute("lang", "ca")
    expect(page.locator('[data-lang="ca"]')).to_have_attribute("aria-current", "true")
    expect(page.locator('[data-lang="es"]')).not_to_have_attribute("aria-current", "true")
    heading = translated("My area", "ca")
    if heading:
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)

    sign_out(page)
    expect(page.get_by_test_id("sign-in-link")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "ca")  # the language stays

    page.goto("/citizen")
    expect(page).to_have_url(re.compile(r"/sign-in\?next=(%2F|/)citizen$"))
    expect(page.locator("#login")).to_be_visible()
