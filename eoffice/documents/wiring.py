"""Wiring of the documents context into the application."""

from __future__ import annotations

from flask import Flask
from flask_smorest import Api


def init_context(app: Flask, api: Api) -> None:
    """Register this context's API and pages with ``app`` (called by create_app)."""
