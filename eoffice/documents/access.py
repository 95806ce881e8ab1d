"""Who may read a document: a port the contexts that own documents' meaning plug into.

The documents context knows a document's unit, not what it belongs to (an application, a
file, an entry). Contexts above it register an ``AccessRule`` at start-up (wiring); each
rule answers for the documents it knows: ``True`` (this principal may read it), ``False``
(she may not, whatever the others say: e.g. a citizen's upload to a draft that is not
sent yet) or ``None`` (not mine to say). Without any opinion, staff with ``files.view``
in the document's unit may read it. Refusals look like an unknown document (404).
"""

from __future__ import annotations

from collections.abc import Callable

from flask import current_app
from sqlalchemy.orm import Session

from eoffice.documents.errors import UnknownDocument
from eoffice.documents.services.read import DocumentView
from eoffice.identity import Permission, Principal

AccessRule = Callable[[Session, Principal, DocumentView], bool | None]
EXTENSION = "eoffice.documents.access_rules"


def add_access_rule(app: object, rule: AccessRule) -> None:
    """Register ``rule`` with the application ``app`` (a Flask app; called by wiring)."""
    rules: list[AccessRule] = app.extensions.setdefault(EXTENSION, [])  # type: ignore[attr-defined]
    if rule not in rules:
        rules.append(rule)


def may_read(session: Session, principal: Principal, view: DocumentView) -> bool:
    """Whether ``principal`` may read ``view`` (rules first, then the unit's staff)."""
    opinions = [rule(session, principal, view)
                for rule in current_app.extensions.get(EXTENSION, [])]
    if False in opinions:
        return False
    if True in opinions:
        return True
    return principal.can(Permission.VIEW_FILES, unit=view.unit_code)


def require_readable(session: Session, principal: Principal, view: DocumentView) -> None:
    if not may_read(session, principal, view):
        raise UnknownDocument()  # no hint that the document exists
