"""Signed messages between the merchant (us) and a card gateway, in the Redsys style:
parameters travel as base64 JSON, signed with HMAC-SHA256 under a key derived per order.

Pure functions: the caller supplies the merchant key. Verification uses
:func:`hmac.compare_digest` and never raises on garbage, it answers None.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
from dataclasses import dataclass
from typing import Any

SIGNATURE_VERSION = "HMAC_SHA256_V1"
MAX_PARAMETERS_BYTES = 8_000


@dataclass(frozen=True)
class SignedMessage:
    """What is posted or sent back: ``Ds_SignatureVersion``, ``Ds_MerchantParameters``,
    ``Ds_Signature``."""

    version: str
    parameters: str
    signature: str

    def as_fields(self) -> dict[str, str]:
        return {"Ds_SignatureVersion": self.version, "Ds_MerchantParameters": self.parameters,
                "Ds_Signature": self.signature}


def derive_key(secret: str, label: str) -> bytes:
    """A key for one purpose, derived from the application secret with HMAC and a label."""
    return hmac.new(secret.encode(), label.encode(), hashlib.sha256).digest()


def order_key(merchant_key: bytes, order: str) -> bytes:
    """The key of one order: a leaked signature of one order is useless for another."""
    return hmac.new(merchant_key, order.encode(), hashlib.sha256).digest()


def _signature(merchant_key: bytes, order: str, parameters: str) -> str:
    digest = hmac.new(order_key(merchant_key, order), parameters.encode(), hashlib.sha256)
    return base64.urlsafe_b64encode(digest.digest()).decode()


def sign(merchant_key: bytes, values: dict[str, Any], *, order_field: str) -> SignedMessage:
    """``values`` encoded as base64 JSON and signed under the key of their order."""
    parameters = base64.b64encode(
        json.dumps(values, sort_keys=True, separators=(",", ":")).encode()
    ).decode()
    return SignedMessage(SIGNATURE_VERSION, parameters,
                         _signature(merchant_key, str(values[order_field]), parameters))


def decode_parameters(parameters: str) -> dict[str, Any] | None:
    """The JSON object inside ``parameters``, or None when it is not one."""
    if len(parameters) > MAX_PARAMETERS_BYTES:
        return None
    try:
        decoded = json.loads(base64.b64decode(parameters.encode(), validate=True))
    except (binascii.Error, ValueError, UnicodeDecodeError):
        return None
    return decoded if isinstance(decoded, dict) else None


def verify(merchant_key: bytes, message: SignedMessage, *,
           order_field: str) -> dict[str, Any] | None:
    """The parameters of ``message`` when its signature is right, else None."""
    if message.version != SIGNATURE_VERSION:
        return None
    values = decode_parameters(message.parameters)
    if values is None or not isinstance(values.get(order_field), str):
        return None
    expected = _signature(merchant_key, values[order_field], message.parameters)
    given = message.signature.replace("+", "-").replace("/", "_")
    if not hmac.compare_digest(expected.encode(), given.encode()):
        return None
    return values


def payload_sha256(message: SignedMessage) -> str:
    """The hash of a message as received (kept with the transaction it confirmed)."""
    raw = f"{message.version}\n{message.parameters}\n{message.signature}".encode()
    return hashlib.sha256(raw).hexdigest()
