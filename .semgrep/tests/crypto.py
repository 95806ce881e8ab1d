"""Examples for crypto.yml (semgrep --test): ruleid lines must match, ok lines must not."""
# ruff: noqa
import hashlib
import random
import secrets
from hashlib import sha1

from cryptography.hazmat.primitives import hashes


def checksum(data: bytes) -> str:
    # ruleid: eoffice-weak-hash
    return hashlib.md5(data).hexdigest()


def legacy_digest(data: bytes) -> str:
    # ruleid: eoffice-weak-hash
    return sha1(data).hexdigest()


def by_name(data: bytes) -> str:
    # ruleid: eoffice-weak-hash
    return hashlib.new("SHA1", data).hexdigest()


def for_hmac():
    # ruleid: eoffice-weak-hash
    return hashes.MD5()


def sound(data: bytes) -> str:
    # ok: eoffice-weak-hash
    return hashlib.sha256(data).hexdigest()


def sound_by_name(data: bytes) -> str:
    # ok: eoffice-weak-hash
    return hashlib.new("sha256", data).hexdigest()


def verification_code() -> str:
    # ruleid: eoffice-random-for-secrets
    return "".join(random.choice("ABCDEFGHJKLMNPQRSTUVWXYZ23456789") for _ in range(16))


def session_token() -> str:
    # ruleid: eoffice-random-for-secrets
    return hex(random.getrandbits(128))


def sound_token() -> str:
    # ok: eoffice-random-for-secrets
    return secrets.token_urlsafe(32)


def sound_choice() -> str:
    # ok: eoffice-random-for-secrets
    return random.SystemRandom().choice("abc")
