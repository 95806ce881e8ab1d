"""Wiring of the territory database: its pages, API and commands."""

from __future__ import annotations

from flask import Flask
from flask_smorest import Api


def init_context(app: Flask, api_: Api) -> None:
    """Register the territory database with ``app``."""
