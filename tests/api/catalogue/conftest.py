"""Fixtures of the catalogue API tests: the demo catalogue in the test's transaction,
and every answer checked against the OpenAPI document."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy.orm import Session
from werkzeug.test import TestResponse

from tests.api.catalogue.openapi_check import assert_matches_openapi

Call = Callable[..., TestResponse]


@pytest.fixture
def demo_catalogue(db: Session) -> Session:
    """The test's session; the demo catalogue (and the forms it pins) is loaded once
    for the whole run by tests/conftest.py."""
    return db


@pytest.fixture
def api(app: Flask, client: FlaskClient, demo_catalogue: Session) -> Call:
    """``api("get", path, **kwargs)``: the answer, checked against the OpenAPI document."""

    def call(method: str, path: str, **kwargs: Any) -> TestResponse:
        response: TestResponse = getattr(client, method.lower())(path, **kwargs)
        assert_matches_openapi(app, method, response)
        return response

    return call
