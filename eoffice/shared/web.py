"""The HTTP edge shared by every context: problem+json for the API, pages for people.

Every error leaves the application through :func:`error_response`, so the API
always answers RFC 9457 ``application/problem+json`` with a stable ``code``
and people get an error page in their language.
"""

from __future__ import annotations

import logging
import uuid
from typing import Any

from flask import Flask, Response, jsonify, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException
from werkzeug.routing import IntegerConverter, Map

from eoffice.shared import errors
from eoffice.shared.i18n import _
from eoffice.shared.validation import describe

log = logging.getLogger(__name__)

PROBLEM_JSON = "application/problem+json"
_BY_STATUS: dict[int, type[errors.DomainError]] = {
    400: errors.MalformedRequest,
    401: errors.Unauthenticated,
    403: errors.Forbidden,
    404: errors.NotFound,
    405: errors.MethodNotAllowed,
    409: errors.Conflict,
    413: errors.PayloadTooLarge,
    422: errors.ValidationFailed,
    429: errors.RateLimited,
}


def wants_problem_json() -> bool:
    """Whether the caller is the API (or a client asking for JSON) rather than a person."""
    if request.path.startswith("/api/"):
        return True
    best = request.accept_mimetypes.best_match(["text/html", "application/json", PROBLEM_JSON])
    return best in ("application/json", PROBLEM_JSON)


def error_response(error: errors.DomainError, *, incident_id: str | None = None) -> Response:
    """The response for ``error``: problem+json for the API, a page for people."""
    if incident_id:
        error.extra["incident_id"] = incident_id
    if wants_problem_json():
        response = jsonify(error.problem())
        response.mimetype = PROBLEM_JSON
    else:
        html = render_template(
            "errors/error.html",
            status=error.status,
            title=str(error.title),
            detail=str(error.detail) if error.detail else None,
            incident_id=incident_id,
        )
        response = Response(html, mimetype="text/html")
    response.status_code = error.status
    if error.status == 401 and wants_problem_json():
        response.headers["WWW-Authenticate"] = 'Bearer realm="eoffice"'
    return response


def _field_errors(messages: Any, prefix: str = "") -> list[errors.FieldError]:
    """Flatten webargs/marshmallow messages into ``[{field, message, code}]``."""
    found: list[errors.FieldError] = []
    if isinstance(messages, dict):
        for key, value in messages.items():
            path = f"{prefix}.{key}" if prefix else str(key)
            found.extend(_field_errors(value, path))
    elif isinstance(messages, list | tuple):
        for item in messages:
            if isinstance(item, str):
                code, message = describe(item)
                found.append(errors.FieldError(prefix, message, code))
            else:
                found.extend(_field_errors(item, prefix))
    else:
        found.append(errors.FieldError(prefix, str(messages), "invalid"))
    return found


def _from_http_exception(exc: HTTPException) -> errors.DomainError:
    status = exc.code or 500
    error_class = _BY_STATUS.get(status)
    if error_class is None:
        return errors.InternalError() if status >= 500 else errors.HttpError(status=status)
    messages = (getattr(exc, "data", None) or {}).get("messages")
    if status == 422 and messages:
        # webargs nests messages by location ("json", "query"): drop that level.
        flat = {k: v for location in messages.values() for k, v in location.items()}
        return errors.ValidationFailed(errors=_field_errors(flat))
    if status == 400 and messages:
        return errors.MalformedRequest(_("The request body is not valid JSON."))
    return error_class()


class BoundedIntegerConverter(IntegerConverter):
    """``<int:...>`` in every route holds at most a database integer: a huge id is a
    404, not an overflow in PostgreSQL."""

    def __init__(self, url_map: Map, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max", 2**31 - 1)
        super().__init__(url_map, *args, **kwargs)


def register_converters(app: Flask) -> None:
    """Route converters every context uses (call before registering any route)."""
    app.url_map.converters["int"] = BoundedIntegerConverter


def _holds_nul(value: Any) -> bool:
    """Whether a NUL character is in ``value`` (a string, or JSON's lists and objects)."""
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_holds_nul(key) or _holds_nul(item) for key, item in value.items())
    if isinstance(value, list):
        return any(_holds_nul(item) for item in value)
    return False


