"""Steps of the card flow through the test client: the payer's form, the sandbox
gateway's pages, and the signed return URL."""

from __future__ import annotations

import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

from flask.testing import FlaskClient

from tests.conftest import csrf_from

HIDDEN = re.compile(r'<input type="hidden" name="(Ds_[A-Za-z]+)" value="([^"]*)">')


def hidden_fields(html: str) -> dict[str, str]:
    return {name: unescape(value) for name, value in HIDDEN.findall(html)}


def pay_with_card(client: FlaskClient, reference: str, card: str) -> str:
    """From the payment page to the provider and back: the return URL (path and query)."""
    page = client.get(f"/payments/{reference}").get_data(as_text=True)
    to_provider = client.post(f"/payments/{reference}/card",
                              data={"csrf_token": csrf_from(page)}).get_data(as_text=True)
    fields = hidden_fields(to_provider)
    gateway = client.post("/sandbox/card-gateway/pay",
                          data={**fields, "csrf_token": csrf_from(to_provider)})
    assert gateway.status_code == 200
    html = gateway.get_data(as_text=True)
    back = client.post("/sandbox/card-gateway/pay/authorise",
                       data={**fields, "card_number": card, "csrf_token": csrf_from(html)})
    assert back.status_code == 303
    location = urlsplit(back.headers["Location"])
    return f"{location.path}?{location.query}"


def callback_fields(return_url: str) -> dict[str, str]:
    return {key: values[0] for key, values in parse_qs(urlsplit(return_url).query).items()}
