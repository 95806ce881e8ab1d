"""E-mail alerts through the outbox: :func:`queue_email` checks the address (its syntax
only: no DNS lookup) and writes the message in the caller's transaction (a crash delays
it, never loses it); a malformed address raises :class:`InvalidEmailAddress` and queues
nothing. :func:`deliver_email`, the worker's consumer, sends it by SMTP or, with no SMTP
server configured, writes it as an ``.eml`` file in ``<instance>/mail`` (a local sink the
demo and people can read). Each message's ``Message-ID`` is made from its outbox message
(its idempotency key): a message sent again after a worker died before noting it was
sent is recognised as the same one. An SMTP server that is down or refuses it makes the
delivery raise: the outbox tries again later with its backoff (5 s doubling up to an hour,
about nine hours over its 20 attempts) and, once it gives up, the message waits on the
background-work page to be delivered again by hand."""

from __future__ import annotations

import smtplib
import ssl
from email.message import EmailMessage
from pathlib import Path
from urllib.parse import urlsplit

from email_validator import EmailNotValidError, validate_email
from flask import current_app
from sqlalchemy.orm import Session

from eoffice.shared import outbox
from eoffice.shared.errors import DomainError
from eoffice.shared.i18n import _l
from eoffice.shared.outbox import Delivery

EMAIL_TOPIC = "notifications.email"
SENDER = "no-reply@eoffice.invalid"
MAX_ADDRESS = 254  # RFC 5321's limit on a path


class InvalidEmailAddress(DomainError):
    """The address an alert was to go to is not an e-mail address; nothing was queued.
    ``reason`` (in the error's ``extra``) says what is wrong with it, in English."""

    code = "notifications.invalid_email"
    status = 422
    title = _l("The e-mail address is not valid: no alert was sent to it.")


def checked_address(address: str) -> str:
    """``address`` in its normal form, or :class:`InvalidEmailAddress`. Syntax only (no
    DNS lookup: the worker would wait on it, and a domain down today may answer
    tomorrow); the ``.test`` domain reserved for testing (RFC 2606) is accepted, as the
    demo city's people live there."""
    candidate = (address or "").strip()
    if not candidate or len(candidate) > MAX_ADDRESS:
        raise InvalidEmailAddress(address=candidate[:MAX_ADDRESS],
                                  reason="empty or longer than 254 characters")
    try:
        return validate_email(candidate, check_deliverability=False,
                              test_environment=True).normalized
    except EmailNotValidError as exc:
        raise InvalidEmailAddress(address=candidate, reason=str(exc)) from exc


def queue_email(session: Session, *, to: str, subject: str, body: str,
                dedup_key: str) -> bool:
    """Queue one e-mail (once per ``dedup_key``); False when it was queued before.
    A malformed ``to`` raises :class:`InvalidEmailAddress` and queues nothing."""
    address = checked_address(to)
    queued = outbox.enqueue(session, EMAIL_TOPIC,
                            {"to": address, "subject": subject[:300], "body": body},
                            dedup_key=f"{EMAIL_TOPIC}:{dedup_key}")
    return queued is not None


def _message(payload: dict[str, str], sender: str, message_id: str) -> EmailMessage:
    message = EmailMessage()
    message["Message-ID"] = message_id
    message["From"] = sender
    message["To"] = payload["to"]
    # A subject is one header line: a line break in it (a notification's subject typed
    # with one) would make EmailMessage refuse the message, and the alert never leave.
    message["Subject"] = " ".join(payload["subject"].splitlines())
    message.set_content(payload["body"])
    return message


def deliver_email(delivery: Delivery) -> None:
    """Outbox consumer of ``notifications.email`` (raises to be retried later)."""
    settings = current_app.config["EOFFICE_SETTINGS"]
    host = urlsplit(str(getattr(settings, "public_url", "") or "")).hostname
    message = _message({k: str(v) for k, v in delivery.payload.items()}, SENDER,
                       f"<outbox.{delivery.message_id}@{host or 'eoffice.invalid'}>")
    if not settings.smtp_url:
        folder = Path(settings.instance_path) / "mail"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{delivery.message_id:08d}.eml").write_bytes(bytes(message))
        return
    address = urlsplit(settings.smtp_url)
    with smtplib.SMTP(address.hostname or "127.0.0.1", address.port or 25,
                      timeout=30) as smtp:
        if address.scheme == "smtp+starttls":
            # smtplib's default context checks no certificate: use the system's CAs.
            smtp.starttls(context=ssl.create_default_context())
        if address.username:
            smtp.login(address.username, address.password or "")
        smtp.send_message(message)
