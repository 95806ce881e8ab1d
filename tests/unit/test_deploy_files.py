"""The deployment files stay true to the code: every service is health-checked, every
setting is documented in the env example, and no secret is written in compose.yaml.

Docker is not run on the build machines; these checks read the files."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from eoffice.settings import describe_settings

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
SECRET_NAME = re.compile(r"PASSWORD|PASSPHRASE|SECRET|TOKEN|_KEY$|DATABASE_URL|SMTP_URL")
REFERENCE = re.compile(r"^\$\{[A-Z0-9_]+(:?\?[^}]*)?\}$")  # ${VAR} or ${VAR:?message}


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    document: dict[str, Any] = yaml.safe_load((DEPLOY / "compose.yaml").read_text())
    return document


@pytest.fixture(scope="module")
def env_example() -> str:
    return (DEPLOY / "eoffice.env.example").read_text(encoding="utf-8")


def _checked(service: dict[str, Any]) -> bool:
    healthcheck = service.get("healthcheck") or {}
    return bool(healthcheck.get("test")) and not healthcheck.get("disable")


def _environment(service: dict[str, Any]) -> dict[str, str]:
    environment = service.get("environment") or {}
    if isinstance(environment, list):
        return dict(item.partition("=")[::2] for item in environment)
    return {str(key): str(value) for key, value in environment.items()}


def test_every_service_has_a_healthcheck_or_waits_for_a_checked_one(
        compose: dict[str, Any]) -> None:
    services = compose["services"]
    assert {"web", "worker", "postgres", "opensearch", "mailrelay"} <= services.keys()
    for name, service in services.items():
        waits_for = service.get("depends_on") or {}
        assert _checked(service) or any(_checked(services[other]) for other in waits_for), (
            f"service {name!r} has no healthcheck and depends on no checked service")


def test_the_web_server_is_ready_only_when_readyz_says_so(compose: dict[str, Any]) -> None:
    web = compose["services"]["web"]
    assert "/readyz" in " ".join(web["healthcheck"]["test"])
    assert web["command"][0] == "serve"
    assert compose["services"]["worker"]["command"] == ["worker"]
    assert compose["services"]["worker"]["depends_on"]["web"]["condition"] == "service_healthy"
    assert compose["services"]["postgres"]["image"].startswith("postgres:15")
    assert compose["services"]["opensearch"]["image"].startswith("opensearchproject/opensearch:2")
    volumes = " ".join(web["volumes"])
    for folder in ("blobs", "archive", "backups"):
        assert f"/var/lib/eoffice/{folder}" in volumes


def test_no_secret_has_a_literal_value_in_compose(compose: dict[str, Any]) -> None:
    for name, service in compose["services"].items():
        for key, value in _environment(service).items():
            if not SECRET_NAME.search(key) or key.endswith("_FILE"):
                continue
            assert REFERENCE.match(value), (
                f"{name}: {key} has a literal value or a default; take it from a file or "
                "the environment")
        for key, value in _environment(service).items():
            if key.endswith("_FILE"):
                assert value.startswith("/run/secrets/"), f"{name}: {key} is not a secret file"
    assert "EOFFICE_SECRET_KEY" not in (DEPLOY / "compose.yaml").read_text()


def test_the_env_example_documents_every_setting(env_example: str) -> None:
    for variable, _default, description in describe_settings():
        assert re.search(rf"^(# )?{re.escape(variable)}=", env_example, re.MULTILINE), (
            f"{variable} is not in deploy/eoffice.env.example")
        first_words = " ".join(description.split()[:5])
        flat = " ".join(line.removeprefix("#").strip() for line in env_example.splitlines())
        assert first_words in flat, f"the meaning of {variable} is not explained"


def test_secrets_are_left_empty_in_the_env_example(env_example: str) -> None:
    lines = env_example.splitlines()
    marked = [next(following for following in lines[index + 1:]
                   if not following.startswith("#"))
              for index, line in enumerate(lines) if line.startswith("# SECRET (")]
    assert {line.partition("=")[0] for line in marked} >= {
        "EOFFICE_SECRET_KEY", "EOFFICE_DATABASE_URL", "EOFFICE_OIDC_CLIENT_SECRET",
        "EOFFICE_SEAL_PASSPHRASE"}
    assert all(line.endswith("=") for line in marked), marked


def test_the_image_runs_as_a_non_root_user_with_weasyprint_libraries() -> None:
    dockerfile = (DEPLOY / "Dockerfile").read_text()
    assert re.search(r"^FROM python:3\.11-slim", dockerfile, re.MULTILINE)
    assert "libpango-1.0-0" in dockerfile and "fonts-" in dockerfile
    users = re.findall(r"^USER (\S+)", dockerfile, re.MULTILINE)
    assert users and users[-1] not in ("root", "0")
