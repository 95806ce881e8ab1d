"""Errors of the deadlines context, with their stable codes."""

from __future__ import annotations

from eoffice.shared.errors import DomainError
from eoffice.shared.i18n import _l


class InvalidTermError(DomainError):
    code = "deadlines.invalid_term"
    status = 422
    title = _l("The term is not valid: a whole number of at least 1 and a known unit.")


class CalendarNotCovered(DomainError):
    code = "deadlines.calendar_not_covered"
    status = 409
    title = _l("The calendar has no holidays for a year this term reaches: seed that year.")


class InvalidHoliday(DomainError):
    code = "deadlines.invalid_holiday"
    status = 422
    title = _l("The holiday is not valid.")


class AlreadyHoliday(DomainError):
    code = "deadlines.already_holiday"
    status = 409
    title = _l("That day is already a holiday.")


class UnknownHoliday(DomainError):
    code = "deadlines.unknown_holiday"
    status = 404
    title = _l("There is no local holiday on that day.")


class UnknownDeadline(DomainError):
    code = "deadlines.unknown_deadline"
    status = 404
    title = _l("There is no such deadline.")


class NotRunning(DomainError):
    code = "deadlines.not_running"
    status = 409
    title = _l("The deadline is not in a state that allows this.")


class InvalidExtension(DomainError):
    code = "deadlines.invalid_extension"
    status = 422
    title = _l("An extension may not exceed half of the term (art. 32 of Law 39/2015).")


class InvalidDay(DomainError):
    code = "deadlines.invalid_day"
    status = 422
    title = _l("The day is not valid for this deadline.")
