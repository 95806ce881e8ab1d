"""Issue 9 in a real browser, on the archive `eoffice demo load` leaves (three closed
files transferred; the worker indexes them): the archivist finds the terrace licence by a
word of its resolution, narrows the hits by unit, opens the archived file and sees its
package and sealed receipt; a clerk of another unit finds nothing of it."""

from __future__ import annotations

import re
import subprocess
from typing import Any

import pytest
from playwright.sync_api import expect

from eoffice.demo.archive import DEMO_FILES
from tests.e2e.steps import sign_in
from tests.live_server import eoffice_command

pytestmark = pytest.mark.e2e

TERRACE = DEMO_FILES[0]


@pytest.fixture(scope="module")
def indexed(server_environment: dict[str, str]) -> None:
    """The worker beside the server has indexed the demo's archived files."""
    for _round in range(8):
        subprocess.run(eoffice_command("worker", "--once"), env=server_environment,
                       capture_output=True, text=True, timeout=180, check=True)
        status = subprocess.run(eoffice_command("archive", "index-status"),
                                env=server_environment, capture_output=True, text=True,
                                timeout=120, check=False)
        if status.returncode == 0:
            return
    pytest.fail(f"the archive index is incomplete: {status.stdout}{status.stderr}")


def _search(page: Any, words: str) -> None:
    page.goto("/backoffice/archive")
    page.get_by_test_id("archive-search").click()
    page.get_by_test_id("q").fill(words)
    with page.expect_navigation():
        page.get_by_test_id("search").click()


def test_the_archivist_finds_the_terrace_licence_by_a_word_of_its_resolution(
        new_page: Any, indexed: None) -> None:
    archivist = new_page(java_script_enabled=False)
    sign_in(archivist, "archivist")
    _search(archivist, "veladores")
    hits = archivist.get_by_test_id("hit")
    expect(hits.first).to_be_visible()
    expect(archivist.get_by_test_id("hits")).to_contain_text(TERRACE.subject)
    expect(archivist.get_by_test_id("highlight").locator("mark").first).to_have_text(
        "veladores", ignore_case=True)

    units = archivist.get_by_test_id("facet-unit")
    with archivist.expect_navigation():
        units.get_by_role("link", name=TERRACE.unit).click()
    selected = archivist.get_by_test_id("facet-unit").locator("[aria-current=true]")
    expect(selected).to_contain_text(TERRACE.unit)
    expect(archivist.get_by_test_id("hits")).to_contain_text(TERRACE.subject)

    with archivist.expect_navigation():
        archivist.get_by_test_id("hit").filter(has_text=TERRACE.subject).first.get_by_role(
            "link").first.click()
    expect(archivist.get_by_test_id("record-metadata")).to_contain_text(TERRACE.subject)
    expect(archivist.get_by_test_id("package-files")).to_contain_text("mets.xml")
    expect(archivist.get_by_test_id("package-sha256")).to_have_text(
        re.compile(r"^[0-9a-f]{64}$"))
    receipt = archivist.request.get(
        archivist.get_by_test_id("receipt").get_by_role("link").get_attribute("href"))
    assert receipt.ok and receipt.body().startswith(b"%PDF")


def test_a_clerk_of_another_unit_finds_nothing_of_it(new_page: Any, indexed: None) -> None:
    clerk = new_page(java_script_enabled=False)
    sign_in(clerk, "clerk")  # Urban Planning; the terrace licence is ODP's
    _search(clerk, "veladores")
    expect(clerk.get_by_test_id("no-hits")).to_be_visible()
    expect(clerk.get_by_test_id("hit")).to_have_count(0)
