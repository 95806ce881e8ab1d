"""Production mode (``EOFFICE_ENVIRONMENT=production``) refuses to start with a
development default, and says at once every setting an operator must fix."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from eoffice.app import create_app
from eoffice.settings import Settings
from eoffice.web.production import UnsafeProductionSettings

#: A production set-up as deploy/eoffice.env describes it (files need not exist: the
#: check reads settings; nothing is connected to at start-up).
PRODUCTION = {
    "environment": "production",
    "database_url": "postgresql+psycopg://eoffice:pw@127.0.0.1:1/eoffice",
    "secret_key": "k" * 20 + "Zq8vT3nR1xLw0pQeY7sB4uJ",
    "smtp_url": "smtp://mailrelay:587",
    "demo": False,
    "card_sandbox": False,
    "submission_rate_limit": "30 per hour",
    "seal_pkcs12": "/run/secrets/seal_p12",
    "tsa_url": "https://tsa.example/tsr",
    "trust_roots": "/run/secrets/trust_roots.pem",
    "session_cookie_secure": True,
    "public_url": "https://seu.city.example",
}


def _settings(tmp_path: Path, **overrides: object) -> Settings:
    return Settings(**{"instance_path": tmp_path, **PRODUCTION, **overrides})  # type: ignore[arg-type]


def test_production_with_development_defaults_refuses_to_start_and_lists_every_problem(
        tmp_path: Path) -> None:
    with pytest.raises(UnsafeProductionSettings) as refused:
        create_app(Settings(instance_path=tmp_path, environment="production"))

    message = str(refused.value)
    for variable in ("EOFFICE_DEMO", "EOFFICE_CARD_SANDBOX", "EOFFICE_SECRET_KEY",
                     "EOFFICE_SEAL_PKCS12", "EOFFICE_TSA_URL", "EOFFICE_TRUST_ROOTS",
                     "EOFFICE_SESSION_COOKIE_SECURE", "EOFFICE_PUBLIC_URL",
                     "EOFFICE_DATABASE_URL", "EOFFICE_SMTP_URL",
                     "EOFFICE_SUBMISSION_RATE_LIMIT"):
        assert variable in message
    assert len(refused.value.problems) == 11
    assert not (tmp_path / "secret_key").exists()  # refused before any key is generated


def test_a_complete_production_set_up_starts_with_a_host_only_secure_cookie(
        tmp_path: Path) -> None:
    app = create_app(_settings(tmp_path))

    assert app.config["SESSION_COOKIE_NAME"] == "__Host-eoffice_session"
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config.get("SESSION_COOKIE_DOMAIN") in (None, False)
    assert app.config.get("SESSION_COOKIE_PATH") in (None, "/")
    assert not app.debug


@pytest.mark.parametrize(("setting", "value", "named"), [
    ("secret_key", "test-secret-key-not-for-production", "EOFFICE_SECRET_KEY"),
    ("secret_key", "short", "EOFFICE_SECRET_KEY"),
    ("database_url", "", "EOFFICE_DATABASE_URL"),
    ("oidc_issuer", "http://idp.city.example", "EOFFICE_OIDC_ISSUER"),
    ("public_url", "http://seu.city.example", "EOFFICE_PUBLIC_URL"),
])
def test_one_unsafe_setting_is_enough_to_refuse(
        tmp_path: Path, setting: str, value: str, named: str) -> None:
    with pytest.raises(UnsafeProductionSettings) as refused:
        create_app(_settings(tmp_path, **{setting: value}))
    assert len(refused.value.problems) == 1
    assert named in refused.value.problems[0]


def test_debug_mode_is_refused_in_production(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FLASK_DEBUG", "1")
    with pytest.raises(UnsafeProductionSettings) as refused:
        create_app(_settings(tmp_path))
    assert ["debug" in problem for problem in refused.value.problems] == [True]


def test_the_serve_command_exits_with_the_list_and_no_traceback(tmp_path: Path) -> None:
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("EOFFICE_", "FLASK_"))}
    env.update(EOFFICE_ENVIRONMENT="production", EOFFICE_INSTANCE_PATH=str(tmp_path))

    finished = subprocess.run(
        [sys.executable, "-m", "eoffice.cli", "serve", "--port", "1"], env=env,
        capture_output=True, text=True, check=False, timeout=60)

    assert finished.returncode == 1
    assert "refuses to start in production" in finished.stderr
    assert "EOFFICE_DEMO" in finished.stderr
    assert "Traceback" not in finished.stderr
