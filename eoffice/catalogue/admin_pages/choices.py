"""What the editor's selects and checkboxes offer: units (identity), published
form versions (forms, when it offers them), other procedures and taxonomy terms."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from eoffice import forms, identity
from eoffice.catalogue.domain import localise
from eoffice.catalogue.services import history, taxonomies
from eoffice.shared.i18n import _

Option = dict[str, Any]


@dataclass(frozen=True)
class TermGroup:
    key: str
    name: str
    terms: list[Option]  # {"value": "themes:culture", "text": name, "code": code}


@dataclass(frozen=True)
class EditorChoices:
    units: list[Option]
    forms: list[Option] | None  # None: the forms context lists no versions, type them
    procedures: list[Option]
    term_groups: list[TermGroup]


def unit_options(session: Session, locale: str) -> list[Option]:
    return [
        {"value": unit.code, "text": f"{unit.name} ({unit.code})"}
        for unit in identity.list_units(session, codes=None, locale=locale)
    ]


def _published_forms(session: Session, locale: str) -> list[Option] | None:
    list_versions = getattr(forms, "list_versions", None)
    if not callable(list_versions):
        return None
    options = []
    for row in list_versions(session, "form"):
        if not getattr(row, "is_published", False):
            continue
        title = row.definition.get("title") if isinstance(row.definition, dict) else None
        name = localise(title, locale) if isinstance(title, dict) else str(title or row.key)
        options.append({"value": f"{row.key}:{row.version}",
                        "text": _("%(name)s (%(key)s, version %(version)s)",
                                  name=name, key=row.key, version=row.version)})
    return options or None


def _term_groups(session: Session, locale: str) -> list[TermGroup]:
    return [
        TermGroup(taxonomy.key, localise(taxonomy.names, locale), [
            {"value": f"{taxonomy.key}:{term.code}", "text": localise(term.names, locale),
             "code": term.code}
            for term in taxonomies.list_terms(session, taxonomy.key)
        ])
        for taxonomy in taxonomies.list_taxonomies(session)
    ]


def load_choices(session: Session, *, locale: str, own_code: str) -> EditorChoices:
    procedures = [
        {"value": item.code, "text": f"{item.title or item.code} ({item.code})"}
        for item in history.list_procedures(session, locale=locale)
        if item.code != own_code
    ]
    return EditorChoices(unit_options(session, locale), _published_forms(session, locale),
                         procedures, _term_groups(session, locale))


def with_current(options: Iterable[Option], value: str, *, empty: str) -> list[Option]:
    """``options`` for a select showing ``value`` selected: an empty first choice, and
    ``value`` itself when it is not among them (a stored value stays visible)."""
    listed = [dict(option) for option in options]
    if value and all(option["value"] != value for option in listed):
        listed.append({"value": value, "text": value})
    for option in listed:
        option["selected"] = option["value"] == value
    return [{"value": "", "text": empty, "selected": not value}, *listed]
