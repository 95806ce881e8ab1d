"""The live fee panel of the citizen's form: posted form fields in, a small HTML
fragment out (the amount and its explanation, or what to answer first)."""

from __future__ import annotations

from flask import Blueprint, render_template, request
from flask.typing import ResponseReturnValue

from eoffice import catalogue, forms
from eoffice.fees.api import QUOTE_RATE
from eoffice.fees.panel import render_fee_panel
from eoffice.identity.limits import limiter
from eoffice.shared.db import reader
from eoffice.shared.i18n import current_language

bp = Blueprint("fees", __name__, template_folder="templates")


@bp.post("/procedures/<procedure>/<case>/fee-quote")
@limiter.limit(QUOTE_RATE)
def quote_panel(procedure: str, case: str) -> ResponseReturnValue:
    """The fee for the answers posted so far, as a fragment for htmx to swap in."""
    with reader() as db:
        try:
            pinned = catalogue.get_case(db, procedure, case).form
        except (catalogue.UnknownProcedure, catalogue.UnknownCase):
            pinned = None
        if pinned is None:
            return render_template("fees/_panel.html", quote=None, needed=[])
        posted = forms.answers_from_form(db, pinned.key, pinned.version, request.form)
        # Validation normalises what people type ("12.000,00" → "12000.00").
        answers = forms.validate_answers(db, pinned.key, pinned.version, posted,
                                         locale=current_language()).answers
        return render_fee_panel(db, procedure=procedure, case=case, answers=answers,
                                locale=current_language())
