"""The region whose calendar the city keeps (setting ``EOFFICE_HOLIDAY_REGION``, an
ISO 3166-2 subdivision of Spain as the `holidays` library names it: ``VC``, ``CT``...)."""

from __future__ import annotations

COUNTRY = "ES"
DEFAULT_REGION = "VC"


def calendar_region() -> str:
    """The configured region of the running app (the default outside one)."""
    from flask import current_app, has_app_context  # noqa: PLC0415 - app only when running

    if has_app_context():
        return str(current_app.config["EOFFICE_SETTINGS"].holiday_region)
    return DEFAULT_REGION
