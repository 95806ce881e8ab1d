"""Wiring of bodies, delegations and the book of resolutions: pages, API, the tray's
signature guard and the numbering hook."""

from __future__ import annotations

from flask import Flask
from flask_smorest import Api


def init_book(app: Flask, api_: Api) -> None:
    """Register the bodies' administration and the book of resolutions."""
