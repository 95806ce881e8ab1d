"""The fields a user task without a form of its own declares (pure: no session, no Flask).

A model names the few values it reads from such a task in the user-task property
``fields``, e.g.
``<spiffworkflow:property name="fields" value="report_unit?:unit, summary:textarea"/>``:
a comma-separated list of ``name`` (a snake_case process variable), ``?`` when the field
is optional, and ``:kind``, one of ``text`` (the default, up to 200 characters),
``textarea`` (up to 4,000), ``unit`` (the code of a unit), ``yes_no``, or a choice written
as its values, ``granted|refused``. The process's own variables (``unit``,
``subject_kind``, ``subject_id`` and those it was started with) cannot be declared.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from eoffice.shared.errors import FieldError
from eoffice.shared.i18n import _, ngettext

RESERVED = frozenset({"unit", "subject_kind", "subject_id", "file_number", "procedure",
                      "case", "submission", "csrf_token"})
"""Variables the process is started with: no task may change them."""
NAME = re.compile(r"^[a-z][a-z0-9_]{0,59}$")
ITEM = re.compile(r"^(?P<name>[a-z][a-z0-9_]{0,59})(?P<optional>\?)?"
                  r"(?::(?P<kind>[a-z0-9_|]{1,400}))?$")
LENGTHS = {"text": 200, "textarea": 4000}
KINDS = (*LENGTHS, "unit", "yes_no")
YES_NO = {"yes": True, "true": True, "no": False, "false": False}


class BadDeclaration(ValueError):
    """The ``fields`` property cannot be read; the message says why."""


@dataclass(frozen=True)
class TaskField:
    """One declared field: its variable, kind, whether it must be given, and choices."""

    name: str
    kind: str  # text, textarea, unit, yes_no or choice
    required: bool
    choices: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        """The name in words (``report_unit`` → ``Report unit``)."""
        return self.name.replace("_", " ").capitalize()


def _field(item: str) -> TaskField:
    match = ITEM.match(item)
    if match is None:
        raise BadDeclaration(f"{item[:60]!r} is not 'name', 'name?' or 'name:kind'")
    name, kind = match.group("name"), match.group("kind") or "text"
    if name in RESERVED:
        raise BadDeclaration(f"{name!r} is a variable of the process itself")
    required = match.group("optional") is None
    if "|" in kind:
        choices = tuple(kind.split("|"))
        if not all(NAME.match(choice) for choice in choices):
            raise BadDeclaration(f"the choices of {name!r} must be snake_case values")
        return TaskField(name, "choice", required, choices)
    if kind not in KINDS:
        raise BadDeclaration(f"unknown kind {kind!r} of {name!r} (known: "
                             f"{', '.join(KINDS)}, or choices 'a|b')")
    return TaskField(name, kind, required)


def parse_fields(value: str | None) -> tuple[TaskField, ...]:
    """The fields declared by ``value`` (None or blank: none); BadDeclaration if unreadable."""
    items = [item.strip() for item in (value or "").split(",") if item.strip()]
    fields = tuple(_field(item) for item in items)
    names = [field.name for field in fields]
    twice = sorted({name for name in names if names.count(name) > 1})
    if twice:
        raise BadDeclaration(f"declared twice: {', '.join(twice)}")
    return fields


def declaration_problem(value: str | None) -> str | None:
    """Why ``value`` cannot be read as a ``fields`` declaration (None: it can)."""
    try:
        parse_fields(value)
    except BadDeclaration as exc:
        return str(exc)
    return None


class _Refused(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def _text(field: TaskField, value: Any) -> str:
    if not isinstance(value, str):
        raise _Refused("invalid_type", _("Give a text."))
    longest = LENGTHS.get(field.kind, LENGTHS["text"])
    if len(value) > longest:
        raise _Refused("length", ngettext("Give at most %(num)s character.",
                                          "Give at most %(num)s characters.", longest))
    return value.strip()


def _value(field: TaskField, value: Any, unit_exists: Callable[[str], bool]) -> Any:
    if field.kind == "yes_no":
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip().lower() in YES_NO:
            return YES_NO[value.strip().lower()]
        raise _Refused("invalid_type", _("Answer yes or no."))
    text = _text(field, value)
    if field.kind == "choice" and text not in field.choices:
        raise _Refused("choice", _("Choose one of the allowed values."))
    if field.kind == "unit" and not unit_exists(text):
        raise _Refused("unknown_unit", _("There is no such unit."))
    return text


def _empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def clean_declared(fields: tuple[TaskField, ...], data: Mapping[str, Any], *,
                   unit_exists: Callable[[str], bool]) -> tuple[dict[str, Any], list[FieldError]]:
    """The values of the declared fields in ``data`` as the process keeps them (None for
    an optional field left empty), and the errors: undeclared keys, missing required
    fields, values of the wrong kind."""
    declared = {field.name for field in fields}
    errors = [FieldError(str(key), _("This field is not expected here."), "unknown_field")
              for key in data if key not in declared]
    cleaned: dict[str, Any] = {}
    for field in fields:
        value = data.get(field.name)
        if _empty(value):
            if field.required:
                errors.append(FieldError(field.name, _("This field is required."),
                                         "required"))
            cleaned[field.name] = None  # a value left from an earlier round is not kept
            continue
        try:
            cleaned[field.name] = _value(field, value, unit_exists)
        except _Refused as refused:
            errors.append(FieldError(field.name, refused.message, refused.code))
    return cleaned, errors


def free_variable_errors(data: Mapping[str, Any]) -> list[FieldError]:
    """For a task that declares nothing: every key must be a snake_case variable that is
    not one of the process's own."""
    return [FieldError(str(key), _("This field is not expected here."), "unknown_field")
            for key in data
            if not isinstance(key, str) or not NAME.match(key) or key in RESERVED]
