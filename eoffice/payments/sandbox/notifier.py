"""The sandbox gateway's server-to-server notification: after a card attempt it posts
the signed result to the merchant's notification URL, as a real gateway does. It goes
through the outbox, so it is sent by the worker outside any transaction, and retried."""

from __future__ import annotations

import logging
import urllib.error
import urllib.request
from urllib.parse import urlencode, urlsplit

from sqlalchemy.orm import Session

from eoffice.shared import outbox
from eoffice.shared.outbox import Delivery

log = logging.getLogger(__name__)
NOTIFY_TOPIC = "payments.sandbox_notification"
TIMEOUT_SECONDS = 10
FINAL_REFUSALS = frozenset({400, 404, 409, 422})


def schedule_notification(session: Session, *, url: str, fields: dict[str, str],
                          transaction_id: str) -> None:
    """Send ``fields`` to ``url`` once the transaction commits (once per transaction)."""
    outbox.enqueue(session, NOTIFY_TOPIC, {"url": url, "fields": fields},
                   dedup_key=f"{NOTIFY_TOPIC}:{transaction_id}")


def deliver_notification(delivery: Delivery) -> None:
    """The outbox consumer: POST the signed fields; the merchant's refusal is final,
    anything else (no answer, 5xx) raises so the worker tries again later."""
    url = str(delivery.payload.get("url", ""))
    if urlsplit(url).scheme not in ("http", "https"):
        log.warning("sandbox notification %s: no usable URL", delivery.message_id)
        return
    body = urlencode(delivery.payload.get("fields", {})).encode()
    request = urllib.request.Request(  # noqa: S310 - the scheme is checked above
        url, data=body, method="POST",
        headers={"Content-Type": "application/x-www-form-urlencoded"})
    try:
        # the scheme is checked above (http or https only)
        with urllib.request.urlopen(  # noqa: S310  # nosec B310
                request, timeout=TIMEOUT_SECONDS) as answer:
            log.info("sandbox notification %s: %s", delivery.message_id, answer.status)
    except urllib.error.HTTPError as exc:
        if exc.code not in FINAL_REFUSALS:
            raise
        log.warning("sandbox notification %s refused: %s", delivery.message_id, exc.code)
