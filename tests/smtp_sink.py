"""An SMTP server on loopback for the tests that follow e-mail out of eoffice (aiosmtpd): it
keeps what it receives, can refuse for a while (451, a relay with a full queue) and be
stopped and started again on the same port (the mail server going down and coming
back). :func:`relay_sink` points the application's ``smtp_url`` at one for a block."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from email import message_from_bytes
from email.message import Message
from typing import Any

from aiosmtpd.controller import Controller
from flask import Flask

from tests.live_server import free_port


class SmtpSink:
    """An SMTP server on loopback keeping what it receives; ``refusing`` makes it answer
    every message with a temporary failure (451), as a relay with a full queue does. It
    can be stopped and started again on the same port."""

    def __init__(self) -> None:
        self.received: list[Message] = []
        self.refused = 0
        self.refusing = False
        self.port = free_port()
        self.controller: Controller | None = None

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.refusing:
            self.refused += 1
            return "451 4.3.0 Mail queue full, try again later"
        self.received.append(message_from_bytes(envelope.content))
        return "250 OK"

    @property
    def url(self) -> str:
        return f"smtp://127.0.0.1:{self.port}"

    def start(self) -> None:
        # aiosmtpd waits 5 s for its thread by default: not enough on a busy machine
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port,
                                     ready_timeout=60)
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


@contextmanager
def smtp_relay(app: Flask, url: str) -> Iterator[None]:
    """The application sends e-mail to ``url`` for the block."""
    settings = app.config["EOFFICE_SETTINGS"]
    app.config["EOFFICE_SETTINGS"] = settings.model_copy(update={"smtp_url": url})
    try:
        yield
    finally:
        app.config["EOFFICE_SETTINGS"] = settings


@contextmanager
def relay_sink(app: Flask) -> Iterator[SmtpSink]:
    """A started :class:`SmtpSink` that the application sends its e-mail to, for the block."""
    relay = SmtpSink()
    relay.start()
    try:
        with smtp_relay(app, relay.url):
            yield relay
    finally:
        relay.stop()
