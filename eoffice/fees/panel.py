"""The fee panel of the citizen's form as markup: the amount with its explanation,
what to answer first, or that the case has no fee. Rendered by the live endpoint
and, for pages without JavaScript, by the host page itself."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from flask import render_template
from markupsafe import Markup
from sqlalchemy.orm import Session

from eoffice.fees.errors import InvalidAnswers, MissingAnswers, NoRule
from eoffice.fees.services import quoting

log = logging.getLogger(__name__)


def render_fee_panel(session: Session, *, procedure: str, case: str,
                     answers: Mapping[str, Any], locale: str) -> Markup:
    """The panel for ``answers`` (normalised form answers) under the rule in force today;
    needs a Flask application context (templates)."""
    try:
        found = quoting.quote(session, procedure=procedure, case=case, answers=answers,
                              locale=locale)
    except NoRule:
        found, needed = None, []
    except (MissingAnswers, InvalidAnswers) as exc:
        log.info("fee panel %r/%r: %s", procedure, case, exc.code)
        found, needed = None, [error.message for error in exc.errors]
    else:
        needed = []
    html = render_template("fees/_panel.html", quote=found, needed=needed)
    return Markup(html)  # noqa: S704 - autoescaped template output  # nosec B704
