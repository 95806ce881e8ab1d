"""`eoffice calendar seed`: the library's holidays of a range of years, idempotently."""

from __future__ import annotations

from pathlib import Path

import holidays

from tests.conftest import run_eoffice


def test_seeding_a_range_of_years_twice_adds_nothing_the_second_time(tmp_path: Path) -> None:
    assert run_eoffice(tmp_path, "db", "upgrade").returncode == 0
    first = run_eoffice(tmp_path, "calendar", "seed", "--years", "2030-2031")
    assert first.returncode == 0, first.stderr
    known = len(holidays.country_holidays("ES", subdiv="VC", years=[2030, 2031]))
    assert f"calendar 2030-2031: {known} holidays added, 0 already there" in first.stdout
    second = run_eoffice(tmp_path, "calendar", "seed", "--years", "2030-2031")
    assert f"0 holidays added, {known} already there" in second.stdout


def test_a_malformed_range_of_years_is_refused_clearly(tmp_path: Path) -> None:
    for years in ("twenty", "2031-2030", "1990"):
        result = run_eoffice(tmp_path, "calendar", "seed", "--years", years)
        assert result.returncode != 0
        # click names the option; the domain error its stable code (message in the
        # city's default language)
        assert "--years" in result.stderr or "deadlines.invalid_holiday" in result.stderr
        assert "Traceback" not in result.stderr
