"""E-mail alerts through the outbox: :func:`queue_email` writes the message in the
caller's transaction (a crash delays it, never loses it); :func:`deliver_email`, the
worker's consumer, sends it by SMTP or, with no SMTP server configured, writes it as an
``.eml`` file in ``<instance>/mail`` (a local sink the demo and people can read)."""

from __future__ import annotations

import smtplib
from email.message import EmailMessage
from pathlib import Path
from urllib.parse import urlsplit

from flask import current_app
from sqlalchemy.orm import Session

from eoffice.shared import outbox
from eoffice.shared.outbox import Delivery

EMAIL_TOPIC = "notifications.email"
SENDER = "no-reply@eoffice.invalid"


def queue_email(session: Session, *, to: str, subject: str, body: str,
                dedup_key: str) -> bool:
    """Queue one e-mail (once per ``dedup_key``); False when it was queued before."""
    queued = outbox.enqueue(session, EMAIL_TOPIC,
                            {"to": to, "subject": subject[:300], "body": body},
                            dedup_key=f"{EMAIL_TOPIC}:{dedup_key}")
    return queued is not None


def _message(payload: dict[str, str], sender: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = payload["to"]
    message["Subject"] = payload["subject"]
    message.set_content(payload["body"])
    return message


def deliver_email(delivery: Delivery) -> None:
    """Outbox consumer of ``notifications.email`` (raises to be retried later)."""
    settings = current_app.config["EOFFICE_SETTINGS"]
    message = _message({k: str(v) for k, v in delivery.payload.items()}, SENDER)
    if not settings.smtp_url:
        folder = Path(settings.instance_path) / "mail"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{delivery.message_id:08d}.eml").write_bytes(bytes(message))
        return
    address = urlsplit(settings.smtp_url)
    with smtplib.SMTP(address.hostname or "127.0.0.1", address.port or 25,
                      timeout=30) as smtp:
        if address.scheme == "smtp+starttls":
            smtp.starttls()
        if address.username:
            smtp.login(address.username, address.password or "")
        smtp.send_message(message)
