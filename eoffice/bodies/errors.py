"""Errors of the governing bodies, with their stable codes."""

from __future__ import annotations

from eoffice.shared.errors import DomainError
from eoffice.shared.i18n import _l


class UnknownBody(DomainError):
    code = "bodies.unknown_body"
    status = 404
    title = _l("There is no such governing body.")


class NoCompetence(DomainError):
    code = "bodies.no_competence"
    status = 403
    title = _l("You are not competent to resolve this: you do not hold the competent "
               "body, and no delegation in force today lets you sign for it.")


class InvalidBodyData(DomainError):
    code = "bodies.invalid"
    status = 422
    title = _l("The data of the governing body is not valid.")


# --- collegiate bodies: proposals, sessions, minutes (helper B2) ---


class UnknownProposal(DomainError):
    code = "bodies.unknown_proposal"
    status = 404
    title = _l("There is no such proposal of agreement.")


class UnknownMeeting(DomainError):
    code = "bodies.unknown_session"
    status = 404
    title = _l("There is no such session.")


class SessionsNotAllowed(DomainError):
    code = "bodies.sessions_not_allowed"
    status = 403
    title = _l("Only the secretary's office of the body may do this.")


class InvalidSessionData(DomainError):
    code = "bodies.invalid_session"
    status = 422
    title = _l("Some data of the session or the proposal is not valid.")


class WrongSessionState(DomainError):
    code = "bodies.wrong_state"
    status = 409
    title = _l("This cannot be done now: the session or the proposal is at another "
               "stage.")


class InvalidAgendaItem(DomainError):
    code = "bodies.invalid_agenda_item"
    status = 422
    title = _l("Only proposals of this body accepted by the secretary's office and not "
               "on another agenda can be put on the agenda.")


class EmptyAgenda(DomainError):
    code = "bodies.empty_agenda"
    status = 422
    title = _l("A session with an empty agenda cannot be convened.")


class NoQuorum(DomainError):
    code = "bodies.no_quorum"
    status = 409
    title = _l("The session has no quorum: it cannot vote.")


class VotesDoNotAddUp(DomainError):
    code = "bodies.votes_do_not_add_up"
    status = 422
    title = _l("The votes in favour, against and the abstentions must add up to the "
               "voting members present.")


class CastingVoteNeeded(DomainError):
    code = "bodies.casting_vote_needed"
    status = 422
    title = _l("The vote is tied: record the chair's casting vote, in favour or against.")


# --- bodies, delegations, book of resolutions (helper B1) ---


class UnknownResolution(DomainError):
    code = "bodies.unknown_resolution"
    status = 404
    title = _l("There is no such resolution in the book.")


class UnknownDelegation(DomainError):
    code = "bodies.unknown_delegation"
    status = 404
    title = _l("There is no such delegation.")


class BookTooLarge(DomainError):
    code = "bodies.book_too_large"
    status = 422
    title = _l("The book of this period is too long for one PDF: choose a shorter period "
               "or download the CSV.")
