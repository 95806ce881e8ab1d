"""Wiring of the collegiate bodies: proposals, sessions, minutes and certificates
(pages, API, the minutes' finishing hook and the certificate consumer)."""

from __future__ import annotations

from flask import Flask
from flask_smorest import Api


def init_sessions(app: Flask, api_: Api) -> None:
    """Register proposals and sessions of the collegiate bodies."""
