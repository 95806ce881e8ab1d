"""Rate limits that guard the costly acts of signed-in people: submitting (registering)
an application is limited per account, through the page and the API alike (ADR 0051).

The limits use identity's shared Flask-Limiter; a refusal is the 429 problem (or page)
every rate limit gives. Sign-in and verification-code limits are per client address
and live with their views (identity, documents).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Flask, current_app
from flask_limiter.util import get_remote_address

from eoffice.identity import current_principal
from eoffice.identity.limits import limiter

#: Endpoints that register an application: the citizen's page and the API.
SUBMIT_ENDPOINTS = ("submissions.submit", "submissions-api.SubmitSubmission")
UNUSED_RATE = "1 per second"  # a valid rate for when the limit is off (exempt)
_LIMITED_VIEWS: dict[Callable[..., Any], Callable[..., Any]] = {}


def per_account() -> str:
    """The key of a limit: the signed-in account, else the client address."""
    principal = current_principal()
    if principal is not None:
        return f"account:{principal.account_id}"
    return f"address:{get_remote_address()}"


def submission_rate() -> str:
    rate: str = current_app.config["EOFFICE_SETTINGS"].submission_rate_limit
    return rate or UNUSED_RATE


def _no_submission_limit() -> bool:
    return not current_app.config["EOFFICE_SETTINGS"].submission_rate_limit


def limit_submissions(app: Flask) -> None:
    """Wrap the submit views of ``app`` in the per-account limit (once per view: the
    limiter is shared by every application of the process)."""
    for endpoint in SUBMIT_ENDPOINTS:
        view = app.view_functions[endpoint]
        if view in _LIMITED_VIEWS.values():
            continue
        if view not in _LIMITED_VIEWS:  # one bucket per account for page and API
            _LIMITED_VIEWS[view] = limiter.shared_limit(
                submission_rate, "submissions.submit", key_func=per_account,
                exempt_when=_no_submission_limit,
            )(view)
        app.view_functions[endpoint] = _LIMITED_VIEWS[view]
