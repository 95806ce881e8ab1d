"""What other contexts read about published forms: definitions, paths, documents,
and the validation of answers against a pinned version."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from eoffice.forms import option_sources
from eoffice.forms.answers import ValidationResult, validate_tree
from eoffice.forms.canonical import tree_json
from eoffice.forms.language import in_locale
from eoffice.forms.services.addresses import StreetMap
from eoffice.forms.services.store import find_version, get_version, load_tree
from eoffice.forms.tree import Control


@dataclass(frozen=True)
class PublishedForm:
    """A published form version as other contexts see it."""

    key: str
    version: int
    sha256: str
    published_at: datetime | None
    title: Mapping[str, str]
    definition: dict[str, Any]


def get_published_form(session: Session, key: str, version: int) -> PublishedForm:
    """The published version, or :class:`UnknownForm` (404)."""
    row = get_version(session, "form", key, version)
    return PublishedForm(key=row.key, version=row.version, sha256=row.sha256,
                         published_at=row.published_at, title=row.definition.get("title", {}),
                         definition=row.definition)


def form_exists(session: Session, key: str, version: int) -> bool:
    row = find_version(session, "form", key, version)
    return row is not None and row.is_published


def expanded_definition(session: Session, key: str, version: int, *,
                        kind: str = "form") -> dict[str, Any]:
    """The published definition with its blocks inlined and a ``path`` on every field."""
    return tree_json(load_tree(session, key, version, kind=kind))


def field_paths(session: Session, key: str, version: int) -> set[str]:
    """Every field path of the form (``applicant.nif``; ``vehicles.*.plate`` in repeats)."""
    return load_tree(session, key, version).paths()


def field_types(session: Session, key: str, version: int) -> dict[str, str]:
    """The control type of every field path (``{"address": "city_address", ...}``)."""
    return {control.path: control.type for control in load_tree(session, key, version).fields()}


def document_slots(session: Session, key: str, version: int) -> list[str]:
    """The document codes of the form's file slots, in order (``["plans"]``)."""
    return load_tree(session, key, version).document_slots()


def remote_option_sources(session: Session, key: str, version: int) -> list[dict[str, Any]]:
    """The form's options fetched from other servers: give them to
    :func:`prefetch_options` once the transaction is closed."""
    return option_sources.remote_sources(load_tree(session, key, version).walk())


def prefetch_options(sources: Sequence[Mapping[str, Any]]) -> None:
    """Fetch remote options (kept for a while), so that validating and rendering
    inside a transaction find them without calling another server."""
    option_sources.prefetch(sources)


def _options_for(session: Session) -> Any:
    def options(control: Control) -> Sequence[str] | None:
        found = [o["value"] for o in option_sources.options_of(control, session)]
        if not found and "source" in control.props:
            return None  # the source is down or empty: do not refuse every answer
        return found

    return options


def validate_answers(session: Session, key: str, version: int, answers: Any, *,
                     locale: str | None = None) -> ValidationResult:
    """Validate ``answers`` against the published version; messages in ``locale``
    (default: the caller's language). Hidden fields are dropped from ``answers``;
    city addresses are resolved against the street map (their facts recomputed)."""
    tree = load_tree(session, key, version)
    with in_locale(locale) as chosen:
        return validate_tree(tree, answers, locale=chosen, options_for=_options_for(session),
                             addresses=StreetMap(session))
