"""Screenshots of the public pages in each language, for people to look at.

They go to test-results/screens/ (git-ignored); nothing is asserted on them.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.e2e.conftest import LANGUAGES, SCREENS

pytestmark = pytest.mark.e2e


def test_screenshots_of_home_and_sign_in_are_saved_in_each_language(page: Page) -> None:
    SCREENS.mkdir(parents=True, exist_ok=True)
    for lang in LANGUAGES:
        for name, path in (("home", "/"), ("sign-in", "/sign-in")):
            page.goto(f"{path}?lang={lang}")
            page.screenshot(path=str(SCREENS / f"{name}-{lang}.png"), full_page=True)
