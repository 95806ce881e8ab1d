"""Errors of the fees context, with their stable codes."""

from __future__ import annotations

from eoffice.shared.errors import DomainError
from eoffice.shared.i18n import _l


class NoRule(DomainError):
    code = "fees.no_rule"
    status = 404
    title = _l("There is no fee rule in force for this procedure case.")


class UnknownRule(DomainError):
    code = "fees.unknown_rule"
    status = 404
    title = _l("There is no such fee rule.")


class UnknownVersion(DomainError):
    code = "fees.unknown_version"
    status = 404
    title = _l("This fee rule has no such version.")


class RuleExists(DomainError):
    code = "fees.rule_exists"
    status = 409
    title = _l("A fee rule with this key, or for this procedure case, already exists.")


class DraftExists(DomainError):
    code = "fees.draft_exists"
    status = 409
    title = _l("This fee rule already has a draft: edit that one.")


class PublishedIsImmutable(DomainError):
    code = "fees.published_is_immutable"
    status = 409
    title = _l("A published version of a fee rule cannot be changed: start a new draft.")


class InvalidRule(DomainError):
    code = "fees.invalid_rule"
    status = 422
    title = _l("The fee rule is not valid.")


class UnknownCase(DomainError):
    code = "fees.unknown_case"
    status = 422
    title = _l("The catalogue has no published procedure case with these codes.")


class FieldNotInForm(DomainError):
    code = "fees.field_not_in_form"
    status = 422
    title = _l("The fee rule reads answers that the case's form does not have.")


class ExampleFailed(DomainError):
    code = "fees.example_failed"
    status = 422
    title = _l("An example of the fee rule does not give the expected result.")


class OverlappingValidity(DomainError):
    code = "fees.overlapping_validity"
    status = 409
    title = _l("Another published version of this fee rule is in force in that period.")


class InvalidPeriod(DomainError):
    code = "fees.invalid_period"
    status = 422
    title = _l("The validity period is not valid.")


class MissingAnswers(DomainError):
    code = "fees.missing_answers"
    status = 422
    title = _l("Some answers the fee depends on are missing.")


class InvalidAnswers(DomainError):
    code = "fees.invalid_answers"
    status = 422
    title = _l("Some answers the fee depends on are not valid.")
