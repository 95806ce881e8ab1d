"""Wiring of the representation context: its pages and API."""

from __future__ import annotations

from flask import Flask
from flask_smorest import Api


def init_context(app: Flask, api: Api) -> None:
    """Register the representation context's blueprints with ``app``."""
