"""Which language a page or API answer is in, and links to the page in another one.

Order: ``?lang=`` (remembered in the session), the session, the browser's
``Accept-Language``, then the configured default.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from flask import current_app, has_request_context, request, session, url_for

from eoffice.settings import LOCALES


def select_locale() -> str:
    """Flask-Babel's locale selector (outside a request: the default, e.g. in the CLI)."""
    default: str = current_app.config["EOFFICE_SETTINGS"].default_locale
    if not has_request_context():
        return default
    asked = request.args.get("lang")
    if asked in LOCALES:
        if session.get("lang") != asked and not request.path.startswith("/api/"):
            session["lang"] = asked
        return asked
    remembered = session.get("lang")
    if remembered in LOCALES:
        return str(remembered)
    best = request.accept_languages.best_match(list(LOCALES))
    return best or default


def language_url(code: str) -> str:
    """The current page in language ``code`` (a plain link that works without JS)."""
    args: dict[str, Any] = {k: v for k, v in request.args.items() if k != "lang"}
    args["lang"] = code
    if request.endpoint and request.url_rule is not None and request.method == "GET":
        return url_for(request.endpoint, **(request.view_args or {}), **args)
    return f"{request.path}?{urlencode(args)}"
