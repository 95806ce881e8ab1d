"""Files context (administrative files): the file opened for each registered application
(gap-free number per unit and year), its documents (never deleted; new versions as
such), internal annotations, the actions history, movements between units, and closure
with the sealed file index, after which the file is immutable.

Other contexts call only what is listed here.
"""

from eoffice.files.closure import CLOSED_TOPIC, close_file_for_process
from eoffice.files.domain import DocumentRole, FilePhase, FileStatus, MovementState
from eoffice.files.errors import (
    EmptyAnswer,
    FileClosed,
    InvalidRequirement,
    RequirementAlreadyAnswered,
    RequirementExpired,
    RequirementPending,
    UnknownFile,
    UnknownRequirement,
)
from eoffice.files.services.access import numbers_of
from eoffice.files.services.briefs import (
    ArchivalBrief,
    FileBrief,
    find_archival_brief,
    find_file_brief,
    find_file_brief_by_number,
)
from eoffice.files.services.closing_requests import CLOSURE_REQUESTED_TOPIC, request_closure
from eoffice.files.services.documents import (
    DocumentRef,
    FileDocumentView,
    add_document,
    add_document_to,
    documents_of_files,
    file_of_document,
    list_documents,
)
from eoffice.files.services.opening import (
    OPENED_TOPIC,
    FileView,
    NewFile,
    open_file,
    start_resolution_term,
)
from eoffice.files.services.parties import (
    CitizenDeadline,
    CitizenFileView,
    citizen_file_for,
    citizen_files_for,
    files_of_parties,
    parties_of_file,
)
from eoffice.files.services.phases import (
    PHASE_NAMES,
    FileProgress,
    progress_of_submission,
    set_phase,
)
from eoffice.files.services.report_requests import note_report_requested
from eoffice.files.services.requirements import (
    ANSWERED_TOPIC as REQUIREMENT_ANSWERED_TOPIC,
)
from eoffice.files.services.requirements import (
    DEADLINE_KIND as REQUIREMENT_DEADLINE_KIND,
)
from eoffice.files.services.requirements import (
    AnswerDocument,
    RequirementState,
    RequirementView,
    answer_requirement,
    expire_requirement,
    list_requirements,
    make_requirement,
    requirement_of_submission,
    requirements_of_submission,
)
from eoffice.files.services.viewing import VIEWED as FILE_VIEWED
from eoffice.files.services.viewing import file_views_of

__all__ = [
    "CLOSED_TOPIC",
    "CLOSURE_REQUESTED_TOPIC",
    "FILE_VIEWED",
    "OPENED_TOPIC",
    "PHASE_NAMES",
    "REQUIREMENT_ANSWERED_TOPIC",
    "REQUIREMENT_DEADLINE_KIND",
    "AnswerDocument",
    "ArchivalBrief",
    "CitizenDeadline",
    "CitizenFileView",
    "DocumentRef",
    "DocumentRole",
    "EmptyAnswer",
    "FileBrief",
    "FileClosed",
    "FileDocumentView",
    "FilePhase",
    "FileProgress",
    "FileStatus",
    "FileView",
    "InvalidRequirement",
    "MovementState",
    "NewFile",
    "RequirementAlreadyAnswered",
    "RequirementExpired",
    "RequirementPending",
    "RequirementState",
    "RequirementView",
    "UnknownFile",
    "UnknownRequirement",
    "add_document",
    "add_document_to",
    "answer_requirement",
    "citizen_file_for",
    "citizen_files_for",
    "close_file_for_process",
    "documents_of_files",
    "expire_requirement",
    "file_of_document",
    "file_views_of",
    "files_of_parties",
    "find_archival_brief",
    "find_file_brief",
    "find_file_brief_by_number",
    "list_documents",
    "list_requirements",
    "make_requirement",
    "note_report_requested",
    "numbers_of",
    "open_file",
    "parties_of_file",
    "progress_of_submission",
    "request_closure",
    "requirement_of_submission",
    "requirements_of_submission",
    "set_phase",
    "start_resolution_term",
]
