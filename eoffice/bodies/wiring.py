"""Wiring of the governing bodies: the book of resolutions (with its signature guard and
numbering hook in the tray) and the collegiate bodies' sessions."""

from __future__ import annotations

from flask import Flask
from flask_smorest import Api


def init_context(app: Flask, api_: Api) -> None:
    """Register the governing bodies with ``app``."""
