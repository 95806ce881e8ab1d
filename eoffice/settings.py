"""Typed settings of eoffice: the only module that reads the environment.

Every setting is an ``EOFFICE_*`` environment variable (``OPENSEARCH_URL`` keeps
its conventional name). ``eoffice settings`` prints them with their description,
and the README table is checked against this module by a test.
"""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import AliasChoices, Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Settings of one running eoffice (web server, worker or command)."""

    model_config = SettingsConfigDict(env_prefix="EOFFICE_", extra="ignore", frozen=True)

    environment: Literal["development", "production"] = Field(
        default="development",
        description="`production` refuses to start with a development default (demo "
        "accounts, sandbox payments, the test PKI, a generated secret key, SQLite, "
        "e-mail to files, cookies over HTTP): every problem is listed at start-up.",
    )
    instance_path: Path = Field(
        default=Path("instance"),
        description="Folder for the SQLite database, blobs and generated keys.",
    )
    database_url: str = Field(
        default="",
        description="SQLAlchemy URL of the database; empty means a SQLite file "
        "`eoffice.sqlite3` in the instance folder.",
    )
    blob_root: Path | None = Field(
        default=None,
        description="Folder of document content; empty means `<instance>/blobs`.",
    )
    opensearch_url: str = Field(
        default="",
        validation_alias=AliasChoices("OPENSEARCH_URL", "EOFFICE_OPENSEARCH_URL"),
        description="OpenSearch cluster of the archive index (`OPENSEARCH_URL`); "
        "empty means the embedded SQLite FTS5 index.",
    )
    opensearch_index: str = Field(
        default="eoffice-archive",
        description="Name of the archive index's alias in OpenSearch (its indices are "
        "`<name>-<n>`), so several cities or test runs can share one cluster.",
    )
    archive_root: Path | None = Field(
        default=None,
        description="Folder of the archival packages (BagIt) and of the embedded search "
        "index; empty means `<instance>/archive`.",
    )
    archive_transfer_on_closure: bool = Field(
        default=True,
        description="Transfer every file to the archive as soon as it is closed; off, "
        "archivists and clerks transfer closed files by hand.",
    )
    archive_fixity_days: int = Field(
        default=30, ge=1, le=3650,
        description="Days between two scheduled integrity (fixity) checks of the archive.",
    )
    archive_timestamp_renewal_days: int = Field(
        default=730, ge=1, le=3650,
        description="Age in days of an archived document's newest timestamp after which "
        "the worker renews it (PAdES B-LTA document timestamp).",
    )
    smtp_url: str = Field(
        default="",
        description="SMTP server for e-mail alerts, e.g. `smtp://127.0.0.1:8025`; "
        "empty writes each e-mail as an `.eml` file in `<instance>/mail`. With "
        "`smtp+starttls://` the relay's certificate is checked against the system's CAs "
        "(`SSL_CERT_FILE` names the bundle of a private CA).",
    )
    secret_key: str = Field(
        default="",
        description="Key that signs session cookies and CSRF tokens; empty means a "
        "random key kept in `<instance>/secret_key`.",
    )
    city_name: str = Field(default="Ajuntament de Demo", description="Name shown in pages.")
    default_locale: str = Field(
        default="es", description="Language used when the visitor expresses none (es, ca, en)."
    )
    timezone: str = Field(
        default="Europe/Madrid",
        description="Official time zone of the city: dates people type and read are in it.",
    )
    online_register: str = Field(
        default="RGE",
        description="Code of the entry register that numbers applications sent online.",
    )
    max_request_bytes: int = Field(
        default=25 * 1024 * 1024,
        description="Largest request body accepted, in bytes; larger ones get 413.",
    )
    proxy_hops: int = Field(
        default=0,
        description="Reverse proxies in front of eoffice whose X-Forwarded-* headers are "
        "trusted (client address for rate limits and the audit log); 0 trusts none.",
    )
    session_cookie_secure: bool = Field(
        default=False, description="Send the session cookie over HTTPS only (on in production)."
    )
    session_hours: int = Field(default=8, description="Hours a web session lasts.")
    session_idle_minutes: int = Field(
        default=30, ge=1,
        description="Minutes without a request after which a web session ends.",
    )
    reauthentication_minutes: int = Field(
        default=15, ge=1,
        description="Minutes after signing in within which an official may sign a "
        "document; later, the password (or the digital identity) is asked again.",
    )
    sign_in_max_failures: int = Field(
        default=5, description="Failed sign-ins in a row that lock an account."
    )
    sign_in_lock_minutes: int = Field(
        default=15, description="Minutes an account stays locked after too many failures."
    )
    password_min_length: int = Field(
        default=12, ge=8, le=64,
        description="Fewest characters a new password may have (8 to 64; passwords that "
        "are easy to guess are refused whatever their length).",
    )
    sign_in_rate_limit: str = Field(
        default="10 per minute",
        description="Flask-Limiter rate for sign-in attempts per client address.",
    )
    submission_rate_limit: str = Field(
        default="",
        description="Applications one account may submit (register) in a period, e.g. "
        "`30 per hour`; empty sets no limit (production mode refuses empty).",
    )
    rate_limit_storage_url: str = Field(
        default="memory://",
        description="Flask-Limiter storage (memory:// counts per process; use "
        "redis:// or memcached:// with several server processes).",
    )
    token_days: int = Field(default=90, description="Days an API token is valid.")
    oidc_issuer: str = Field(
        default="",
        description="OpenID Connect issuer URL of the external identity provider; "
        "empty disables OIDC sign-in.",
    )
    oidc_client_id: str = Field(default="", description="OIDC client id of eoffice.")
    oidc_client_secret: str = Field(default="", description="OIDC client secret of eoffice.")
    oidc_scope: str = Field(
        default="openid profile email", description="Scopes asked from the OIDC provider."
    )
    option_source_hosts: str = Field(
        default="",
        description="Hosts (`host` or `host:port`, comma-separated) that form select "
        "options may be fetched from; empty allows none (no server-side requests).",
    )
    public_url: str = Field(
        default="http://localhost:5000",
        description="Public base URL of the electronic office, printed in verification "
        "QR codes and footers of issued documents.",
    )
    verify_rate_limit: str = Field(
        default="30 per minute",
        description="Verification-code lookups allowed per client address.",
    )
    seal_pkcs12: str = Field(
        default="",
        description="PKCS#12 file of the office's electronic seal; empty uses the "
        "development test PKI generated in `<instance>/pki` (marked as test everywhere).",
    )
    seal_passphrase: str = Field(default="", description="Passphrase of the seal's PKCS#12.")
    signers_pkcs12_dir: str = Field(
        default="", description="Folder of `<login>.p12` files of officials who sign."
    )
    tsa_url: str = Field(
        default="", description="RFC 3161 timestamp authority used with a production seal."
    )
    trust_roots: str = Field(
        default="",
        description="PEM files (comma-separated) of the trust list used to validate "
        "signatures; empty trusts the development root only.",
    )
    dev_pki_port: int = Field(
        default=18733, description="Loopback port of the development PKI's TSA/OCSP/CRL."
    )
    max_pdf_bytes: int = Field(
        default=25 * 1024 * 1024, description="Largest PDF validated or checked, in bytes."
    )
    clamd_url: str = Field(
        default="",
        description="ClamAV daemon that scans every uploaded file (`unix:///run/clamav/"
        "clamd.ctl` or `tcp://clamav:3310`); empty turns virus scanning off. While it is "
        "on and clamd cannot answer, uploads are refused (503).",
    )
    clamd_timeout_seconds: float = Field(
        default=30.0, gt=0, le=600,
        description="Seconds to wait for the ClamAV daemon's verdict on one file.",
    )
    quarantine_root: Path | None = Field(
        default=None,
        description="Folder where infected uploads are kept for the security officer "
        "(never served); empty means `<instance>/quarantine`.",
    )
    revocation_reuse_seconds: int = Field(
        default=60, ge=0,
        description="Seconds a fetched OCSP answer or CRL is reused by later signatures "
        "(never past its nextUpdate); 0 fetches for every signature.",
    )
    draft_days: int = Field(
        default=30,
        description="Days a draft application without changes is kept before it expires "
        "(a draft whose fee has been issued never expires).",
    )
    draft_warning_days: int = Field(
        default=5, description="Days before a draft expires that its citizen is e-mailed."
    )
    holiday_region: str = Field(
        default="VC",
        description="Region (subdivision of Spain as the `holidays` library names it: VC, "
        "CT, MD...) whose national and regional holidays the calendar seeds; local holidays "
        "are entered by an administrator.",
    )
    deadline_warning_days: int = Field(
        default=5, ge=0,
        description="Calendar days before a resolution term ends that processing is told "
        "(outbox `deadlines.deadline_near`).",
    )
    notification_expiry_days: int = Field(
        default=10, ge=1, le=90,
        description="Calendar days an electronic notification stays available before it "
        "is deemed rejected (Law 39/2015 art. 43.2: 10); set it per jurisdiction.",
    )
    card_sandbox: bool = Field(
        default=True,
        description="Offer card payment through the built-in sandbox gateway (no money "
        "moves, shown as SANDBOX everywhere); turn off in production until a real "
        "provider is configured (then only the payment letter is offered).",
    )
    worker_poll_seconds: float = Field(
        default=2.0, description="Seconds the worker sleeps when it finds no work."
    )
    outbox_max_attempts: int = Field(
        default=20,
        description="Deliveries of an outbox message before it is marked failed (with the "
        "backoff, 20 attempts span about nine hours); `eoffice outbox retry` revives it.",
    )
    demo: bool = Field(
        default=True,
        description="Demo mode: `eoffice demo load` is allowed (demo passwords equal the "
        "login); turn off in production.",
    )

    @field_validator("default_locale")
    @classmethod
    def _known_locale(cls, value: str) -> str:
        if value not in LOCALES:
            raise ValueError(f"default_locale must be one of {', '.join(LOCALES)}")
        return value

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {value!r}") from exc
        return value

    @property
    def resolved_database_url(self) -> str:
        """The database URL, defaulting to a SQLite file in the instance folder."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.instance_path / 'eoffice.sqlite3').resolve()}"

    @property
    def resolved_blob_root(self) -> Path:
        """The folder of document content."""
        return self.blob_root or self.instance_path / "blobs"

    @property
    def resolved_archive_root(self) -> Path:
        """The folder of archival packages and of the embedded search index."""
        return self.archive_root or self.instance_path / "archive"

    def resolved_secret_key(self) -> str:
        """The secret key, creating and keeping a random one in the instance folder."""
        if self.secret_key:
            return self.secret_key
        key_file = self.instance_path / "secret_key"
        if not key_file.exists():
            self.instance_path.mkdir(parents=True, exist_ok=True)
            key_file.write_text(secrets.token_urlsafe(48))
            key_file.chmod(0o600)
        return key_file.read_text().strip()


LOCALES: dict[str, str] = {"es": "Español", "ca": "Valencià", "en": "English"}


def load_settings(**overrides: Any) -> Settings:
    """Settings from the environment, with explicit overrides (used by tests)."""
    return Settings(**overrides)


def describe_settings() -> list[tuple[str, str, str]]:
    """(variable, default, description) of every setting, for docs and the CLI."""
    rows = []
    for name, field in Settings.model_fields.items():
        alias = field.validation_alias
        variable = alias.choices[0] if isinstance(alias, AliasChoices) else f"EOFFICE_{name}"
        default = field.default
        shown = "(empty)" if default in ("", None) else str(default).lower() if isinstance(
            default, bool) else str(default)
        rows.append((str(variable).upper(), shown, field.description or ""))
    return rows
