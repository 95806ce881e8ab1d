"""Submissions context (the presentation engine): a citizen's application from the first
answer to the registered entry, and the back office's read-only view of what was sent.

Drafts pinned to the procedure and form versions, answers checked by the forms context,
the fee (fees and payments), the files of the required documents, the applicant's simple
signature, the registration (registry) and its sealed receipt; the hand-off to
processing (:func:`hand_over`, called by the processing context). Other contexts call
only what is listed here.
"""

from eoffice.submissions.domain import SubmissionStatus
from eoffice.submissions.errors import UnknownSubmission
from eoffice.submissions.services.citizens import (
    CitizenSubmission,
    DeliveredFile,
    submissions_of_citizen,
)
from eoffice.submissions.services.handoff import (
    HandedOver,
    HandOffNotReady,
    SentApplication,
    find_sent_application,
    hand_over,
)

__all__ = ["CitizenSubmission", "DeliveredFile", "HandOffNotReady", "HandedOver",
           "SentApplication", "SubmissionStatus", "UnknownSubmission",
           "find_sent_application", "hand_over", "submissions_of_citizen"]
