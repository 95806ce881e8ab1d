"""Errors of the submissions context, with their stable codes."""

from __future__ import annotations

from eoffice.shared.errors import DomainError
from eoffice.shared.i18n import _l


class UnknownSubmission(DomainError):
    """Also what another citizen's submission looks like: its existence is not revealed."""

    code = "submissions.unknown_submission"
    status = 404
    title = _l("There is no such application.")


class NotApplicableOnline(DomainError):
    code = "submissions.not_applicable_online"
    status = 422
    title = _l("This procedure case cannot be applied for online.")


class NotEditable(DomainError):
    code = "submissions.not_editable"
    status = 409
    title = _l("This application has been sent: its answers can no longer change.")


class InvalidAnswers(DomainError):
    code = "submissions.invalid_answers"
    status = 422
    title = _l("Some answers are missing or wrong.")


class NotValidated(DomainError):
    code = "submissions.not_validated"
    status = 409
    title = _l("Check the answers before signing the application.")


class AnswersChanged(DomainError):
    code = "submissions.answers_changed"
    status = 409
    title = _l("The answers changed since you checked them: check them again.")


class FeeUnpaid(DomainError):
    code = "submissions.fee_unpaid"
    status = 409
    title = _l("The fee of this application has not been paid yet.")


class NoLongerOpen(DomainError):
    code = "submissions.no_longer_open"
    status = 409
    title = _l("This procedure case no longer accepts online applications.")


class FormOutdated(DomainError):
    code = "submissions.form_outdated"
    status = 409
    title = _l("The form of this procedure has changed since you started: start a new "
               "application.")


class AlreadyRegistered(DomainError):
    code = "submissions.already_registered"
    status = 409
    title = _l("This application has already been registered.")


class FeeUnavailable(DomainError):
    code = "submissions.fee_unavailable"
    status = 409
    title = _l("The fee of this application cannot be calculated: contact the city council.")


class UnknownDocumentSlot(DomainError):
    code = "submissions.unknown_document_type"
    status = 422
    title = _l("This procedure does not ask for that document.")


class FileTooLarge(DomainError):
    code = "submissions.file_too_large"
    status = 413
    title = _l("The file is larger than this document allows.")


class FileTypeNotAccepted(DomainError):
    code = "submissions.file_type_not_accepted"
    status = 422
    title = _l("This kind of file is not accepted for this document.")


class UnreadableFile(DomainError):
    code = "submissions.unreadable_file"
    status = 422
    title = _l("The file cannot be read: it is damaged, empty or protected with a password.")


class MissingDocuments(DomainError):
    code = "submissions.missing_documents"
    status = 409
    title = _l("Some mandatory documents are missing.")


class AnswersLocked(DomainError):
    code = "submissions.answers_locked"
    status = 409
    title = _l("The fee has been issued for these answers, so they can no longer change.")


class NotTheApplication(DomainError):
    code = "submissions.not_the_application"
    status = 422
    title = _l("This PDF is not the application prepared for you: download it again, sign "
               "it without changing it and upload the signed file.")


class NotSigned(DomainError):
    code = "submissions.not_signed"
    status = 422
    title = _l("The PDF carries no signature: sign it with your certificate first.")


class SignatureNotValid(DomainError):
    code = "submissions.signature_not_valid"
    status = 422
    title = _l("The signature of the PDF is not valid: it may be broken, revoked, made with "
               "a certificate we do not trust, or the file changed after signing.")


class SignerNotApplicant(DomainError):
    code = "submissions.signer_not_applicant"
    status = 422
    title = _l("The PDF is signed with the certificate of someone else: the applicant must "
               "sign it.")
