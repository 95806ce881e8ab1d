"""The payment letter and the receipt as PDF/A: HTML from templates, turned into PDF by
the configured renderer. When the documents context can seal and store documents,
these become its templates and the receipt is stored there (ADR 0016)."""

from __future__ import annotations

import segno
from flask import current_app, render_template

from eoffice.payments.adapters.sandbox_provider import SANDBOX
from eoffice.payments.domain import amount_text
from eoffice.payments.views import PaymentView
from eoffice.payments.web_support import renderer


def _context(view: PaymentView, locale: str) -> dict[str, object]:
    settings = current_app.config["EOFFICE_SETTINGS"]
    return {"payment": view, "concept": view.concept_in(locale), "locale": locale,
            "city_name": settings.city_name, "amount": amount_text(view.amount),
            "sandbox": any(change.provider == SANDBOX for change in view.history)}


def letter_pdf(view: PaymentView, *, locale: str) -> bytes:
    """The self-assessment letter: reference (with a QR code of it), amount, due date."""
    qr = segno.make(view.reference, error="m").svg_data_uri(scale=4)
    html = render_template("payments/pdf/letter.html", qr=qr, **_context(view, locale))
    return renderer().pdf_from_html(html)


def receipt_pdf(view: PaymentView, *, locale: str) -> bytes:
    """The receipt of a paid payment, with the transaction reference (NRC or card)."""
    html = render_template("payments/pdf/receipt.html", **_context(view, locale))
    return renderer().pdf_from_html(html)
