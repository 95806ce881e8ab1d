"""Signed gateway messages: only the holder of the key signs; any change is detected."""

from __future__ import annotations

import base64
import json

from eoffice.payments.signatures import (
    SignedMessage,
    decode_parameters,
    derive_key,
    sign,
    verify,
)

KEY = derive_key("application-secret", "label")
VALUES = {"Ds_Order": "123456789012", "Ds_Amount": "1250", "Ds_Response": "0000"}


def test_a_signed_message_verifies_and_gives_back_its_values() -> None:
    message = sign(KEY, VALUES, order_field="Ds_Order")
    assert verify(KEY, message, order_field="Ds_Order") == VALUES


def test_changing_the_amount_breaks_the_signature() -> None:
    message = sign(KEY, VALUES, order_field="Ds_Order")
    forged = base64.b64encode(json.dumps({**VALUES, "Ds_Amount": "1"}).encode()).decode()
    tampered = SignedMessage(message.version, forged, message.signature)
    assert verify(KEY, tampered, order_field="Ds_Order") is None


def test_a_message_signed_with_another_key_is_refused() -> None:
    message = sign(derive_key("another-secret", "label"), VALUES, order_field="Ds_Order")
    assert verify(KEY, message, order_field="Ds_Order") is None


def test_keys_differ_per_purpose_and_per_secret() -> None:
    assert derive_key("s", "a") != derive_key("s", "b") != derive_key("t", "a")


def test_the_signature_of_one_order_does_not_sign_another() -> None:
    first = sign(KEY, VALUES, order_field="Ds_Order")
    other = sign(KEY, {**VALUES, "Ds_Order": "999999999999"}, order_field="Ds_Order")
    swapped = SignedMessage(first.version, other.parameters, first.signature)
    assert verify(KEY, swapped, order_field="Ds_Order") is None


def test_garbage_is_refused_without_an_exception() -> None:
    for parameters in ("", "not base64!!", base64.b64encode(b"[1, 2]").decode(), "A" * 9000):
        message = SignedMessage("HMAC_SHA256_V1", parameters, "x")
        assert verify(KEY, message, order_field="Ds_Order") is None
    assert decode_parameters("%%%") is None


def test_an_unknown_signature_version_is_refused() -> None:
    message = sign(KEY, VALUES, order_field="Ds_Order")
    other = SignedMessage("HMAC_SHA1", message.parameters, message.signature)
    assert verify(KEY, other, order_field="Ds_Order") is None
