"""Validating a whole definition: structure, blocks, then every condition (pure)."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from eoffice.forms import errors
from eoffice.forms.blocks import RULES, BlockLookup, Expander
from eoffice.forms.conditions import check_rule
from eoffice.forms.definition import DefinitionReader
from eoffice.forms.tree import Control, FormTree, generic
from eoffice.shared.errors import FieldError
from eoffice.shared.i18n import _

_CODES: dict[str, type[errors.DefinitionProblem]] = {
    "bad": errors.BadCondition,
    "forbidden": errors.ForbiddenOperator,
    "unknown_field": errors.UnknownField,
}


def check_definition(
    raw: Any,
    *,
    kind: str,
    lookup: BlockLookup,
    known_sources: Collection[str] | None = None,
    identity: tuple[str, int] | None = None,
) -> tuple[FormTree | None, list[FieldError]]:
    """(the expanded tree, every problem) of a form or block definition.

    ``identity`` is the (key, version) the definition is stored under, when known.
    """
    reader = DefinitionReader(known_sources)
    tree = reader.read(raw, kind=kind)
    problems = list(reader.problems)
    if tree is None:
        return None, problems
    if identity is not None and (tree.key, tree.version) != identity:
        problems.append(FieldError(
            "/key", _("The definition says %(key)s v%(version)s but is stored as %(stored)s.",
                      key=tree.key, version=tree.version,
                      stored=f"{identity[0]} v{identity[1]}"),
            errors.WrongIdentity.code,
        ))
    expander = Expander(lookup, known_sources)
    expanded = expander.expand(tree)
    problems.extend(expander.problems)
    problems.extend(check_rules(expanded))
    return expanded, problems


def check_rules(tree: FormTree) -> list[FieldError]:
    """Problems of every condition and computed expression of an expanded tree."""
    paths = tree.paths()
    problems: list[FieldError] = []
    for control in tree.walk():
        for name in RULES:
            rule = control.props.get(name)
            if rule is None or isinstance(rule, bool) or (name != "expression" and not isinstance(
                    rule, dict)):
                continue
            for problem in check_rule(rule, _field_check(paths, control)):
                problems.append(FieldError(f"{control.pointer}/{name}", problem.message,
                                           _CODES[problem.kind].code))
    return problems


def _field_check(paths: set[str], control: Control) -> Any:
    def check(name: str) -> str | None:
        if generic(name) not in paths:
            return str(_("There is no field “%(name)s”.", name=name))
        if "*" in name:
            repeated = name[: name.rindex("*") + 1]
            if not (control.path == repeated or control.path.startswith(repeated + ".")):
                return str(_("“%(name)s” uses “*” outside its repeating group.", name=name))
        return None

    return check
