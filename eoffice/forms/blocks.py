"""Expanding a definition: each block reference is replaced by the block's controls.

A block is included by reference and pinned version; its controls are mounted
at the including control's path (``applicant.nif``, or ``vehicles.*.plate``
when it repeats) and the field names in its conditions move with them. Blocks
may include blocks; a cycle, or a reference to a version that does not exist,
is a definition problem.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import replace
from typing import Any

from eoffice.forms import conditions, errors
from eoffice.forms.definition import DefinitionReader
from eoffice.forms.tree import Control, FormTree, join_path, namespace_of
from eoffice.shared.errors import FieldError
from eoffice.shared.i18n import _

BlockLookup = Callable[[str, int], Any]  # (key, version) → raw block definition, or None
Ref = tuple[str, int]
RULES = ("show_if", "disable_if", "required", "expression")
# A form of this many controls once its blocks are included is not a form a person
# can fill in; stopping here keeps a definition from costing minutes to expand.
MAX_EXPANDED_CONTROLS = 2000


class Expander:
    """Expands the block references of one tree, collecting problems."""

    def __init__(self, lookup: BlockLookup, known_sources: Collection[str] | None = None) -> None:
        self.lookup = lookup
        self.known_sources = known_sources
        self.problems: list[FieldError] = []
        self._blocks: dict[Ref, FormTree | None] = {}
        self._expanded = 0

    def expand(self, tree: FormTree) -> FormTree:
        stack: list[Ref] = [(tree.key, tree.version)] if tree.kind == "block" else []
        return replace(tree, children=self._children(tree.children, stack))

    def _children(self, children: tuple[Control, ...], stack: list[Ref]) -> tuple[Control, ...]:
        return tuple(self._control(child, stack) for child in children)

    def _control(self, control: Control, stack: list[Ref]) -> Control:
        self._expanded += 1
        if self._expanded == MAX_EXPANDED_CONTROLS + 1:
            self._report(control.pointer, errors.BadProperty,
                         _("With its blocks included the form has more than %(num)s "
                           "controls.", num=MAX_EXPANDED_CONTROLS))
        if self._expanded > MAX_EXPANDED_CONTROLS:
            return control
        if control.type == "block":
            return self._include(control, stack)
        if control.children:
            return replace(control, children=self._children(control.children, stack))
        return control

    def _include(self, control: Control, stack: list[Ref]) -> Control:
        key, version = control.props.get("block"), control.props.get("version")
        if not isinstance(key, str) or not isinstance(version, int):
            return control  # already reported by the reader
        ref = (key, version)
        if ref in stack:
            chain = " → ".join(f"{k} v{v}" for k, v in [*stack[stack.index(ref):], ref])
            self._report(f"{control.pointer}/block", errors.BlockCycle,
                         _("Blocks include each other: %(chain)s.", chain=chain))
            return control
        block = self._load(ref, control.pointer)
        if block is None:
            return control
        mount = namespace_of(control)
        where = f"{control.pointer}/{key}@{version}"
        mounted = tuple(rebase(child, mount, where) for child in block.children)
        props = dict(control.props)
        props.setdefault("label", dict(block.title))
        return replace(control, props=props, children=self._children(mounted, [*stack, ref]))

    def _load(self, ref: Ref, pointer: str) -> FormTree | None:
        if ref not in self._blocks:
            raw = self.lookup(*ref)
            tree = None
            if raw is None:
                self._report(f"{pointer}/version", errors.MissingBlock,
                             _("The block “%(key)s” has no published version %(version)s.",
                               key=ref[0], version=ref[1]))
            else:
                reader = DefinitionReader(self.known_sources)
                tree = reader.read(raw, kind="block")
                where = f"{pointer}/{ref[0]}@{ref[1]}"
                self.problems.extend(
                    FieldError(where + p.field.rstrip("/"), p.message, p.code)
                    for p in reader.problems
                )
                if tree is not None and (tree.key, tree.version) != ref:
                    self._report(where, errors.WrongIdentity,
                                 _("The block stored as %(key)s v%(version)s says otherwise.",
                                   key=ref[0], version=ref[1]))
                    tree = None
            self._blocks[ref] = tree
        return self._blocks[ref]

    def _report(self, pointer: str, problem: type[errors.DefinitionProblem], message: str) -> None:
        self.problems.append(FieldError(pointer, message, problem.code))


def rebase(control: Control, mount: str, where: str) -> Control:
    """``control`` (written at a block's root) mounted at path ``mount``."""
    props = dict(control.props)
    for name in RULES:
        if isinstance(props.get(name), dict | list):
            props[name] = conditions.rebase(props[name], mount)
    path = join_path(mount, control.path) if control.path else mount
    return replace(
        control, path=path, pointer=where + control.pointer, props=props,
        children=tuple(rebase(child, mount, where) for child in control.children),
    )
