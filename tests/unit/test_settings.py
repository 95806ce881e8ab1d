"""Settings are typed, validated and documented in the README."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from eoffice.settings import Settings, describe_settings

README = Path(__file__).resolve().parents[2] / "README.md"


def test_every_setting_is_documented_in_the_readme() -> None:
    readme = README.read_text(encoding="utf-8")
    for variable, default, description in describe_settings():
        assert f"| `{variable}` | `{default}` | {description} |" in readme, variable


def test_settings_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EOFFICE_SESSION_HOURS", "2")
    monkeypatch.setenv("OPENSEARCH_URL", "http://127.0.0.1:9200")
    settings = Settings()
    assert settings.session_hours == 2
    assert settings.opensearch_url == "http://127.0.0.1:9200"


def test_a_wrong_setting_is_refused_with_its_name(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EOFFICE_DEFAULT_LOCALE", "fr")
    with pytest.raises(ValidationError, match="default_locale"):
        Settings()


def test_the_database_defaults_to_a_sqlite_file_in_the_instance_folder(tmp_path: Path) -> None:
    settings = Settings(instance_path=tmp_path)
    assert settings.resolved_database_url == f"sqlite:///{tmp_path / 'eoffice.sqlite3'}"
    assert settings.resolved_blob_root == tmp_path / "blobs"
