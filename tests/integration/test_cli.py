"""The `eoffice` command as an operator uses it, on a database of its own."""

from __future__ import annotations

from pathlib import Path

from eoffice.app import create_app
from tests.conftest import make_settings, run_eoffice


def test_a_token_from_the_command_line_authenticates_until_revoked(tmp_path: Path) -> None:
    assert run_eoffice(tmp_path, "db", "upgrade").returncode == 0
    assert run_eoffice(tmp_path, "demo", "load").returncode == 0
    created = run_eoffice(tmp_path, "tokens", "create", "--user", "ana")
    assert created.returncode == 0, created.stderr
    token = created.stdout.strip()
    app = create_app(make_settings(tmp_path, f"sqlite:///{tmp_path / 'eoffice.sqlite3'}"))
    client = app.test_client()
    headers = {"Authorization": f"Bearer {token}"}
    assert client.get("/api/v1/me", headers=headers).json["login"] == "ana"
    # The demo leaves ana a resolution of a file of hers waiting for her (API.md).
    pending = client.get("/api/v1/notifications", headers=headers).json["items"]
    assert [item["status"] for item in pending] == ["available"]
    assert pending[0]["file_number"].startswith("URB/")

    assert run_eoffice(tmp_path, "tokens", "revoke", token.split("_")[1]).returncode == 0
    response = client.get("/api/v1/me", headers=headers)
    assert response.status_code == 401
    assert response.content_type == "application/problem+json"


def test_tokens_for_an_unknown_user_are_refused_clearly(tmp_path: Path) -> None:
    assert run_eoffice(tmp_path, "db", "upgrade").returncode == 0
    result = run_eoffice(tmp_path, "tokens", "create", "--user", "nobody")
    assert result.returncode != 0
    assert "no such user" in result.stderr.lower()


def test_demo_load_twice_changes_nothing(tmp_path: Path) -> None:
    assert run_eoffice(tmp_path, "db", "upgrade").returncode == 0
    first = run_eoffice(tmp_path, "demo", "load")
    after_first = run_eoffice(tmp_path, "audit", "verify").stdout
    second = run_eoffice(tmp_path, "demo", "load")
    assert first.stdout == second.stdout
    assert "8 procedures" in first.stdout
    # The second load wrote nothing worth an audit event: nothing changed.
    assert run_eoffice(tmp_path, "audit", "verify").stdout == after_first
