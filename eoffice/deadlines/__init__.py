"""Deadlines context: the city's calendar as data (holidays) and legal terms counted by
Law 39/2015 (arts. 30-32) for subjects of other contexts.

Other contexts call only what is listed here (see docs/contexts/deadlines.md).
"""

from eoffice.deadlines.domain import (
    DeadlineState,
    HolidayScope,
    HolidaySource,
    InvalidTerm,
    OutsideCalendar,
    Pause,
    Suspended,
    Term,
    TermUnit,
    WorkingCalendar,
    days_left,
    effective_filing_date,
    effective_filing_moment,
    term_end,
)
from eoffice.deadlines.errors import (
    AlreadyHoliday,
    CalendarNotCovered,
    InvalidDay,
    InvalidExtension,
    InvalidHoliday,
    InvalidTermError,
    NotRunning,
    UnknownDeadline,
    UnknownHoliday,
)
from eoffice.deadlines.services.calendar import (
    HolidayView,
    covered_years,
    deemed_filing_day,
    list_holidays,
    working_calendar,
)
from eoffice.deadlines.services.holidays import (
    SeedReport,
    add_local_holiday,
    remove_local_holiday,
    seed_holidays,
)
from eoffice.deadlines.services.overdue import overdue_subjects
from eoffice.deadlines.services.terms import (
    DeadlineView,
    NewDeadline,
    extend_deadline,
    get_deadline,
    latest_of_kind,
    list_deadlines,
    mark_met,
    resume_deadline,
    start_deadline,
    suspend_deadline,
)
from eoffice.deadlines.services.watch import EXPIRED_TOPIC, NEAR_TOPIC, watch_deadlines

__all__ = [
    "EXPIRED_TOPIC",
    "NEAR_TOPIC",
    "AlreadyHoliday",
    "CalendarNotCovered",
    "DeadlineState",
    "DeadlineView",
    "HolidayScope",
    "HolidaySource",
    "HolidayView",
    "InvalidDay",
    "InvalidExtension",
    "InvalidHoliday",
    "InvalidTerm",
    "InvalidTermError",
    "NewDeadline",
    "NotRunning",
    "OutsideCalendar",
    "Pause",
    "SeedReport",
    "Suspended",
    "Term",
    "TermUnit",
    "UnknownDeadline",
    "UnknownHoliday",
    "WorkingCalendar",
    "add_local_holiday",
    "covered_years",
    "days_left",
    "deemed_filing_day",
    "effective_filing_date",
    "effective_filing_moment",
    "extend_deadline",
    "get_deadline",
    "latest_of_kind",
    "list_deadlines",
    "list_holidays",
    "mark_met",
    "overdue_subjects",
    "remove_local_holiday",
    "resume_deadline",
    "seed_holidays",
    "start_deadline",
    "suspend_deadline",
    "term_end",
    "watch_deadlines",
    "working_calendar",
]
