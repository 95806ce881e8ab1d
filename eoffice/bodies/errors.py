"""Errors of the governing bodies, with their stable codes."""

from __future__ import annotations

from eoffice.shared.errors import DomainError
from eoffice.shared.i18n import _l


class UnknownBody(DomainError):
    code = "bodies.unknown_body"
    status = 404
    title = _l("There is no such governing body.")


class NoCompetence(DomainError):
    code = "bodies.no_competence"
    status = 403
    title = _l("You are not competent to resolve this: you do not hold the competent "
               "body, and no delegation in force today lets you sign for it.")


class InvalidBodyData(DomainError):
    code = "bodies.invalid"
    status = 422
    title = _l("The data of the governing body is not valid.")
