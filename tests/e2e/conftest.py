"""Fixtures of the browser tests: the real server on loopback and Debian's chromium.

The server is started as people start it (`eoffice db upgrade`, `eoffice demo
load`, `eoffice serve`) on a free port, with its own instance folder and SQLite
file, once per test session. The browser is Debian's /usr/bin/chromium driven
by Playwright (no downloaded browser). Without chromium the tests are skipped,
unless EOFFICE_REQUIRE_E2E=1 (CI), where they fail.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

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
SCREENS = REPO_ROOT / "test-results" / "screens"
AXE_SCRIPT = REPO_ROOT / "frontend" / "node_modules" / "axe-core" / "axe.min.js"
LANGUAGES = ("es", "ca", "en")
STARTUP_SECONDS = 60


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _server_env(instance: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("EOFFICE_")}
    env.update(
        EOFFICE_INSTANCE_PATH=str(instance),
        EOFFICE_DATABASE_URL=f"sqlite:///{instance / 'e2e.sqlite3'}",
        EOFFICE_SECRET_KEY="e2e-secret-key-not-for-production",
        EOFFICE_SIGN_IN_RATE_LIMIT="1000 per minute",
    )
    return env


def _eoffice(*args: str) -> list[str]:
    return [sys.executable, "-m", "eoffice.cli", *args]


def _wait_until_answering(url: str, server: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"eoffice serve exited with {server.returncode}:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)
    pytest.fail(f"eoffice serve did not answer {url} in {STARTUP_SECONDS} s:\n{log.read_text()}")


@pytest.fixture(scope="session")
def server_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of a real eoffice server holding the demo city (SQLite, loopback)."""
    instance = tmp_path_factory.mktemp("e2e-instance")
    env = _server_env(instance)
    for command in (("db", "upgrade"), ("demo", "load")):
        done = subprocess.run(_eoffice(*command), env=env, capture_output=True, text=True,
                              check=False, timeout=120)
        if done.returncode != 0:
            pytest.fail(f"eoffice {' '.join(command)} failed:\n{done.stdout}{done.stderr}")
    port = _free_port()
    log = instance / "server.log"
    with log.open("wb") as output:
        server = subprocess.Popen(
            _eoffice("serve", "--host", "127.0.0.1", "--port", str(port), "--workers", "1"),
            env=env, stdout=output, stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_answering(f"{url}/", server, log)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=10)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's chromium, headless, through Playwright."""
    if not os.access(CHROMIUM, os.X_OK):
        reason = f"{CHROMIUM} is not installed (apt-get install chromium)"
        if os.environ.get("EOFFICE_REQUIRE_E2E") == "1":
            pytest.fail(f"EOFFICE_REQUIRE_E2E=1 but {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright  # noqa: PLC0415 - only with a browser

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
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    """A page with JavaScript, in a fresh context."""
    return new_page()

