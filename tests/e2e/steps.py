"""Steps a person takes in the browser, shared by the journeys."""

from __future__ import annotations

import gettext
from pathlib import Path

from playwright.sync_api import Page

TRANSLATIONS = Path(__file__).resolve().parents[2] / "eoffice" / "translations"


def sign_in(page: Page, login: str, password: str | None = None) -> None:
    """Sign in through the sign-in form."""
    page.goto("/sign-in")
    page.locator("#login").fill(login)
    page.locator("#password").fill(password if password is not None else login)
    with page.expect_navigation():
        page.get_by_test_id("sign-in-submit").click()


def sign_out(page: Page) -> None:
    """Press the header's "Sign out" button."""
    with page.expect_navigation():
        page.get_by_test_id("sign-out").click()


def translated(text: str, locale: str) -> str | None:
    """``text`` in ``locale`` from the compiled catalogue, or None while it is untranslated."""
    catalogue = TRANSLATIONS / locale / "LC_MESSAGES" / "messages.mo"
    if not catalogue.is_file():
        return None
    with catalogue.open("rb") as mo:
        result = gettext.GNUTranslations(mo).gettext(text)
    return result if result != text else None
