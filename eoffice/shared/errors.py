"""Domain errors with stable codes, in one registry, rendered as RFC 9457 problems.

Each context declares its errors in its ``errors.py`` by subclassing
:class:`DomainError`; the class registers its code here, so ``ERRORS`` lists
every code the API can return and a duplicate code fails at import time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, ClassVar

from eoffice.shared.i18n import _l

CODE_PATTERN = re.compile(r"^[a-z_]+\.[a-z_]+$")
ERRORS: dict[str, type[DomainError]] = {}


@dataclass(frozen=True)
class FieldError:
    """One invalid field of a request: its path, a message and a stable code."""

    field: str
    message: str
    code: str

    def as_dict(self) -> dict[str, str]:
        return {"field": self.field, "message": self.message, "code": self.code}


class DomainError(Exception):
    """An expected failure with a stable ``code`` and the HTTP status it maps to."""

    code: ClassVar[str]
    status: int = 400
    title: ClassVar[Any] = _l("The request cannot be carried out.")

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        code = cls.__dict__.get("code")
        if code is None:
            return
        if not CODE_PATTERN.match(code):
            raise ValueError(f"error code {code!r} is not '<context>.<name>'")
        if code in ERRORS:
            raise ValueError(f"error code {code!r} is declared twice")
        ERRORS[code] = cls

    def __init__(
        self,
        detail: str | None = None,
        *,
        errors: list[FieldError] | None = None,
        status: int | None = None,
        **extra: Any,
    ) -> None:
        super().__init__(detail or self.code)
        if status is not None:
            self.status = status
        self.detail = detail
        self.errors = errors or []
        self.extra = extra

    def problem(self) -> dict[str, Any]:
        """The problem+json body (RFC 9457) of this error."""
        body: dict[str, Any] = {
            "type": f"urn:eoffice:problem:{self.code}",
            "title": str(self.title),
            "status": self.status,
            "code": self.code,
        }
        body["detail"] = str(self.detail) if self.detail else str(self.title)
        if self.errors:
            body["errors"] = [error.as_dict() for error in self.errors]
        body.update(self.extra)
        return body


class NotFound(DomainError):
    code = "request.not_found"
    status = 404
    title = _l("Not found.")


class MethodNotAllowed(DomainError):
    code = "request.method_not_allowed"
    status = 405
    title = _l("This method is not allowed here.")


class MalformedRequest(DomainError):
    code = "request.malformed"
    status = 400
    title = _l("The request body could not be read.")


class HttpError(DomainError):
    """Any other HTTP error (406, 415...), keeping its status."""

    code = "request.http_error"
    status = 400
    title = _l("The request cannot be served as sent.")


class ValidationFailed(DomainError):
    code = "request.validation_failed"
    status = 422
    title = _l("Some fields are not valid.")


class PayloadTooLarge(DomainError):
    code = "request.too_large"
    status = 413
    title = _l("The request is larger than allowed.")


class CSRFFailed(DomainError):
    code = "request.csrf_failed"
    status = 400
    title = _l("The form has expired or did not come from this site. Please try again.")


class RateLimited(DomainError):
    code = "request.rate_limited"
    status = 429
    title = _l("Too many attempts. Please wait a moment and try again.")


class Conflict(DomainError):
    code = "request.conflict"
    status = 409
    title = _l("The object changed meanwhile or is not in a state that allows this.")


class InternalError(DomainError):
    code = "server.internal_error"
    status = 500
    title = _l("Something went wrong on our side.")


class Unauthenticated(DomainError):
    code = "identity.unauthenticated"
    status = 401
    title = _l("You need to sign in (valid credentials are missing).")


class Forbidden(DomainError):
    code = "identity.forbidden"
    status = 403
    title = _l("You are not allowed to do this.")
