"""The statistics of administrative management: for a small known set of files (open and
closed, two procedures, a unit and its sub-unit, and a file of another unit) the numbers
are what a clerk would count by hand, only for the units she may see; the page draws a
bar per procedure and gives the same numbers in tables."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from typing import Any

import pytest
from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from eoffice import deadlines, files
from eoffice.files.models import AdministrativeFile
from eoffice.shared.clock import frozen_at
from eoffice.shared.localtime import local_today
from tests.api.files.sent import Headers
from tests.conftest import sign_in

STATS = "/api/v1/statistics/files"
# last year: the demo calendar covers it whenever the suite runs (a fixed year falls out)
YEAR = local_today().year - 1
OPENED = datetime(YEAR, 3, 3, 9, 0, tzinfo=UTC)


def _open(db: Session, unit: str, procedure: str) -> AdministrativeFile:
    with frozen_at(OPENED):
        view = files.open_file(db, files.NewFile(unit_code=unit, subject=procedure,
                                                  parties=[], procedure=procedure),
                               actor="registrar")
    found = db.get(AdministrativeFile, view.id)
    assert found is not None
    return found


def _close(file: AdministrativeFile, days: int) -> None:
    file.state, file.closed_by = "closed", "clerk"
    file.closed_at = datetime(YEAR, 3, 3 + days, 9, 0, tzinfo=UTC)


def _deadline(db: Session, file: AdministrativeFile, *, met: bool = False,
              kind: str = "resolution") -> None:
    started = deadlines.start_deadline(db, deadlines.NewDeadline(
        subject_kind="file", subject_id=file.id, kind=kind,
        started_on=date(YEAR, 3, 3), term={"value": 10, "unit": "calendar_days"}),
        actor="test", today=date(YEAR, 3, 3))
    if met:
        deadlines.mark_met(db, started.id, on=date(YEAR, 3, 10), actor="test")


@pytest.fixture
def known_files(db: Session) -> None:
    """URB: minor-works open, closed in 10 days, closed in 20 days; terrace open with a
    resolution term past its end. URB-LIC (below URB): terrace open, term met in time.
    HAC: minor-works open, overdue (a clerk of URB never counts it). The URB minor-works
    open file has an applicant's requirement past its end: the office is not late."""
    _deadline(db, _open(db, "URB", "minor-works"), kind="requirement")
    _close(_open(db, "URB", "minor-works"), 10)
    _close(_open(db, "URB", "minor-works"), 20)
    _deadline(db, _open(db, "URB", "terrace"))
    _deadline(db, _open(db, "URB-LIC", "terrace"), met=True)
    _deadline(db, _open(db, "HAC", "minor-works"))
    db.flush()


def _by(rows: list[dict[str, Any]], key: str) -> dict[str, tuple[Any, ...]]:
    return {row[key]: (row["open"], row["closed"], row["overdue"],
                       row["average_days_to_resolve"]) for row in rows}


@pytest.mark.usefixtures("known_files")
def test_a_clerk_counts_the_files_of_her_unit_and_the_units_below_it(
    client: FlaskClient, token_for: Headers,
) -> None:
    answer = client.get(f"{STATS}?year={YEAR}", headers=token_for("clerk"))
    assert answer.status_code == 200, answer.get_json()
    stats = answer.get_json()
    assert stats["totals"] == {"open": 3, "closed": 2, "total": 5, "overdue": 1,
                               "average_days_to_resolve": 15.0}
    assert _by(stats["by_procedure"], "procedure") == {
        "minor-works": (1, 2, 0, 15.0), "terrace": (2, 0, 1, None)}
    assert _by(stats["by_unit"], "unit") == {
        "URB": (2, 2, 1, 15.0), "URB-LIC": (1, 0, 0, None)}
    assert YEAR in stats["years"]

    licences = client.get(f"{STATS}?year={YEAR}&unit=URB-LIC", headers=token_for("clerk"))
    assert _by(licences.get_json()["by_procedure"], "procedure") == {
        "terrace": (1, 0, 0, None)}


@pytest.mark.usefixtures("known_files")
def test_another_unit_sees_only_its_own_numbers_and_an_administrator_all(
    client: FlaskClient, token_for: Headers,
) -> None:
    finance = client.get(f"{STATS}?year={YEAR}", headers=token_for("clerk2")).get_json()
    assert _by(finance["by_unit"], "unit") == {"HAC": (1, 0, 1, None)}
    assert _by(finance["by_procedure"], "procedure") == {"minor-works": (1, 0, 1, None)}
    foreign = client.get(f"{STATS}?year={YEAR}&unit=URB", headers=token_for("clerk2"))
    assert foreign.status_code == 404

    everything = client.get(f"{STATS}?year={YEAR}", headers=token_for("admin")).get_json()
    assert everything["totals"]["total"] == 6 and everything["totals"]["overdue"] == 2
    assert client.get(STATS, headers=token_for("registrar")).status_code == 403
    assert client.get(STATS, headers=token_for("ana")).status_code == 403


@pytest.mark.usefixtures("known_files")
def test_the_page_draws_a_bar_per_procedure_and_tables_with_the_same_numbers(
    client: FlaskClient,
) -> None:
    sign_in(client, "clerk")
    page = client.get(f"/backoffice/statistics?year={YEAR}")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    chart = html.split('data-testid="chart-by-procedure"', 1)[1].split("</svg>", 1)[0]
    assert '<title id="by-procedure-title">Files by procedure</title>' in chart
    assert re.findall(r'data-testid="bar" data-label="([^"]+)"', chart) == [
        "minor-works", "terrace"]
    row = html.split('data-testid="procedure-minor-works"', 1)[1].split("</tr>", 1)[0]
    assert re.findall(r">\s*([0-9.]+)\s*<", row) == ["1", "2", "3", "0", "15.0"]
    assert 'data-testid="unit-URB-LIC"' in html and 'data-testid="unit-HAC"' not in html
    other_year = client.get(f"/backoffice/statistics?year={YEAR - 1}").get_data(as_text=True)
    assert 'data-testid="no-statistics"' in other_year
