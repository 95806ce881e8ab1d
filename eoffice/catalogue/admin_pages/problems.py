"""Errors of the services on a page: a GOV.UK error summary whose links reach the
inputs, and the message beside each input. Paths like ``cases.0.title.ca`` become
input ids (``cases-0-title-ca``) and labels ("Case 1, title, Valencià")."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field

from eoffice.settings import LOCALES
from eoffice.shared.errors import DomainError, FieldError
from eoffice.shared.i18n import _


@dataclass(frozen=True)
class PageErrors:
    """``summary``: ``[{"text", "href"}]`` for the error summary; ``inline``: the
    message to show beside the input with that id."""

    summary: list[dict[str, str]] = field(default_factory=list)
    inline: dict[str, str] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.summary)


def _names() -> dict[str, str]:
    return {
        "code": _("code"), "title": _("title"), "summary": _("summary"),
        "description": _("description"), "who_may_apply": _("who may apply"),
        "unit": _("competent unit"), "sia_code": _("SIA code"), "kind": _("kind"),
        "channels": _("channels"), "resolution_term": _("resolution term"),
        "value": _("value"), "silence_effect": _("effect of silence"),
        "url": _("address"), "form": _("form"), "version": _("version"),
        "key": _("key"), "has_fee": _("fee"), "requires_procedure": _("required procedure"),
        "mandatory": _("mandatory"), "accepted_media_types": _("accepted formats"),
        "max_size_bytes": _("maximum size"), "names": _("names"),
        "published_from": _("visible from"), "published_until": _("visible until"),
        "cases": _("cases"), "terms": _("taxonomy terms"),
        "legal_references": _("legal references"), "file": _("file"),
    }


def _row(name: str, number: int) -> str | None:
    rows = {
        "cases": lambda: _("case %(number)s", number=number),
        "required_documents": lambda: _("document %(number)s", number=number),
        "legal_references": lambda: _("legal reference %(number)s", number=number),
        "terms": lambda: _("term %(number)s", number=number),
        "taxonomies": lambda: _("taxonomy %(number)s", number=number),
    }
    make = rows.get(name)
    return make() if make else None


def field_label(path: str) -> str:
    """Words for a field path: ``cases.0.required_documents.1.title.ca`` →
    "Case 1, document 2, title, Valencià"."""
    names, parts, words = _names(), path.split("."), []
    index = 0
    while index < len(parts):
        part = parts[index]
        following = parts[index + 1] if index + 1 < len(parts) else ""
        row = _row(part, int(following) + 1) if following.isdecimal() else None
        if row is not None:
            words.append(row)
            index += 2
            continue
        words.append(LOCALES.get(part) or names.get(part, part))
        index += 1
    text = ", ".join(words)
    return text[:1].upper() + text[1:]


def anchor_for(path: str, anchors: Collection[str],
               aliases: Mapping[str, str]) -> str | None:
    """The id of the input for ``path``, or of the nearest enclosing one."""
    candidate = path
    while candidate:
        if candidate in aliases:
            return aliases[candidate]
        ident = candidate.replace(".", "-")
        if ident in anchors:
            return ident
        candidate = candidate.rpartition(".")[0]
    return None


def page_errors(
    errors: Sequence[FieldError], *, anchors: Collection[str] = (),
    aliases: Mapping[str, str] | None = None, fallback: str | None = None,
    link: Callable[[str], str] | None = None,
) -> PageErrors:
    """Summary and inline messages for ``errors``, in the order of ``anchors`` (the
    page's); ``link`` makes the href of an id (default ``#id``), ``fallback`` is the
    id for paths that match no input."""
    position = {anchor: index for index, anchor in enumerate(anchors)}
    located = sorted(
        ((anchor_for(error.field, anchors, aliases or {}) or fallback, error)
         for error in errors),
        key=lambda pair: position.get(pair[0] or "", len(position)),
    )
    result = PageErrors()
    for anchor, error in located:
        text = f"{field_label(error.field)}: {error.message}" if error.field else error.message
        item = {"text": text}
        if anchor:
            item["href"] = link(anchor) if link else f"#{anchor}"
            result.inline.setdefault(anchor, error.message)
        result.summary.append(item)
    return result


def errors_of(exc: DomainError, *, fallback_field: str = "") -> list[FieldError]:
    """The field errors of ``exc``, or one naming ``fallback_field`` with its title."""
    if exc.errors:
        return list(exc.errors)
    message = str(exc.detail) if exc.detail else str(exc.title)
    return [FieldError(fallback_field, message, exc.code)]
