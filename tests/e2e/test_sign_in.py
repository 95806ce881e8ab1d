"""Signing in and out in a browser, with and without JavaScript."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.steps import sign_in, sign_out

pytestmark = pytest.mark.e2e


def test_wrong_password_shows_the_error_summary_and_does_not_sign_in(page: Page) -> None:
    sign_in(page, "bernat", "not-his-password")

    expect(page).to_have_url(re.compile(r"/sign-in$"))
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary.locator("a[href='#login']")).to_be_visible()
    expect(page.get_by_test_id("sign-in-link")).to_be_visible()
    expect(page.get_by_test_id("account-name")).to_have_count(0)

    page.goto("/citizen")
    expect(page).to_have_url(re.compile(r"/sign-in\?next="))


def test_sign_in_and_sign_out_work_without_javascript(new_page: Callable[..., Page]) -> None:
    page = new_page(java_script_enabled=False)

    sign_in(page, "ana")
    expect(page).to_have_url(re.compile(r"/citizen$"))
    expect(page.get_by_test_id("account-name")).to_be_visible()
    expect(page.get_by_test_id("greeting")).to_be_visible()

    sign_out(page)
    expect(page.get_by_test_id("sign-in-link")).to_be_visible()
    page.goto("/citizen")
    expect(page).to_have_url(re.compile(r"/sign-in\?next="))
