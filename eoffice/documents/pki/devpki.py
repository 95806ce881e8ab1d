"""Generates the development PKI on first run: RSA keys, a certomancer configuration
(root CA, office seal, officials, timestamp authority, OCSP responder, CRLs), and
PKCS#12 files for the signers, under ``<instance>/pki``.

Every subject says ``TEST — NOT FOR PRODUCTION``. Certificates are derived again from
the keys and the configuration whenever the services start (certomancer is deterministic),
so the files on disk and the services always agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import yaml  # (types-PyYAML not installed)
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

ARCH = "eoffice-dev"
TEST_MARK = "TEST — NOT FOR PRODUCTION"
PKCS12_PASSPHRASE = b"eoffice-dev-pki"  # a test PKI: the passphrase is not a secret
OFFICIALS = {"head": "Head of urban planning", "mayor": "Mayor",
             "head2": "Head of public space occupation",
             "councillor": "Councillor for public space", "secretary": "Secretary of the city"}
SIGNERS = {"seal": "Electronic seal of the city office", **OFFICIALS}
# Test certificates of the demo citizens (name, subject serialNumber as on Spanish
# qualified certificates): they sign their applications with them in tests and the demo.
CITIZENS = {"ana": ("Ana García Puig", "IDCES-12345678Z"),
            "bernat": ("Bernat Soler Ferrer", "IDCES-87654321X")}
HOLDERS = (*SIGNERS, *CITIZENS)  # every certificate exported as PKCS#12
KEYS = ("root", "tsa", "ocsp", *HOLDERS)
CONFIG_FILE = "certomancer.yml"


@dataclass(frozen=True)
class DevPki:
    """Where the development PKI lives and the loopback address of its services."""

    folder: Path
    url_prefix: str

    @property
    def config_path(self) -> Path:
        return self.folder / CONFIG_FILE

    @property
    def root_cert_path(self) -> Path:
        return self.folder / "root.cert.pem"

    def pkcs12_path(self, signer: str) -> Path:
        return self.folder / f"{signer}.p12"

    @property
    def tsa_url(self) -> str:
        return f"{self.url_prefix}/{ARCH}/tsa/tsa"

    @property
    def port(self) -> int:
        return int(self.url_prefix.rsplit(":", 1)[1])


def _write_key(path: Path) -> None:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    path.write_bytes(key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ))
    path.chmod(0o600)


def _validity(start: datetime, years: int) -> dict[str, str]:
    end = start + timedelta(days=365 * years)
    return {"valid-from": start.strftime("%Y-%m-%dT%H:%M:%S+0000"),
            "valid-to": end.strftime("%Y-%m-%dT%H:%M:%S+0000")}


def _key_usage(*usages: str) -> dict[str, Any]:
    return {"id": "key_usage", "critical": True,
            "smart-value": {"schema": "key-usage", "params": list(usages)}}


_REVOCATION_POINTERS = [
    {"id": "crl_distribution_points",
     "smart-value": {"schema": "crl-dist-url", "params": {"crl-repo-names": ["root"]}}},
    {"id": "authority_information_access",
     "smart-value": {"schema": "aia-urls", "params": {"ocsp-responder-names": ["root"]}}},
]


def _certificates(start: datetime) -> dict[str, Any]:
    leaf = _validity(start, 10)
    signer_ext = [_key_usage("digital_signature", "non_repudiation"), *_REVOCATION_POINTERS]
    return {
        "root": {"subject": "root", "issuer": "root", "validity": _validity(start, 30),
                 "extensions": [{"id": "basic_constraints", "critical": True,
                                 "value": {"ca": True}},
                                _key_usage("digital_signature", "key_cert_sign", "crl_sign")]},
        **{name: {"issuer": "root", "validity": leaf, "extensions": signer_ext}
           for name in HOLDERS},
        "tsa": {"issuer": "root", "validity": leaf,
                "extensions": [_key_usage("digital_signature"),
                               {"id": "extended_key_usage", "critical": True,
                                "value": ["time_stamping"]}, *_REVOCATION_POINTERS]},
        "ocsp": {"issuer": "root", "validity": leaf,
                 "extensions": [_key_usage("digital_signature"),
                                {"id": "extended_key_usage", "critical": True,
                                 "value": ["ocsp_signing"]}, {"id": "ocsp_no_check"}]},
    }


def _citizen_entities() -> dict[str, dict[str, str]]:
    return {login: {"common-name": f"{name} — {TEST_MARK}", "serial-number": serial}
            for login, (name, serial) in CITIZENS.items()}


def _config(url_prefix: str, city: str, start: datetime) -> dict[str, Any]:
    mark = f"{city} ({TEST_MARK})"
    entities = {
        "root": {"common-name": f"Root CA — {TEST_MARK}"},
        **{name: {"common-name": f"{title} — {TEST_MARK}"} for name, title in SIGNERS.items()},
        **_citizen_entities(),
        "tsa": {"common-name": f"Timestamp authority — {TEST_MARK}"},
        "ocsp": {"common-name": f"OCSP responder — {TEST_MARK}"},
    }
    return {
        "external-url-prefix": url_prefix,
        "keysets": {ARCH: {"path-prefix": "keys",
                           "keys": {name: {"path": f"{name}.key.pem"} for name in KEYS}}},
        "pki-architectures": {ARCH: {
            "keyset": ARCH,
            "entity-defaults": {"country-name": "ES", "organization-name": mark[:64]},
            "entities": entities,
            "certs": _certificates(start),
            "services": {
                "ocsp": {"root": {"for-issuer": "root", "responder-cert": "ocsp",
                                  "signing-key": "ocsp"}},
                "crl-repo": {"root": {"for-issuer": "root", "signing-key": "root",
                                      "simulated-update-schedule": "P7D"}},
                "time-stamping": {"tsa": {"signing-key": "tsa", "signing-cert": "tsa"}},
            },
        }},
    }


def ensure_dev_pki(folder: Path, *, port: int, city: str = "eoffice") -> DevPki:
    """The development PKI in ``folder``, generated now if it is not there yet.

    ``port`` is the loopback port its services answer on; it is written into the
    certificates (OCSP and CRL addresses), so an existing PKI keeps its own port.
    """
    config_path = folder / CONFIG_FILE
    if config_path.exists():
        existing = yaml.safe_load(config_path.read_text())
        pki = DevPki(folder, str(existing["external-url-prefix"]))
        _add_missing_signers(pki, existing)
        return pki
    (folder / "keys").mkdir(parents=True, exist_ok=True)
    for name in KEYS:
        _write_key(folder / "keys" / f"{name}.key.pem")
    url_prefix = f"http://127.0.0.1:{port}"
    start = datetime.now(UTC).replace(microsecond=0) - timedelta(days=1)
    pki = DevPki(folder, url_prefix)
    staged = folder / f"{CONFIG_FILE}.new"
    staged.write_text(yaml.safe_dump(_config(url_prefix, city, start), allow_unicode=True))
    _export(pki, staged)
    staged.replace(config_path)  # last: a crash before this regenerates everything
    return pki


def _add_missing_signers(pki: DevPki, config: dict[str, Any]) -> None:
    """Give officials added since the PKI was generated a key and a certificate (same
    validity as the others); keys and certificates already there stay as they are."""
    arch = config["pki-architectures"][ARCH]
    missing = [name for name in HOLDERS if name not in arch["certs"]]
    if not missing:
        return
    keys = config["keysets"][ARCH]["keys"]
    for name in missing:
        key_path = pki.folder / "keys" / f"{name}.key.pem"
        if not key_path.exists():
            _write_key(key_path)
        keys[name] = {"path": f"{name}.key.pem"}
        arch["entities"][name] = _citizen_entities().get(
            name, {"common-name": f"{SIGNERS.get(name)} — {TEST_MARK}"})
        arch["certs"][name] = dict(arch["certs"]["seal"])
    staged = pki.folder / f"{CONFIG_FILE}.new"
    staged.write_text(yaml.safe_dump(config, allow_unicode=True))
    _export(pki, staged, only=missing)
    staged.replace(pki.config_path)


def load_architecture(folder: Path, config_path: Path | None = None) -> Any:
    """The certomancer PKI architecture described in ``folder``."""
    from certomancer.registry import ArchLabel, CertomancerConfig  # noqa: PLC0415 - dev/test

    config = CertomancerConfig.from_file(str(config_path or folder / CONFIG_FILE),
                                         key_search_dir=str(folder))
    return config.get_pki_arch(ArchLabel(ARCH))


def _export(pki: DevPki, config_path: Path, *, only: list[str] | None = None) -> None:
    from certomancer.registry import CertLabel  # noqa: PLC0415 - dev/test only

    arch = load_architecture(pki.folder, config_path)
    root = arch.get_cert(CertLabel("root"))
    pki.root_cert_path.write_bytes(_pem(root.dump()))
    for signer in only if only is not None else list(HOLDERS):
        data = arch.package_pkcs12(CertLabel(signer), password=PKCS12_PASSPHRASE)
        pki.pkcs12_path(signer).write_bytes(data)
        pki.pkcs12_path(signer).chmod(0o600)


def _pem(der: bytes) -> bytes:
    from asn1crypto import pem  # noqa: PLC0415

    return bytes(pem.armor("CERTIFICATE", der))
