"""What the citizen's application pages share: who is asking, in which language, the
read model of a submission, and fetching remote form options outside transactions."""

from __future__ import annotations

from typing import Any

from flask_babel import get_locale

from eoffice import forms, identity
from eoffice.identity import Permission, Principal
from eoffice.shared.db import reader
from eoffice.submissions.models import Submission
from eoffice.submissions.services import access
from eoffice.submissions.views import SubmissionView

LANGUAGES = ("es", "ca", "en")


def page_locale() -> str:
    language = str(get_locale() or "es")
    return language if language in LANGUAGES else "es"


def citizen() -> Principal:
    return identity.require_permission(Permission.ACT_AS_CITIZEN)


def prefetch(key: str, version: int) -> None:
    """Fetch options from other servers before a transaction opens, never inside one."""
    with reader() as db:
        remote = forms.remote_option_sources(db, key, version)
    forms.prefetch_options(remote)


def load_view(db: Any, row: Submission, locale: str) -> SubmissionView:
    return SubmissionView.of(row, locale, steps=access.list_steps(db, row),
                             signatures=access.list_signatures(db, row))


def submission_page(view: SubmissionView) -> dict[str, Any]:
    return {"procedure": view.procedure, "case": view.case, "id": view.id,
            "procedure_title": view.procedure_title, "case_title": view.case_title}
