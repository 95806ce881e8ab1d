"""Error codes are stable, unique and shaped '<context>.<name>'."""

from __future__ import annotations

import pytest

import eoffice.app  # noqa: F401 - imports every context, so every error is registered
from eoffice.shared.errors import ERRORS, DomainError


def test_every_error_code_is_context_dot_name_and_maps_to_an_http_status() -> None:
    assert "identity.invalid_credentials" in ERRORS
    for code, error in ERRORS.items():
        assert code.count(".") == 1
        assert 400 <= error.status < 600


def test_declaring_a_code_twice_fails_at_import() -> None:
    with pytest.raises(ValueError, match="declared twice"):
        type("Again", (DomainError,), {"code": "identity.invalid_credentials"})


def test_problem_body_has_the_rfc_9457_members_and_the_code() -> None:
    body = ERRORS["request.not_found"]().problem()
    assert {"type", "title", "status", "detail", "code"} <= body.keys()
    assert body["status"] == 404
