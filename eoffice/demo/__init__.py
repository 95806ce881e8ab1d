"""The demo city (idempotent): units, roles and users of ../shared/API.md, the product's
forms and blocks, and a catalogue of procedures. Demo passwords equal the login: demo only."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session

from eoffice import forms, processing
from eoffice.demo.archive_series import load_demo_series
from eoffice.demo.bodies import load_demo_bodies
from eoffice.demo.calendar import load_demo_calendar
from eoffice.demo.catalogue import load_demo_catalogue
from eoffice.demo.city import load_city
from eoffice.demo.edicts import load_demo_edicts
from eoffice.demo.fees import load_demo_fees
from eoffice.demo.registry import load_demo_registry
from eoffice.demo.representation import load_demo_representation
from eoffice.demo.samples import load_demo_samples
from eoffice.demo.territory import load_demo_territory

PRODUCT_FORMS = Path(__file__).resolve().parents[2] / "forms"


def load_demo(session: Session, *, samples: bool = True) -> str:
    """Load everything; the catalogue comes after the forms it pins; the sample records
    (``samples``: ana's pending notification) come last, on the whole city."""
    parts = [load_city(session), load_demo_registry(session)]
    parts.append(load_demo_calendar(session))
    parts.append(load_demo_territory(session))
    report = forms.sync_product_forms(session, PRODUCT_FORMS)
    parts.append(f"{len(report.created) + len(report.unchanged)} form and block versions")
    models = processing.sync_product_models(session, processing.PRODUCT_MODELS)
    parts.append(f"{len(models.created) + len(models.unchanged)} process models")
    parts.append(load_demo_catalogue(session))
    parts.append(load_demo_bodies(session))
    parts.append(load_demo_fees(session))
    parts.append(load_demo_representation(session))
    parts.append(load_demo_edicts(session))
    parts.append(load_demo_series(session))
    if samples:
        parts.append(load_demo_samples(session))
    return "; ".join(parts)


__all__ = ["load_demo"]
