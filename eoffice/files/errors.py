"""Errors of the files context, with their stable codes."""

from __future__ import annotations

from eoffice.shared.errors import DomainError
from eoffice.shared.i18n import _l


class UnknownFile(DomainError):
    code = "files.unknown_file"
    status = 404
    title = _l("There is no such file.")


class UnknownFileDocument(DomainError):
    code = "files.unknown_document"
    status = 404
    title = _l("This file has no such document.")


class FileClosed(DomainError):
    code = "files.closed"
    status = 409
    title = _l("The file is closed: its documents, annotations and movements can no "
               "longer change.")


class NotAllowedOnFile(DomainError):
    code = "files.not_allowed"
    status = 403
    title = _l("You may see this file but not do this with it.")


class MovementPending(DomainError):
    code = "files.movement_pending"
    status = 409
    title = _l("The file has been sent to another unit and is not received yet.")


class NoMovement(DomainError):
    code = "files.no_movement"
    status = 409
    title = _l("The file is not on its way to or held by your unit.")


class InvalidMovement(DomainError):
    code = "files.invalid_movement"
    status = 422
    title = _l("Choose another unit to send the file to.")


class ReasonRequired(DomainError):
    code = "files.reason_required"
    status = 422
    title = _l("Give the reason.")


class EmptyAnnotation(DomainError):
    code = "files.empty_annotation"
    status = 422
    title = _l("Write the annotation.")


class ChangedWhileClosing(DomainError):
    code = "files.changed_while_closing"
    status = 409
    title = _l("The file changed while its index was being sealed. Close it again.")


class UnknownGrouping(DomainError):
    code = "files.unknown_grouping"
    status = 404
    title = _l("There is no such grouping of files.")


class NotAllowedOnGrouping(DomainError):
    code = "files.grouping_not_allowed"
    status = 403
    title = _l("You may see this grouping but not change it.")


class InvalidGrouping(DomainError):
    code = "files.invalid_grouping"
    status = 422
    title = _l("Give the grouping a name and the reason its files are processed together.")


class AlreadyGrouped(DomainError):
    code = "files.already_grouped"
    status = 409
    title = _l("The file is already in this grouping.")


class NotGrouped(DomainError):
    code = "files.not_grouped"
    status = 404
    title = _l("The file is not in this grouping.")


class UnknownRequirement(DomainError):
    code = "files.unknown_requirement"
    status = 404
    title = _l("There is no such requirement.")


class RequirementAlreadyAnswered(DomainError):
    code = "files.requirement_already_answered"
    status = 409
    title = _l("This requirement has already been answered.")


class RequirementExpired(DomainError):
    code = "files.requirement_expired"
    status = 409
    title = _l("The term to answer this requirement has ended: it can no longer be "
               "answered.")


class RequirementPending(DomainError):
    code = "files.requirement_pending"
    status = 409
    title = _l("The applicant has a requirement pending on this file.")


class InvalidRequirement(DomainError):
    code = "files.invalid_requirement"
    status = 422
    title = _l("Say what the applicant must supply, with a term of 1 to 60 business days.")


class EmptyAnswer(DomainError):
    code = "files.empty_answer"
    status = 422
    title = _l("Write your answer or attach at least one document.")
