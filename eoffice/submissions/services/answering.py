"""The applicant's answer to a requirement on the file of her application, from the portal
or the API: the documents she attaches are checked like an application's (size, type by
content, PDFs opened), before any write, then the answer goes to the files context.
Only the application's owner reaches a requirement; anyone else is told it does not
exist. Also the file's progress and requirements the application page shows."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import IO

from sqlalchemy.orm import Session

from eoffice import documents, files
from eoffice.identity import Principal
from eoffice.shared.i18n import _
from eoffice.submissions.errors import FileTypeNotAccepted
from eoffice.submissions.services import access
from eoffice.submissions.services.attachments import (
    content_checks,
    read_limited,
    safe_file_name,
    sniff,
)

ANSWER_MAX_BYTES = 10 * 1024 * 1024
ANSWER_MAX_FILES = 10
ACCEPTED_TYPES = ("application/pdf", "image/jpeg", "image/png")


@dataclass(frozen=True)
class Upload:
    """A file as received from the citizen (name and stream)."""

    file_name: str
    stream: IO[bytes]


@dataclass(frozen=True)
class FileStanding:
    """What the application page shows of the file: its progress and requirements."""

    progress: files.FileProgress | None
    requirements: tuple[files.RequirementView, ...]

    @property
    def pending(self) -> files.RequirementView | None:
        return next((r for r in self.requirements if r.pending), None)


def standing_of(session: Session, submission_id: str) -> FileStanding:
    """The file of the application (the caller checked the reader owns it)."""
    return FileStanding(files.progress_of_submission(session, submission_id),
                        tuple(files.requirements_of_submission(session, submission_id)))


def own_requirements(session: Session, submission_id: str,
                     principal: Principal) -> list[files.RequirementView]:
    """The requirements on the file of the principal's own application."""
    access.get_own_submission(session, submission_id, principal)
    return files.requirements_of_submission(session, submission_id)


def own_requirement(session: Session, submission_id: str, requirement_id: str,
                    principal: Principal) -> files.RequirementView:
    """One of them, or UnknownSubmission / UnknownRequirement (404)."""
    access.get_own_submission(session, submission_id, principal)
    return files.requirement_of_submission(session, submission_id, requirement_id)


def check_answer_file(upload: Upload, *, title: str, actor: str) -> files.AnswerDocument:
    """Read and check one file of an answer, scanned for viruses (heavy: before the write
    transaction)."""
    data = read_limited(upload.stream, ANSWER_MAX_BYTES)
    media_type = sniff(data)
    if media_type not in ACCEPTED_TYPES:
        raise FileTypeNotAccepted()
    content_checks(data, media_type)
    documents.scan_upload(data, file_name=upload.file_name, actor=actor, channel="answer")
    return files.AnswerDocument(title=title, file_name=safe_file_name(upload.file_name),
                                data=data, media_type=media_type)


def check_answer_files(uploads: Sequence[Upload], *, title: str, actor: str
                       ) -> list[files.AnswerDocument]:
    """Every file checked, or the first refusal (nothing kept)."""
    if len(uploads) > ANSWER_MAX_FILES:
        raise FileTypeNotAccepted(_("Attach at most %(count)s files.", count=ANSWER_MAX_FILES))
    return [check_answer_file(upload, title=title, actor=actor) for upload in uploads]


def answer_own_requirement(session: Session, submission_id: str, requirement_id: str, *,
                           principal: Principal, text: str,
                           delivered: Sequence[files.AnswerDocument],
                           language: str) -> files.RequirementView:
    """The principal's answer to a requirement of her own application's file."""
    access.get_own_submission(session, submission_id, principal, for_update=True)
    files.requirement_of_submission(session, submission_id, requirement_id)
    return files.answer_requirement(session, requirement_id, text=text, delivered=delivered,
                                    actor=principal.login, language=language)
