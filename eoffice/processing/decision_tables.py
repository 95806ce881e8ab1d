"""Decision tables (DMN) uploaded with a model, checked before anything is stored: each
must be a DMN document, and every cell the engine evaluates (input expressions, input
entries, output entries) must be an expression of the safe language, checked as
SpiffWorkflow's DMN engine will build it (``? > 3``, ``< 100``, ``"low"``).

A refused cell would never run (evaluation goes through the same checker), but the
administrator learns at upload which cell is wrong rather than when a file reaches it.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Sequence
from typing import Any

from lxml import etree

from eoffice.processing.bpmn import Inspection, parse_document
from eoffice.processing.scripting import ScriptRefused, check_expression

QUESTION = re.compile(r"""(\?)(?=(?:[^'"]|['"][^'"]*['"])*$)""")
"""A ``?`` outside quotes: the input's value in a cell (SpiffWorkflow's own pattern)."""
STAND_IN = "dmninputexpr"
"""The name SpiffWorkflow gives the input's value where a cell says ``?``."""


def read_tables(dmn: Sequence[bytes], inspection: Inspection) -> list[Any]:
    """The parsed DMN documents (a problem for each that is not one)."""
    found = []
    for index, table in enumerate(dmn):
        node = parse_document(table, inspection, f"dmn[{index}]")
        if node is not None and etree.QName(node).localname != "definitions":
            inspection.add(f"dmn[{index}]", "not a DMN document (definitions expected)",
                           "processing.not_dmn")
        elif node is not None:
            found.append(node)
    return found


def _children(node: Any, name: str) -> list[Any]:
    return [child for child in node if isinstance(child.tag, str)
            and etree.QName(child).localname == name]


def _text(node: Any) -> str | None:
    """The ``<text>`` of a cell (None: no text at all)."""
    found = [child for child in node.iter() if isinstance(child.tag, str)
             and etree.QName(child).localname == "text"]
    return found[0].text if found else None


def as_run(cell: str) -> str:
    """The expression the engine evaluates for an input entry, with ``v`` standing for the
    input: ``? > 3`` → ``dmninputexpr > 3``, ``< 100`` → ``v< 100``, ``"low"`` →
    ``(v) == ("low")``."""
    if QUESTION.search(cell):
        return QUESTION.sub(STAND_IN, cell)
    try:
        ast.parse(cell.strip(), mode="eval")
    except SyntaxError:
        return f"v{cell}"
    return f"(v) == ({cell})"


class _Table:
    """One decision table of one document, for naming its cells."""

    def __init__(self, node: Any, document: str, inspection: Inspection) -> None:
        decision = node.getparent()
        self.name = "" if decision is None else decision.get("name") or decision.get("id", "")
        self.document = document
        self.inspection = inspection

    def check(self, cell: str, node: Any, where: str, *, run_as: str | None = None) -> None:
        """A problem naming the cell ``node`` when ``cell`` (evaluated as ``run_as``) is
        outside the language."""
        try:
            check_expression(run_as or cell)
        except ScriptRefused as exc:
            self.inspection.add(
                node.get("id") or self.document,
                f"decision table {self.name!r} ({self.document}), {where}: {exc.message} "
                f"in {cell[:80]!r}", "processing.decision_cell_refused")


def _column(column: Any | None, kind: str, number: int) -> str:
    if column is None:
        return f"{kind} {number}"
    label = column.get("label") or column.get("name") or _text(column) or column.get("id")
    return f"{kind} {label!r}" if label else f"{kind} {number}"


def _check_table(table: _Table, node: Any) -> None:
    inputs, outputs = _children(node, "input"), _children(node, "output")
    for number, column in enumerate(inputs, start=1):
        expression = _text(column)
        if expression is not None and expression.strip():
            table.check(expression, column,
                        f"the expression of {_column(column, 'input', number)}")
    for row, rule in enumerate(_children(node, "rule"), start=1):
        where = f"rule {row}"
        for kind, columns, entries in (("input", inputs, _children(rule, "inputEntry")),
                                       ("output", outputs, _children(rule, "outputEntry"))):
            for number, entry in enumerate(entries, start=1):
                cell = _text(entry)
                if cell is None or not cell.strip() or (kind == "input" and cell == "-"):
                    continue
                column = columns[number - 1] if number <= len(columns) else None
                table.check(cell, entry, f"{where}, {_column(column, kind, number)}",
                            run_as=as_run(cell) if kind == "input" else None)


def inspect_tables(tables: Sequence[Any], inspection: Inspection) -> None:
    """A problem for every cell of the DMN trees ``tables`` outside the safe language."""
    for index, root in enumerate(tables):
        for node in root.iter(etree.Element):
            if etree.QName(node).localname == "decisionTable":
                _check_table(_Table(node, f"dmn[{index}]", inspection), node)
