"""Wiring of the governing bodies: bodies, delegations and the book of resolutions (with
its signature guard and numbering hook in the tray), then the collegiate bodies'
proposals and sessions."""

from __future__ import annotations

from flask import Flask
from flask_smorest import Api

from eoffice.bodies.book_wiring import init_book
from eoffice.bodies.sessions_wiring import init_sessions


def init_context(app: Flask, api_: Api) -> None:
    """Register the governing bodies with ``app``."""
    init_book(app, api_)
    init_sessions(app, api_)
