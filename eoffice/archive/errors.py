"""Errors of the archive, with their stable codes."""

from __future__ import annotations

from eoffice.shared.errors import DomainError
from eoffice.shared.i18n import _l


class NotAllowedInArchive(DomainError):
    code = "archive.not_allowed"
    status = 403
    title = _l("You may not do this in the archive.")


class UnknownRecord(DomainError):
    code = "archive.unknown_record"
    status = 404
    title = _l("There is no such file in the archive, or you may not see it.")


class FileNotClosed(DomainError):
    code = "archive.file_not_closed"
    status = 409
    title = _l("Only closed files can be transferred to the archive.")


class AlreadyTransferred(DomainError):
    code = "archive.already_transferred"
    status = 409
    title = _l("This file is already in the archive.")


class PackageInvalid(DomainError):
    code = "archive.package_invalid"
    status = 422
    title = _l("The archival package is not valid: a file is missing or its checksum "
               "does not match the manifest.")


class UnknownSeries(DomainError):
    code = "archive.unknown_series"
    status = 404
    title = _l("There is no such series in the retention schedule.")


class InvalidSeries(DomainError):
    code = "archive.invalid_series"
    status = 422
    title = _l("The retention rule of this series is not valid.")


class QueryInvalid(DomainError):
    code = "archive.query_invalid"
    status = 422
    title = _l("The search could not be understood: check quotes and brackets.")


class QueryTooLong(DomainError):
    code = "archive.query_too_long"
    status = 422
    title = _l("The search is too long.")


class IndexUnavailable(DomainError):
    code = "archive.index_unavailable"
    status = 503
    title = _l("The archive's search index is not answering; try again later.")


class RecordHeld(DomainError):
    code = "archive.record_held"
    status = 409
    title = _l("This file is under a legal hold and cannot be destroyed.")


class UnknownHold(DomainError):
    code = "archive.unknown_hold"
    status = 404
    title = _l("There is no such hold.")


class HoldAlreadyLifted(DomainError):
    code = "archive.hold_lifted"
    status = 409
    title = _l("This hold has already been lifted.")


class UnknownDisposalList(DomainError):
    code = "archive.unknown_disposal_list"
    status = 404
    title = _l("There is no such destruction list, or you may not see it.")


class SameApprover(DomainError):
    code = "archive.same_approver"
    status = 409
    title = _l("A destruction list needs the approval of two different people.")


class AlreadyApproved(DomainError):
    code = "archive.already_approved"
    status = 409
    title = _l("This approval has already been given.")


class DisposalListClosed(DomainError):
    code = "archive.disposal_list_closed"
    status = 409
    title = _l("This destruction list can no longer be changed.")


class ReasonRequired(DomainError):
    code = "archive.reason_required"
    status = 422
    title = _l("Give a reason.")


class SearchFilterInvalid(DomainError):
    code = "archive.search_filter_invalid"
    status = 422
    title = _l("A search filter is not valid.")


class InvalidMetadata(DomainError):
    code = "archive.invalid_metadata"
    status = 422
    title = _l("The dates given for this archived file are not valid.")


class UnknownFixityRun(DomainError):
    code = "archive.unknown_fixity_run"
    status = 404
    title = _l("There is no such integrity check.")


class RecordDestroyed(DomainError):
    code = "archive.record_destroyed"
    status = 409
    title = _l("The content of this file has already been destroyed.")
