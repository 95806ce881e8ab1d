"""axe-core finds no serious or critical accessibility problem on the main pages."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page

from tests.e2e.conftest import AXE_SCRIPT, LANGUAGES
from tests.e2e.steps import sign_in

pytestmark = pytest.mark.e2e

BLOCKING = {"serious", "critical"}


def _blocking_violations(page: Page) -> list[dict[str, Any]]:
    if page.evaluate("typeof window.axe") == "undefined":
        page.add_script_tag(path=str(AXE_SCRIPT))
    results = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return [v for v in results["violations"] if v.get("impact") in BLOCKING]


def _describe(found: dict[str, list[dict[str, Any]]]) -> str:
    lines = []
    for where, violations in found.items():
        for violation in violations:
            lines.append(f"{where}: [{violation['impact']}] {violation['id']}: "
                         f"{violation['help']} ({violation['helpUrl']})")
            for node in violation["nodes"]:
                target = " ".join(str(part) for part in node["target"])
                summary = (node.get("failureSummary") or "").replace("\n", "\n      ")
                lines.append(f"    at {target}\n      {summary}")
    return "\n".join(lines)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_home_sign_in_and_citizen_pages_have_no_serious_accessibility_violation(
    new_page: Callable[..., Page], lang: str,
) -> None:
    if not AXE_SCRIPT.is_file():
        pytest.fail(f"{AXE_SCRIPT} is missing: run `make assets`")
    page = new_page(bypass_csp=True)  # the page's CSP rightly refuses injected scripts
    found: dict[str, list[dict[str, Any]]] = {}

    for path in (f"/?lang={lang}", "/sign-in"):
        page.goto(path)
        found[f"{path} ({lang})"] = _blocking_violations(page)

    sign_in(page, "ana")
    page.goto("/citizen")
    assert page.locator("html").get_attribute("lang") == lang
    found[f"/citizen as ana ({lang})"] = _blocking_violations(page)

    found = {where: violations for where, violations in found.items() if violations}
    assert not found, "axe-core found serious or critical violations:\n" + _describe(found)