def register_input_guard(app: Flask) -> None:
    """Refuse, before any view, a request whose path, query, form fields or JSON hold a
    NUL character: no text column takes one (PostgreSQL refuses it) and no person types
    one. An uploaded file's name is text too; its bytes are the documents' business."""

    @app.before_request
    def _no_nul() -> None:
        fields = [*request.args.lists(), *request.form.lists()]
        texts = [*(request.view_args or {}).values(), *(name for name, _ in fields),
                 *(value for _, values in fields for value in values),
                 *(upload.filename or "" for _, uploads in request.files.lists()
                   for upload in uploads)]
        body = request.get_json(silent=True) if request.is_json else None
        if _holds_nul(texts) or _holds_nul(body):
            raise errors.MalformedRequest(_("The request holds a NUL character, which no "
                                            "text may contain."))


def register_error_handlers(app: Flask) -> None:
    """Send every error through :func:`error_response` (call after flask-smorest)."""

    @app.errorhandler(errors.DomainError)
    def _domain(exc: errors.DomainError) -> Response:
        if exc.status < 500:
            return error_response(exc)
        return _failed_on_our_side(exc)

    @app.errorhandler(CSRFError)
    def _csrf(_exc: CSRFError) -> Response:
        return error_response(errors.CSRFFailed())

    @app.errorhandler(HTTPException)
    def _http(exc: HTTPException) -> Response:
        if exc.code == 429:
            return error_response(errors.RateLimited())
        return error_response(_from_http_exception(exc))

    @app.errorhandler(RecursionError)
    def _too_deep(_exc: RecursionError) -> Response:
        return error_response(errors.MalformedRequest(_("The request body is nested too deeply.")))

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception) -> Response:
        incident_id = _incident_id()
        log.exception("incident %s: unexpected error", incident_id, exc_info=exc)
        return error_response(errors.InternalError(), incident_id=incident_id)


def _incident_id() -> str:
    """The id a 5xx answer and its log line share, for an operator to find one by the
    other."""
    return uuid.uuid4().hex[:12]


def _failed_on_our_side(exc: errors.DomainError) -> Response:
    """A 5xx the code expected (the TSA, OCSP, index, scanner or storage failed): logged
    with its detail under an incident id, answered with the id and without the detail,
    which names internal hosts, files and libraries. ``%r`` keeps a line break of the
    detail or the path on the log's one line."""
    incident_id = _incident_id()
    log.error("incident %s: %s (%s) on %s %r: %r", incident_id, exc.code, exc.status,
              request.method, request.path, exc.detail)
    exc.detail = None
    return error_response(exc, incident_id=incident_id)


CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
# flask-smorest's Swagger UI page starts the UI with an inline script and styles.
DOCS_CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
    "script-src 'self' 'unsafe-inline'; object-src 'none'; frame-ancestors 'none'"
)


HSTS = "max-age=31536000; includeSubDomains"
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=()"


def register_security_headers(app: Flask) -> None:
    """Headers every response carries: no sniffing, no framing, a strict CSP, no opener;
    HSTS over HTTPS (or when the session cookie is HTTPS-only: behind a TLS proxy); and
    ``no-store`` on everything but the static assets and what declares itself public
    (open data), so no page or answer with personal data stays in a cache."""
    hsts_always = bool(getattr(app.config.get("EOFFICE_SETTINGS"), "session_cookie_secure",
                               False))

    @app.after_request
    def _secure(response: Response) -> Response:
        headers = response.headers
        headers.setdefault("X-Content-Type-Options", "nosniff")
        headers.setdefault("X-Frame-Options", "DENY")
        headers.setdefault("Referrer-Policy", "same-origin")
        headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        policy = DOCS_CONTENT_SECURITY_POLICY if request.path == "/api/docs" else (
            CONTENT_SECURITY_POLICY
        )
        headers.setdefault("Content-Security-Policy", policy)
        if request.is_secure or hsts_always:
            headers.setdefault("Strict-Transport-Security", HSTS)
        declared_public = "public" in (headers.get("Cache-Control") or "")  # open data
        if not request.path.startswith("/static/") and not declared_public:
            headers["Cache-Control"] = "no-store"
        return response
