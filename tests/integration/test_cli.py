"""The `eoffice` command as an operator uses it, on a database of its own."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from eoffice.app import create_app
from tests.conftest import make_settings


def _eoffice(instance: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "EOFFICE_INSTANCE_PATH": str(instance)}
    env.pop("EOFFICE_DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "-m", "eoffice.cli", *args],
        env=env, capture_output=True, text=True, check=False, timeout=120,
    )


def test_a_token_from_the_command_line_authenticates_until_revoked(tmp_path: Path) -> None:
    assert _eoffice(tmp_path, "db", "upgrade").returncode == 0
    assert _eoffice(tmp_path, "demo", "load").returncode == 0
    created = _eoffice(tmp_path, "tokens", "create", "--user", "ana")
    assert created.returncode == 0, created.stderr
    token = created.stdout.strip()
    app = create_app(make_settings(tmp_path, f"sqlite:///{tmp_path / 'eoffice.sqlite3'}"))
    client = app.test_client()
    headers = {"Authorization": f"Bearer {token}"}
    assert client.get("/api/v1/me", headers=headers).json["login"] == "ana"

    assert _eoffice(tmp_path, "tokens", "revoke", token.split("_")[1]).returncode == 0
    response = client.get("/api/v1/me", headers=headers)
    assert response.status_code == 401
    assert response.content_type == "application/problem+json"


def test_tokens_for_an_unknown_user_are_refused_clearly(tmp_path: Path) -> None:
    assert _eoffice(tmp_path, "db", "upgrade").returncode == 0
    result = _eoffice(tmp_path, "tokens", "create", "--user", "nobody")
    assert result.returncode != 0
    assert "no such user" in result.stderr.lower()


def test_demo_load_twice_changes_nothing(tmp_path: Path) -> None:
    assert _eoffice(tmp_path, "db", "upgrade").returncode == 0
    first = _eoffice(tmp_path, "demo", "load")
    second = _eoffice(tmp_path, "demo", "load")
    assert first.stdout == second.stdout
    verify = _eoffice(tmp_path, "audit", "verify")
    assert verify.stdout == "audit log intact: 7 events checked\n"  # one role per user
