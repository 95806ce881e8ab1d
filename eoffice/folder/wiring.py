"""Wiring of the citizen folder: its pages and API."""

from __future__ import annotations

from flask import Flask
from flask_smorest import Api


def init_context(app: Flask, api: Api) -> None:
    """Register the citizen folder's blueprints with ``app``."""
