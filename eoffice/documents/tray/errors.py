"""Errors of the signature tray, with their stable codes."""

from __future__ import annotations

from eoffice.shared.errors import DomainError
from eoffice.shared.i18n import _l


class UnknownCircuit(DomainError):
    code = "documents.unknown_circuit"
    status = 404
    title = _l("There is no such signature circuit.")


class InvalidCircuit(DomainError):
    code = "documents.invalid_circuit"
    status = 422
    title = _l("The signature circuit cannot be started as asked.")


class ReasonRequired(DomainError):
    code = "documents.reason_required"
    status = 422
    title = _l("Say why the document is rejected.")


class NotYourTurn(DomainError):
    code = "documents.not_your_turn"
    status = 409
    title = _l("This document is not waiting for your signature now.")
