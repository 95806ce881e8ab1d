"""Two quick clicks on "Sign and send" that both reach the server (GOV.UK's double-click
guard removed, as in a browser without it) register the application once."""

from __future__ import annotations

import re
import sqlite3
import time
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e.steps import sign_in

pytestmark = pytest.mark.e2e


def instance(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = Path(tmp_path_factory.getbasetemp())
    [path] = {found.resolve() for found in base.glob("e2e-instance*")}
    return path


def entries_of(folder: Path, submission: str) -> int:
    with sqlite3.connect(folder / "e2e.sqlite3") as db:
        row = db.execute("SELECT COUNT(*) FROM registry_entry WHERE submission_id = ?",
                         (submission,)).fetchone()
    return int(row[0])


def submits_received(folder: Path, submission: str) -> int:
    log = (folder / "server.log").read_text(errors="replace")
    return log.count(f"POST /applications/{submission}/submit ")


def test_a_double_click_on_sign_and_send_registers_once(
    new_page: Any, tmp_path_factory: pytest.TempPathFactory,
) -> None:
    page = new_page()
    sign_in(page, "ana")
    page.goto("/procedures/general-application/standard/apply?lang=en")
    page.locator('input[name="subject"]').fill("Double click")
    page.locator('[name="request"]').fill("Please register this once.")
    with page.expect_navigation():
        page.get_by_test_id("continue").click()
    with page.expect_navigation():
        page.get_by_test_id("documents-continue").click()
    submission = re.search(r"/applications/([0-9a-f-]{36})/check", page.url)
    assert submission
    sign = page.get_by_test_id("sign")
    sign.evaluate("button => button.removeAttribute('data-prevent-double-click')")
    # the second click comes while the first is on its way (the browser drops the first
    # answer; the server has both requests)
    sign.evaluate("button => { button.click();"
                  " setTimeout(() => button.form.requestSubmit(button), 100); }")
    expect(page.get_by_test_id("registry-number")).to_have_text(
        re.compile(r"^E/\d{4}/\d{6}$"), timeout=60_000)  # both submits, one after the other
    folder = instance(tmp_path_factory)
    deadline = time.monotonic() + 30  # the access log is written as requests end
    while submits_received(folder, submission.group(1)) < 2 and time.monotonic() < deadline:
        time.sleep(0.1)
    assert submits_received(folder, submission.group(1)) == 2  # both clicks arrived
    assert entries_of(folder, submission.group(1)) == 1
