"""Errors of the registry context, with their stable codes."""

from __future__ import annotations

from eoffice.shared.errors import DomainError
from eoffice.shared.i18n import _l


class UnknownRegister(DomainError):
    code = "registry.unknown_register"
    status = 404
    title = _l("There is no such register.")


class UnknownEntry(DomainError):
    code = "registry.unknown_entry"
    status = 404
    title = _l("There is no such registry entry.")


class RegisterClosed(DomainError):
    code = "registry.register_closed"
    status = 409
    title = _l("This register does not accept entries.")


class InvalidEntry(DomainError):
    code = "registry.invalid_entry"
    status = 422
    title = _l("The entry is incomplete.")


class NotAllowedMove(DomainError):
    code = "registry.move_not_allowed"
    status = 409
    title = _l("An entry in this state cannot make that move.")


class ReasonRequired(DomainError):
    code = "registry.reason_required"
    status = 422
    title = _l("Give the reason for returning or cancelling the entry.")


class BookTooLarge(DomainError):
    code = "registry.book_too_large"
    status = 422
    title = _l("The book of this period has too many entries for a PDF. Choose a shorter "
               "period.")


class AlreadyReceived(DomainError):
    code = "registry.already_received"
    status = 409
    title = _l("This entry of the other administration was already registered here.")


class MalformedDocument(DomainError):
    code = "registry.malformed_document"
    status = 422
    title = _l("A document's content is not valid base64.")


class DocumentHashMismatch(DomainError):
    code = "registry.document_hash_mismatch"
    status = 422
    title = _l("A document's content does not match its declared SHA-256.")


class DocumentTooLarge(DomainError):
    code = "registry.document_too_large"
    status = 413
    title = _l("A document is larger than allowed.")


class DeliveryTooLarge(DomainError):
    code = "registry.delivery_too_large"
    status = 413
    title = _l("The documents of this entry are together larger than allowed, or too many.")


class WrongRegisterKind(DomainError):
    code = "registry.wrong_register_kind"
    status = 409
    title = _l("Entries go to an entry register and exits to an exit register.")
