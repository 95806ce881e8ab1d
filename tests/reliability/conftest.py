"""Fixtures of the load and SIGKILL tests (names prefixed ``reliability_`` so the other
fault tests of this folder can define their own without clashing)."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import nullcontext

import pytest


@pytest.fixture
def reliability_report(request: pytest.FixtureRequest) -> Callable[[str], None]:
    """Write a line of the test's report to the terminal as it happens, past pytest's
    output capture (as its live logging does), so the numbers appear in CI logs."""
    terminal = request.config.pluginmanager.get_plugin("terminalreporter")
    capture = request.config.pluginmanager.get_plugin("capturemanager")
    prefix = f"[{request.node.name[:40]}]"

    def say(line: str) -> None:
        if terminal is None:
            print(prefix, line)
            return
        with capture.global_and_fixture_disabled() if capture else nullcontext():
            terminal.ensure_newline()
            terminal.write_line(f"{prefix} {line}")

    return say
