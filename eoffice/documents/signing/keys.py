"""Signing keys: PKCS#12 files by default, a PKCS#11 token when configured.

A key is loaded once per process and kept, parsed: pyHanko's simple signer would
otherwise parse the RSA key again on every signature (~45 ms: cryptography checks the key
each time it is loaded). The cache notices a replaced PKCS#12 file.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
from cryptography.hazmat.primitives.asymmetric.rsa import RSAPrivateKey
from pyhanko.sign import signers
from pyhanko_certvalidator.util import get_pyca_cryptography_hash

from eoffice.documents.errors import CertificateExpired, SigningKeyUnavailable


@dataclass(frozen=True)
class KeySource:
    """Where a signer's key and certificate are: a PKCS#12 file, or a PKCS#11 token."""

    pkcs12_path: Path | None = None
    passphrase: bytes | None = None
    pkcs11_module: str | None = None
    pkcs11_token: str | None = None
    pkcs11_key_label: str | None = None
    pkcs11_pin: str | None = None


_CACHE: dict[tuple[object, ...], signers.Signer] = {}
_LOCK = threading.Lock()


def _cache_key(source: KeySource) -> tuple[object, ...]:
    if source.pkcs12_path is not None:
        try:
            stamp = source.pkcs12_path.stat().st_mtime_ns
        except OSError as exc:
            raise SigningKeyUnavailable(f"no key file {source.pkcs12_path.name}") from exc
        return ("pkcs12", str(source.pkcs12_path), stamp)
    return ("pkcs11", source.pkcs11_module, source.pkcs11_token, source.pkcs11_key_label)


_PKCS1_V15 = {"sha256_rsa", "sha384_rsa", "sha512_rsa", "rsassa_pkcs1v15"}


class ParsedKeySigner(signers.SimpleSigner):
    """pyHanko's simple signer holding its RSA key parsed once (PKCS#1 v1.5, as
    pyHanko chooses for an RSA key); any other mechanism goes through pyHanko."""

    def __init__(self, loaded: signers.SimpleSigner) -> None:
        super().__init__(signing_cert=loaded.signing_cert, signing_key=loaded.signing_key,
                         cert_registry=loaded.cert_registry,
                         signature_mechanism=loaded.signature_mechanism,
                         prefer_pss=loaded.prefer_pss)
        key = serialization.load_der_private_key(loaded.signing_key.dump(), password=None)
        self._rsa_key = key if isinstance(key, RSAPrivateKey) else None

    def sign_raw(self, data: bytes, digest_algorithm: str) -> bytes:
        mechanism = self.get_signature_mechanism_for_digest(digest_algorithm)
        if self._rsa_key is None or mechanism["algorithm"].native not in _PKCS1_V15:
            return super().sign_raw(data, digest_algorithm)
        return self._rsa_key.sign(data, PKCS1v15(), get_pyca_cryptography_hash(digest_algorithm))


def _load(source: KeySource) -> signers.Signer:
    if source.pkcs12_path is not None:
        loaded: signers.SimpleSigner | None = signers.SimpleSigner.load_pkcs12(  # type: ignore[no-untyped-call]
            str(source.pkcs12_path), passphrase=source.passphrase
        )
        if loaded is None:
            raise SigningKeyUnavailable(f"cannot open {source.pkcs12_path.name}")
        return ParsedKeySigner(loaded)
    if source.pkcs11_module:
        from pyhanko.config.pkcs11 import TokenCriteria  # noqa: PLC0415 - token only
        from pyhanko.sign import pkcs11  # noqa: PLC0415

        session = pkcs11.open_pkcs11_session(
            source.pkcs11_module, user_pin=source.pkcs11_pin,
            token_criteria=TokenCriteria(label=source.pkcs11_token),
        )
        return pkcs11.PKCS11Signer(session, key_label=source.pkcs11_key_label,
                                   cert_label=source.pkcs11_key_label)
    raise SigningKeyUnavailable("no signing key is configured")


def check_certificate_dates(signer: signers.Signer, *, at: datetime | None = None) -> None:
    """CertificateExpired unless the signer's certificate is valid now."""
    cert = signer.signing_cert
    if cert is None:
        raise SigningKeyUnavailable("the key has no certificate")
    moment = at or datetime.now(UTC)
    validity = cert["tbs_certificate"]["validity"]
    if not validity["not_before"].native <= moment <= validity["not_after"].native:
        raise CertificateExpired(f"certificate of {cert.subject.human_friendly} is not valid now")


def load_signer(source: KeySource) -> signers.Signer:
    """The signer of ``source``, loaded once and cached; errors say what is missing."""
    key = _cache_key(source)
    with _LOCK:
        signer = _CACHE.get(key)
        if signer is None:
            try:
                signer = _load(source)
            except (OSError, ValueError) as exc:
                raise SigningKeyUnavailable(f"cannot load the signing key: {exc}") from exc
            _CACHE[key] = signer
    check_certificate_dates(signer)
    return signer
