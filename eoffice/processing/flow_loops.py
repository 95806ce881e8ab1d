"""Loops of sequence flows that nothing decides to leave (pure).

SpiffWorkflow lays out ahead of time every element a process may reach. Past an
exclusive, inclusive or event-based gateway (or a cycle timer) that layout is only a
prediction it stops after two steps; everywhere else the next element is certain and it
follows the flows without end. A loop made only of such elements (tasks, events,
parallel gateways, sub-processes) therefore makes the engine recurse for ever as soon as
the loop is reached: when an instance starts, or later when a gateway turns into it. A
model with such a loop is refused at upload, naming the elements and flows of the loop.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from lxml import etree

DECIDING = frozenset({"exclusiveGateway", "inclusiveGateway", "eventBasedGateway"})
"""Elements whose outgoing flows the engine only predicts (it chooses when it runs)."""


@dataclass(frozen=True)
class EndlessLoop:
    """Elements going round in a loop with no deciding element, and the flows joining
    them (both in document order)."""

    elements: tuple[str, ...]
    flows: tuple[str, ...]


def _local(node: Any) -> str:
    return etree.QName(node).localname if isinstance(node.tag, str) else ""


def _decides(node: Any) -> bool:
    """A gateway that chooses, or a catching event with a cycle timer."""
    if _local(node) in DECIDING:
        return True
    return _local(node) in ("intermediateCatchEvent", "startEvent", "boundaryEvent") and any(
        _local(child) == "timeCycle" for child in node.iter())


def _graph(root: Any) -> tuple[dict[str, list[tuple[str, str]]], list[str]]:
    """Element id → (flow id, target id) for every sequence flow between elements that
    do not decide; and every id (elements and flows) in document order."""
    order: list[str] = []
    deciding: set[str] = set()
    for node in root.iter():
        element = node.get("id") if isinstance(node.tag, str) else None
        if element:
            order.append(element)
            if _decides(node):
                deciding.add(element)
    edges: dict[str, list[tuple[str, str]]] = {}
    for flow in root.iter(etree.Element):
        if _local(flow) != "sequenceFlow":
            continue
        source, target = flow.get("sourceRef", ""), flow.get("targetRef", "")
        if source and target and source not in deciding and target not in deciding:
            edges.setdefault(source, []).append((flow.get("id", ""), target))
    return edges, order


class _Components:
    """Strongly connected components (Tarjan's algorithm, without recursion: a model may
    have thousands of elements)."""

    def __init__(self, edges: dict[str, list[tuple[str, str]]]) -> None:
        self.edges = edges
        self.index: dict[str, int] = {}
        self.low: dict[str, int] = {}
        self.stack: list[str] = []
        self.on_stack: set[str] = set()

    def __iter__(self) -> Iterator[set[str]]:
        for start in list(self.edges):
            if start not in self.index:
                yield from self._from(start)

    def _from(self, start: str) -> Iterator[set[str]]:
        work = [(start, 0)]
        while work:
            node, position = work.pop()
            if position == 0:
                self.index[node] = self.low[node] = len(self.index)
                self.stack.append(node)
                self.on_stack.add(node)
            targets = self.edges.get(node, [])
            if position < len(targets):
                work.append((node, position + 1))
                target = targets[position][1]
                if target not in self.index:
                    work.append((target, 0))
                elif target in self.on_stack:
                    self.low[node] = min(self.low[node], self.index[target])
                continue
            if work:  # back in the element that led here
                parent = work[-1][0]
                self.low[parent] = min(self.low[parent], self.low[node])
            if self.low[node] == self.index[node]:
                yield self._pop(node)

    def _pop(self, root: str) -> set[str]:
        component: set[str] = set()
        while True:
            member = self.stack.pop()
            self.on_stack.discard(member)
            component.add(member)
            if member == root:
                return component


def endless_loops(root: Any) -> list[EndlessLoop]:
    """Every loop of sequence flows in the BPMN tree ``root`` with no exclusive,
    inclusive or event-based gateway (nor cycle timer) on it."""
    edges, order = _graph(root)
    position = {element: number for number, element in reversed(list(enumerate(order)))}

    def place(element: str) -> int:
        return position.get(element, len(order))

    found = []
    for component in _Components(edges):
        flows = [flow for source in component for flow, target in edges.get(source, [])
                 if target in component]
        if len(component) == 1 and not flows:
            continue  # an element that is not in a loop
        found.append(EndlessLoop(elements=tuple(sorted(component, key=place)),
                                 flows=tuple(sorted(flows, key=place))))
    return sorted(found, key=lambda loop: place(loop.flows[0]))
