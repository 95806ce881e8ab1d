"""Fixtures of the scenario tests: the application's context (the documents runtime
renders and signs in it) and a file of URB processed by hand, for the common
subprocesses to run on."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask
from sqlalchemy.orm import Session

from tests.scenarios import steps


@pytest.fixture
def in_app(app: Flask) -> Iterator[None]:
    with app.app_context():
        yield


@pytest.fixture
def file_by_hand(app: Flask, db: Session, in_app: None) -> str:
    """A file of URB whose procedure names no process: the test starts what it calls."""
    return steps.open_file(app, db, procedure=None, case=None, unit="URB",
                           subject="Fallen tree on Carrer Major")
