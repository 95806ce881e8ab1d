"""Issue 8 in a real browser, on the demo city a server starts with (``eoffice demo
load``): a visitor reads the edict board, with the personal data of an edict on display;
ana finds the resolution the demo left waiting for her, is warned of the legal effect,
accesses it and only then gets the document and the exit number; her data export then
carries that notification; carla, who holds the demo company's power for terraces, sees
it in her folder."""

from __future__ import annotations

import io
import json
import zipfile
from typing import Any

import pytest
from playwright.sync_api import expect

from eoffice.demo.edicts import DEMO_EDICTS
from eoffice.demo.samples import SAMPLE_SUBJECT
from tests.e2e.steps import sign_in

pytestmark = pytest.mark.e2e


def test_a_visitor_reads_the_edict_board_with_the_personal_data_on_display(
        new_page: Any) -> None:
    visitor = new_page(java_script_enabled=False)
    visitor.goto("/edicts")
    with_data = DEMO_EDICTS[1]
    board = visitor.get_by_test_id("edicts")
    board.get_by_role("link", name=with_data["titles"]["es"]).click()
    expect(visitor.get_by_test_id("edict-title")).to_have_text(with_data["titles"]["es"])
    expect(visitor.get_by_test_id("personal-data")).to_contain_text(
        with_data["personal_data"]["es"])


def test_ana_accesses_her_notification_and_finds_it_in_her_data_export(
        new_page: Any) -> None:
    ana = new_page(java_script_enabled=False)
    sign_in(ana, "ana")
    ana.goto("/notifications")
    row = ana.get_by_test_id("pending").locator("tr").filter(has_text=SAMPLE_SUBJECT)
    expect(row.get_by_test_id("days-left")).to_be_visible()
    row.get_by_role("link").first.click()
    expect(ana.get_by_test_id("legal-warning")).to_be_visible()
    expect(ana.get_by_test_id("document")).to_have_count(0)  # closed until accessed
    with ana.expect_navigation():
        ana.get_by_test_id("access").click()
    expect(ana.get_by_test_id("accessed")).to_be_visible()
    expect(ana.get_by_test_id("document")).to_be_visible()
    expect(ana.get_by_test_id("exit-number")).to_contain_text("S/")

    exported = ana.request.get("/folder/export")
    assert exported.ok, exported.status
    with zipfile.ZipFile(io.BytesIO(exported.body())) as archive:
        index = json.loads(archive.read("index.json"))
    mine = [n for n in index["notifications"] if n["subject"] == SAMPLE_SUBJECT]
    assert len(mine) == 1 and mine[0]["accessed_at"]


def test_carla_sees_the_companys_power_for_terraces_in_her_folder(new_page: Any) -> None:
    carla = new_page(java_script_enabled=False)
    sign_in(carla, "carla")
    carla.goto("/representation")
    expect(carla.locator("main")).to_contain_text("Terrasses del Túria, S.L.")
    expect(carla.locator("main")).to_contain_text("terrace-public-road")
