"""Submissions context (the presentation engine): a citizen's application from the first
answer to the signature, and the back office's read-only view of what was sent.

Drafts pinned to the procedure and form versions, answers checked by the forms context,
the applicant's simple signature. Fees, attachments, the registry and the hand-off to
processing come with the next steps. Other contexts call only what is listed here.
"""

from eoffice.submissions.domain import SubmissionStatus
from eoffice.submissions.errors import UnknownSubmission

__all__ = ["SubmissionStatus", "UnknownSubmission"]
