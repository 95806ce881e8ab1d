"""Errors of the catalogue context, with their stable codes."""

from __future__ import annotations

from eoffice.shared.errors import DomainError
from eoffice.shared.i18n import _l


class UnknownProcedure(DomainError):
    code = "catalogue.unknown_procedure"
    status = 404
    title = _l("There is no such procedure in the catalogue.")


class UnknownVersion(DomainError):
    code = "catalogue.unknown_version"
    status = 404
    title = _l("This procedure has no such version.")


class UnknownTaxonomy(DomainError):
    code = "catalogue.unknown_taxonomy"
    status = 404
    title = _l("There is no such taxonomy.")


class UnknownTerm(DomainError):
    code = "catalogue.unknown_term"
    status = 422
    title = _l("A taxonomy term is not known.")


class UnknownUnit(DomainError):
    code = "catalogue.unknown_unit"
    status = 422
    title = _l("There is no administrative unit with that code.")


class UnknownCase(DomainError):
    code = "catalogue.unknown_case"
    status = 404
    title = _l("This procedure has no such case.")


class ProcedureExists(DomainError):
    code = "catalogue.procedure_exists"
    status = 409
    title = _l("A procedure with this code already exists; codes are permanent.")


class DraftExists(DomainError):
    code = "catalogue.draft_exists"
    status = 409
    title = _l("This procedure already has a draft: edit that one.")


class PublishedIsImmutable(DomainError):
    code = "catalogue.published_is_immutable"
    status = 409
    title = _l("A published version cannot be changed: create a new draft instead.")


class NotPublished(DomainError):
    code = "catalogue.not_published"
    status = 409
    title = _l("This procedure has no published version that could be unpublished.")


class PastPublicationDate(DomainError):
    code = "catalogue.past_publication_date"
    status = 422
    title = _l("A publication date cannot be in the past.")


class InvalidPublicationPeriod(DomainError):
    code = "catalogue.invalid_publication_period"
    status = 422
    title = _l("The end of publication must come after its start.")


class MissingUnit(DomainError):
    code = "catalogue.missing_unit"
    status = 422
    title = _l("A procedure needs a competent unit before it can be published.")


class NotPublishable(DomainError):
    code = "catalogue.not_publishable"
    status = 422
    title = _l("The procedure is not complete enough to be published.")


class InvalidDefinition(DomainError):
    code = "catalogue.invalid_definition"
    status = 422
    title = _l("The definition is not valid.")
