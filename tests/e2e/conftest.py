"""Fixtures of the browser tests: the real server on loopback and Debian's chromium.

The server is started as people start it (`eoffice db upgrade`, `eoffice demo
load`, `eoffice serve`) on a free port, with its own instance folder and SQLite
file, once per test session. The browser is Debian's /usr/bin/chromium driven
by Playwright (no downloaded browser). Without chromium the tests are skipped,
unless EOFFICE_REQUIRE_E2E=1 (CI), where they fail.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from eoffice.shared.db import Database
from tests.live_server import LiveServer, prepare_instance, server_env

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
REPO_ROOT = Path(__file__).resolve().parents[2]
PATIENCE_MS = 15_000  # how long the browser and expect() wait for what a user waits for
SCREENS = REPO_ROOT / "test-results" / "screens"
AXE_SCRIPT = REPO_ROOT / "frontend" / "node_modules" / "axe-core" / "axe.min.js"
LANGUAGES = ("es", "ca", "en")


@pytest.fixture(scope="session")
def server_environment(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The environment of the e2e server (its instance folder, database, dev PKI port),
    with the database created and the demo city loaded; ``eoffice worker --once`` run
    with it works on the server's data, as the worker beside a real server does."""
    instance = tmp_path_factory.mktemp("e2e-instance")
    env = server_env(instance, database_file="e2e.sqlite3",
                     EOFFICE_SECRET_KEY="e2e-secret-key-not-for-production")
    prepare_instance(env)
    return env


@pytest.fixture
def server_database(server_environment: dict[str, str]) -> Iterator[Database]:
    """The e2e server's own database, to prepare data and check what the browser did."""
    database = Database(server_environment["EOFFICE_DATABASE_URL"])
    yield database
    database.dispose()


@pytest.fixture(scope="session")
def server_url(server_environment: dict[str, str]) -> Iterator[str]:
    """Base URL of a real eoffice server holding the demo city (SQLite, loopback)."""
    env = server_environment
    instance = Path(env["EOFFICE_INSTANCE_PATH"])
    server = LiveServer(env, instance / "server.log")
    server.start()
    try:
        yield server.url
    finally:
        server.stop()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """Debian's chromium, headless, through Playwright; one per test module, because the
    sync API keeps an asyncio loop running in this thread while it is open, and in-process
    code run by later tests (pyHanko's signing) needs to start its own."""
    if not os.access(CHROMIUM, os.X_OK):
        reason = f"{CHROMIUM} is not installed (apt-get install chromium)"
        if os.environ.get("EOFFICE_REQUIRE_E2E") == "1":
            pytest.fail(f"EOFFICE_REQUIRE_E2E=1 but {reason}")
        pytest.skip(reason)
    from playwright.sync_api import expect, sync_playwright  # noqa: PLC0415 - only with a browser

    # expect() waits 5 s by default, whatever the context's timeout: too short for a busy
    # machine signing and sealing while the assertion waits
    expect.set_options(timeout=PATIENCE_MS)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS,
        )
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def new_page(browser, server_url: str):
    """``new_page(java_script_enabled=True, bypass_csp=False)`` → a page in a fresh context.

    The visitor's browser asks for Spanish, the city's usual language. Only a
    test that injects its own script (axe-core) bypasses the Content Security Policy.
    """
    contexts = []

    def open_page(*, java_script_enabled: bool = True, bypass_csp: bool = False):
        context = browser.new_context(
            base_url=server_url, locale="es-ES", java_script_enabled=java_script_enabled,
            bypass_csp=bypass_csp,
        )
        context.set_default_timeout(PATIENCE_MS)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    """A page with JavaScript, in a fresh context."""
    return new_page()

