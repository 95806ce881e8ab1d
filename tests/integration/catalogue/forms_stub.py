"""Until the forms context ships the product forms the demo catalogue pins, the
catalogue's tests accept those pins (the real forms context answers for any
form that does exist; tests of the form checks replace it explicitly)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.orm import Session

from eoffice import forms

DEMO_DATA = Path(__file__).resolve().parents[3] / "eoffice" / "demo" / "catalogue_data.json"


def demo_form_pins() -> set[tuple[str, int]]:
    data = json.loads(DEMO_DATA.read_text(encoding="utf-8"))
    return {
        (case["form"]["key"], case["form"]["version"])
        for procedure in data["procedures"] for case in procedure["cases"]
    }


def accept_demo_form_pins(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make ``forms.form_exists`` true for the demo's pins while their forms are missing."""
    real_exists: Any = getattr(forms, "form_exists", None)
    real_slots: Any = getattr(forms, "document_slots", None)
    pins = demo_form_pins()

    def form_exists(session: Session, key: str, version: int) -> bool:
        return (real_exists is None or real_exists(session, key, version)
                or (key, version) in pins)

    def document_slots(session: Session, key: str, version: int) -> list[str]:
        if real_exists is not None and real_exists(session, key, version) and real_slots:
            return list(real_slots(session, key, version))
        return []

    monkeypatch.setattr(forms, "form_exists", form_exists, raising=False)
    monkeypatch.setattr(forms, "document_slots", document_slots, raising=False)
