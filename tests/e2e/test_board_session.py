"""A session of the local government board in a real browser: the secretary accepts a
proposal of agreement, plans a session for later today, puts the proposal on its agenda,
convenes it, records the attendance, is refused a vote that does not add up, records
3-0-0 and draws up the minutes; she and the mayor (the chair) sign them in the tray, the
session is closed and the worker issues the item's certificate. The mayor searches the
book of resolutions."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Page, expect

from eoffice import bodies
from eoffice.shared.db import Database
from tests.e2e.steps import run_worker, sign_in, translated

pytestmark = pytest.mark.e2e
MADRID = ZoneInfo("Europe/Madrid")
PRESENT = ("mayor", "secretary", "councillor", "head")  # head2 is absent: 3 voting present


def shown(text: str) -> str:
    """``text`` as the Spanish-speaking browser sees it."""
    return translated(text, "es") or text


def _later_today() -> str:
    """A ``datetime-local`` value two minutes ahead, on the city's current day (after
    midnight if it is too close to it: attendance needs the session's day)."""
    now = datetime.now(MADRID)
    if (now + timedelta(minutes=2)).date() != now.date():
        time.sleep(180)
        now = datetime.now(MADRID)
    return (now + timedelta(minutes=2)).strftime("%Y-%m-%dT%H:%M")


def _submit(page: Page, form_testid: str, *, status: int = 200) -> None:
    with page.expect_navigation() as navigation:
        page.get_by_test_id(form_testid).locator("button[type=submit]").click()
    response = navigation.value
    assert response is not None and response.status == status, page.url


def _accept(page: Page, proposal_id: str) -> None:
    page.goto("/backoffice/bodies/proposals")
    row = page.get_by_test_id(f"proposal-{proposal_id}")
    expect(row).to_contain_text("Subvención al festival de jazz E2E")
    with page.expect_navigation():
        row.locator("form[action$='/accept'] button").click()
    expect(page.get_by_test_id(f"proposal-{proposal_id}")).to_contain_text(
        shown("Waiting for a session"))


def _plan(page: Page) -> str:
    """Plan a session of the board later today; its id."""
    page.goto("/backoffice/bodies/sessions/new")
    page.locator("#body").select_option("local_board")
    page.locator("#scheduled_at").fill(_later_today())
    page.locator("#place").fill("Sala de juntas")
    _submit(page, "plan-form")
    match = re.search(r"/backoffice/bodies/sessions/([0-9a-f-]{36})$", page.url)
    assert match, page.url
    expect(page.get_by_test_id("session-state")).to_have_text(shown("Planned"))
    return match.group(1)


def _vote(page: Page, *counts: str, status: int = 200) -> None:
    form = page.get_by_test_id("vote-form-1")
    for name, count in zip(("votes_for", "votes_against", "abstentions"), counts,
                           strict=True):
        form.locator(f'input[name="{name}"]').fill(count)
    _submit(page, "vote-form-1", status=status)


def _sign_in_tray(page: Page, circuit_id: str, login: str) -> None:
    page.goto("/backoffice/signatures")
    page.locator(f'a[href="/backoffice/signatures/{circuit_id}"]').first.click()
    expect(page.get_by_test_id("document-link")).to_be_visible()
    with page.expect_navigation():
        page.get_by_test_id("sign").click()
    expect(page.get_by_test_id(f"step-{login}")).to_have_attribute("data-state", "signed")


@pytest.mark.timeout(600)  # near midnight it first waits three minutes for the next day
def test_secretary_holds_a_board_session_and_the_minutes_are_signed(
        new_page: Callable[..., Page], server_database: Database,
        server_environment: dict[str, str]) -> None:
    with server_database.unit_of_work() as db:
        proposal = bodies.propose_agreement(
            db, procedure_code="cultural-subsidy", file_id=None, file_number=None,
            unit_code="CUL", title="Subvención al festival de jazz E2E",
            text="Conceder 3.000 euros al festival de jazz.", actor="e2e")
    assert proposal.body_key == "local_board"
    page = new_page()
    sign_in(page, "secretary")
    _accept(page, proposal.id)
    meeting_id = _plan(page)

    page.get_by_test_id("add-item-form").locator("#proposal").select_option(proposal.id)
    _submit(page, "add-item-form")
    expect(page.get_by_test_id("item-1")).to_contain_text("Subvención al festival de jazz")
    _submit(page, "convene-form")
    expect(page.get_by_test_id("session-state")).to_have_text(shown("Convened"))

    for login in ("mayor", "secretary", "councillor", "head", "head2"):
        page.locator(f'input[name="present"][value="{login}"]').set_checked(login in PRESENT)
    _submit(page, "attendance-form")
    expect(page.get_by_test_id("session-state")).to_have_text(shown("Held"))

    _vote(page, "2", "0", "0", status=422)
    error = page.get_by_test_id("session-error")
    expect(error).to_be_visible()
    expect(error).to_contain_text("3")  # "... do not add up to the 3 voting members present"
    expect(page.get_by_test_id("result-1")).to_contain_text(shown("Not voted"))
    with server_database.reader() as db:
        [item] = bodies.get_meeting(db, meeting_id).items
    assert (item.result, item.votes_for) == ("pending", None)

    _vote(page, "3", "0", "0")
    expect(page.get_by_test_id("result-1")).to_contain_text(shown("Adopted"))
    _submit(page, "close-form")
    expect(page.get_by_test_id("session-state")).to_have_text(shown("Minutes being signed"))
    expect(page.get_by_test_id("minutes")).to_be_visible()

    with server_database.reader() as db:
        circuit_id = bodies.get_meeting(db, meeting_id).minutes_circuit_id
    assert circuit_id
    _sign_in_tray(page, circuit_id, "secretary")
    mayor = new_page()
    sign_in(mayor, "mayor")
    _sign_in_tray(mayor, circuit_id, "mayor")
    expect(mayor.get_by_test_id("circuit-state")).to_have_attribute("data-state", "signed")

    page.goto(f"/backoffice/bodies/sessions/{meeting_id}")
    expect(page.get_by_test_id("session-state")).to_have_text(shown("Closed"))
    run_worker(server_environment)  # the certificate of the adopted item
    page.reload()
    expect(page.get_by_test_id("certificate-1")).to_be_visible()
    with server_database.reader() as db:
        assert bodies.get_proposal(db, proposal.id).state == "adopted"


def test_the_mayor_searches_the_book_of_resolutions(page: Page) -> None:
    sign_in(page, "mayor")
    page.goto("/backoffice/bodies/resolutions")
    expect(page.get_by_test_id("book-search")).to_be_visible()
    page.locator("#q").fill("ninguna resolución se titula así")
    with page.expect_navigation():
        page.get_by_test_id("search").click()
    assert "q=ninguna" in page.url
    expect(page.get_by_test_id("no-resolutions")).to_be_visible()
    expect(page.get_by_test_id("resolutions")).to_have_count(0)

    page.locator("#q").fill("")
    page.locator("#year").fill("dos mil")
    with page.expect_navigation():
        page.get_by_test_id("search").click()
    expect(page.get_by_test_id("book-errors")).to_contain_text("year")
