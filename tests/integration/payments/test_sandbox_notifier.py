"""The sandbox gateway's server notification: posted to the merchant on loopback;
a refusal is final, a server error is retried."""

from __future__ import annotations

from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from urllib.parse import parse_qs

import pytest

from eoffice.payments.sandbox.notifier import NOTIFY_TOPIC, deliver_notification
from eoffice.shared.outbox import Delivery
from tests.loopback import serving


class _Merchant(BaseHTTPRequestHandler):
    received: list[dict[str, list[str]]] = []
    answer = 200

    def do_POST(self) -> None:
        length = int(self.headers["Content-Length"])
        type(self).received.append(parse_qs(self.rfile.read(length).decode()))
        self.send_response(type(self).answer)
        self.end_headers()

    def log_message(self, *_args: object) -> None:
        return


@pytest.fixture
def merchant() -> Iterator[tuple[str, type[_Merchant]]]:
    _Merchant.received, _Merchant.answer = [], 200
    server = HTTPServer(("127.0.0.1", 0), _Merchant)
    with serving(server):
        yield f"http://127.0.0.1:{server.server_port}/notify", _Merchant


def _delivery(url: str) -> Delivery:
    return Delivery(message_id=1, topic=NOTIFY_TOPIC, attempt=1, payload={
        "url": url, "fields": {"Ds_SignatureVersion": "HMAC_SHA256_V1",
                               "Ds_MerchantParameters": "e30=", "Ds_Signature": "abc"}})


def test_the_notification_posts_the_signed_fields_to_the_merchant(
        merchant: tuple[str, type[_Merchant]]) -> None:
    url, handler = merchant
    deliver_notification(_delivery(url))
    assert handler.received == [{"Ds_SignatureVersion": ["HMAC_SHA256_V1"],
                                 "Ds_MerchantParameters": ["e30="], "Ds_Signature": ["abc"]}]


def test_a_refused_notification_is_not_retried_but_a_server_error_is(
        merchant: tuple[str, type[_Merchant]]) -> None:
    url, handler = merchant
    handler.answer = 400
    deliver_notification(_delivery(url))
    handler.answer = 503
    with pytest.raises(OSError):
        deliver_notification(_delivery(url))
