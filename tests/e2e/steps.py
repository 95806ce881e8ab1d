"""Steps a person takes in the browser, shared by the journeys."""

from __future__ import annotations

import gettext
import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import Page

from tests.live_server import eoffice_command

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


def run_worker(env: dict[str, str]) -> None:
    """``eoffice worker --once`` beside the e2e server until a round finds nothing left."""
    for _round in range(8):
        done = subprocess.run(eoffice_command("worker", "--once"), env=env,
                              capture_output=True, text=True, timeout=180, check=False)
        assert done.returncode == 0, done.stdout + done.stderr
        if done.stdout.strip().endswith("work done: 0"):
            return
    pytest.fail("the worker still had work after 8 rounds")
