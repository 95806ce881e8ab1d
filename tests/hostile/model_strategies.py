"""Hypothesis strategies for hostile administrator and citizen input: random JSON,
structured mutations of the product's own BPMN models, form definitions and fee rules,
expressions that try to escape the safe script language, and XML tricks (entities,
invalid UTF-8, deep nesting).

The settings profile ``hostile-models`` is registered here but never loaded globally:
each test takes its examples from :func:`fuzz`, so other suites keep their own
settings. ``EOFFICE_FUZZ_SCALE=10`` multiplies every count for a long local run.
"""

from __future__ import annotations

import copy
import os
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from lxml import etree

ROOT = Path(__file__).resolve().parents[2]
MODELS = sorted((ROOT / "workflows").rglob("*.bpmn"))
FORMS = sorted((ROOT / "forms" / "forms").rglob("*.json"))
BPMN_NS = "http://www.omg.org/spec/BPMN/20100524/MODEL"

settings.register_profile(
    "hostile-models", deadline=None, derandomize=True, database=None, print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                           HealthCheck.function_scoped_fixture, HealthCheck.filter_too_much],
)
SCALE = float(os.environ.get("EOFFICE_FUZZ_SCALE", "1"))


def fuzz(examples: int) -> settings:
    """The ``hostile-models`` profile with ``examples`` (times the scale) examples."""
    return settings(settings.get_profile("hostile-models"),
                    max_examples=max(1, int(examples * SCALE)))


class Hung(AssertionError):
    """Something took longer than its bound: a hang for a user."""


@contextmanager
def within(seconds: int) -> Iterator[None]:
    """Fail with :class:`Hung` when the block runs longer than ``seconds`` (SIGALRM)."""
    def _alarm(_signum: int, _frame: Any) -> None:
        raise Hung(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


# --- texts, numbers and JSON -------------------------------------------------------------

ODD_TEXTS = [
    "", " ", "\u202e\u2066evil", "\ufeffBOM", "e\u0301", "\u00a0", "🏛️", "İ", "ß", "\u2028",
    "0000-00-00", "2026-02-30", "9999-12-31", "-0", "NaN", "Infinity", "1e999", "1E+20",
    "١٢٣", "\U0001d7d9\U0001d7da", "0x1F", "1_000", "12,50", "1.234.567,89", "9" * 400,
    "'; DROP TABLE x;--", "<script>alert(1)</script>", "{{7*7}}", "%(name)s",
    "${jndi:ldap://x}", "../../etc/passwd",
]
"""Texts that look like numbers, dates or code, and unicode oddities."""


def odd_texts(*, nul: bool = True) -> st.SearchStrategy[str]:
    alphabet = st.characters(codec=None, exclude_characters=None if nul else "\x00")
    return st.one_of(st.sampled_from(ODD_TEXTS), st.text(alphabet, max_size=30),
                     st.text(max_size=3).map(lambda t: t * 5000))


def odd_numbers() -> st.SearchStrategy[Any]:
    return st.one_of(
        st.integers(), st.integers(min_value=-(10**60), max_value=10**60),
        st.sampled_from([0, -1, 2**31, 2**63, 10**300, -(10**300), 1e308, 5e-324, -0.0]),
        st.floats(allow_nan=True, allow_infinity=True), st.decimals(allow_nan=False))


def json_values(*, nul: bool = True, finite: bool = False,
                max_leaves: int = 25) -> st.SearchStrategy[Any]:
    """Any JSON (with NaN and Infinity, which Python's parser accepts, unless ``finite``)."""
    numbers = st.one_of(st.integers(min_value=-(10**40), max_value=10**40),
                        st.floats(allow_nan=not finite, allow_infinity=not finite))
    leaves = st.one_of(st.none(), st.booleans(), numbers, odd_texts(nul=nul))
    return st.recursive(
        leaves,
        lambda inner: st.one_of(st.lists(inner, max_size=5),
                                st.dictionaries(odd_texts(nul=nul) | st.sampled_from(
                                    ["key", "type", "value", "input", "not", "var"]), inner,
                                    max_size=5)),
        max_leaves=max_leaves)


def nested(depth: int, leaf: Any = 1, *, key: str | None = None) -> Any:
    """``leaf`` inside ``depth`` lists (or objects under ``key``)."""
    value = leaf
    for _ in range(depth):
        value = {key: value} if key else [value]
    return value


# --- structured mutations of JSON documents ----------------------------------------------

def _places(document: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield path
    if isinstance(document, dict):
        for key, value in document.items():
            yield from _places(value, (*path, key))
    elif isinstance(document, list):
        for index, value in enumerate(document):
            yield from _places(value, (*path, index))


def _parent(document: Any, path: tuple[Any, ...]) -> Any:
    for step in path[:-1]:
        document = document[step]
    return document


@st.composite
def mutated(draw: st.DrawFn, document: Any, *, nul: bool = True, most: int = 4) -> Any:
    """``document`` after 1 to ``most`` random changes at random places: a value
    replaced by any JSON or a deep nesting, a member dropped, duplicated or added."""
    result = copy.deepcopy(document)
    for _ in range(draw(st.integers(1, most))):
        places = [p for p in _places(result) if p]
        if not places:
            return draw(json_values(nul=nul))
        path = draw(st.sampled_from(places))
        parent, last = _parent(result, path), path[-1]
        change = draw(st.sampled_from(["replace", "replace", "drop", "duplicate", "add",
                                       "wrap", "deep"]))
        if change == "replace":
            parent[last] = draw(json_values(nul=nul))
        elif change == "drop":
            del parent[last]
        elif change == "duplicate" and isinstance(parent, list):
            parent.insert(last, copy.deepcopy(parent[last]))
        elif change == "add" and isinstance(parent, dict):
            parent[draw(odd_texts(nul=nul))] = draw(json_values(nul=nul))
        elif change == "wrap":
            parent[last] = draw(st.sampled_from([[parent[last]], {"x": parent[last]}]))
        elif change == "deep":
            parent[last] = nested(draw(st.integers(20, 400)), parent[last],
                                  key=draw(st.sampled_from([None, "not", "controls", "all"])))
    return result


# --- expressions and scripts ---------------------------------------------------------------

ESCAPES = [
    "__import__('os').system('touch /tmp/eoffice-pwned')", "().__class__.__bases__[0]",
    "[].__class__.__mro__[1].__subclasses__()", "open('/etc/passwd').read()",
    "eval('1+1')", "exec('import os')", "getattr(data, '__class__')", "globals()",
    "(lambda: 1)()", "data.__class__", "_x", "__builtins__", "compile('1','','eval')",
    "type(1)", "vars()", "dir()", "help()", "breakpoint()", "input()",
    "[x for x in ().__class__.__bases__]", "(y := 1)", "print(1)", "import os",
    "9**9**9", "4000000**4000000", "4000000**400000 * 4000000**400000", "10**4000 * 10**4000",
    "'a' * 10**9", "[1] * 10**9", "[[x, y] for x in [1]*9999 for y in [1]*9999]",
    "sorted([x for x in [1]*10000])", "str(10**4000)", "int('9' * 5000)", "days(10**12)",
    "date('0000-00-00')", "1/0", "max([])", "float('nan') > 1", "2 << 100000",
    "sum([10**4000] * 1000)", "len(str(2**4000000))",
]
"""Expressions that try to run code, read files or run for ever."""

ESCAPE_SCRIPTS = [
    "x = 4000000**4000\nx = x*x\nx = x*x\nx = x*x\nx = x*x\nx = x*x\nx = x*x\nx = x*x\n"
    "x = x*x\nx = x*x\nx = x*x\nx = x*x\nx = x*x\nx = x*x\nx = x*x\nx = x*x\nx = x*x",
    "import os", "while True: pass", "def f(): pass", "for x in []: pass",
    "x = 1; import os", "x = 1\ny = x.__class__", "x = [1]*99999\nx = x + x\nx = x + x",
]


def expressions() -> st.SearchStrategy[str]:
    """Hostile expressions, and random short Python-looking text."""
    pieces = st.sampled_from(["9", "**", "*", "(", ")", "[", "]", "x", "data", "get", ",",
                              "'", "__", ".", "1e308", "for", "in", " ", "not", "<<", "-"])
    return st.one_of(st.sampled_from(ESCAPES), st.lists(pieces, max_size=12).map("".join),
                     st.text(max_size=40))


# --- BPMN ------------------------------------------------------------------------------

REFERENCES = ("sourceRef", "targetRef", "default", "attachedToRef", "calledElement",
              "messageRef", "errorRef", "signalRef")

ENTITIES = {
    "billion laughs": b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
                      + b"".join(b'<!ENTITY lol%d "%s">' % (n, (b"&lol%d;" % (n - 1)
                                 if n > 1 else b"&lol;") * 10) for n in range(1, 10))
                      + b"]>",
    "external file": b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY xxe SYSTEM '
                     b'"file:///etc/passwd">]>',
    "external DTD": b'<?xml version="1.0"?><!DOCTYPE d SYSTEM "http://127.0.0.1:9/evil.dtd">',
    "parameter entity": b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY % p SYSTEM '
                        b'"file:///etc/passwd"> %p;]>',
}
ENTITY_REFERENCE = {"billion laughs": "&lol9;", "external file": "&xxe;",
                    "external DTD": "&ext;", "parameter entity": "&xxe;"}


def _element_ids(root: Any) -> list[str]:
    return [str(node.get("id")) for node in root.iter() if node.get("id")]


def _mutate_tree(draw: st.DrawFn, root: Any) -> None:  # noqa: C901, PLR0912 - one per kind
    nodes = [node for node in root.iter() if isinstance(node.tag, str) and node is not root]
    if not nodes:
        return
    node = draw(st.sampled_from(nodes))
    change = draw(st.sampled_from([
        "drop", "duplicate", "reference", "reference", "expression", "expression",
        "no start", "cycle", "deep", "attribute", "text"]))
    parent = node.getparent()
    if change == "drop" and parent is not None:
        parent.remove(node)
    elif change == "duplicate" and parent is not None:
        parent.append(copy.deepcopy(node))
    elif change == "reference":
        holders = [n for n in nodes if any(n.get(a) for a in REFERENCES)] or [node]
        holder = draw(st.sampled_from(holders))
        name = next((a for a in REFERENCES if holder.get(a)), "sourceRef")
        holder.set(name, draw(st.sampled_from(["Missing_element", "", "x" * 300,
                                               *_element_ids(root)[:30]])))
    elif change == "expression":
        texts = [n for n in nodes if etree.QName(n).localname in (
            "conditionExpression", "script", "timeDuration", "timeDate", "timeCycle",
            "preScript", "postScript")]
        props = [n for n in nodes if etree.QName(n).localname in ("property", "parameter")]
        target = draw(st.sampled_from(texts + props)) if texts or props else node
        value = draw((expressions() | st.sampled_from(ESCAPE_SCRIPTS)).filter(_xml_safe))
        if target in props:
            target.set("value", draw(st.sampled_from(["=", ""])) + value)
        else:
            target.text = value
    elif change == "no start":
        for start in root.iter(f"{{{BPMN_NS}}}startEvent"):
            start.getparent().remove(start)
    elif change == "cycle":
        ids = _element_ids(root)
        process = next(root.iter(f"{{{BPMN_NS}}}process"), root)
        flow = etree.SubElement(process, f"{{{BPMN_NS}}}sequenceFlow")
        flow.set("id", "Flow_fuzz_cycle")
        flow.set("sourceRef", draw(st.sampled_from(ids)))
        flow.set("targetRef", draw(st.sampled_from(ids)))
    elif change == "deep" and parent is not None:
        parent.remove(node)
        inner = node
        for _ in range(draw(st.integers(50, 3000))):
            wrapper = etree.Element(f"{{{BPMN_NS}}}subProcess")
            wrapper.append(inner)
            inner = wrapper
        parent.append(inner)
    elif change == "attribute":
        node.set(draw(st.sampled_from(["id", "name", "isExecutable", "calledElement"])),
                 draw(odd_texts(nul=False).filter(_xml_safe)))
    else:
        node.text = draw(odd_texts(nul=False).filter(_xml_safe))


def _xml_safe(text: str) -> bool:
    try:
        etree.Element("x").text = text
    except ValueError:
        return False
    return True


@st.composite
def bpmn_models(draw: st.DrawFn) -> bytes:
    """A product model after 1 to 3 structural mutations; sometimes then mangled as bytes
    (entities declared and used, truncated, invalid UTF-8, padded to a huge size)."""
    path = draw(st.sampled_from(MODELS))
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    root = etree.fromstring(path.read_bytes(), parser)
    for _ in range(draw(st.integers(1, 3))):
        _mutate_tree(draw, root)
    content: bytes = etree.tostring(root, xml_declaration=False, encoding="utf-8")
    mangle = draw(st.sampled_from(["none", "none", "none", "entity", "truncate", "utf8",
                                   "huge", "nul"]))
    if mangle == "entity":
        name = draw(st.sampled_from(sorted(ENTITIES)))
        use = ENTITY_REFERENCE[name].encode()
        content = ENTITIES[name] + content.replace(b'name="', b'name="' + use, 1)
    elif mangle == "truncate":
        content = content[: draw(st.integers(0, len(content)))]
    elif mangle == "utf8":
        at = draw(st.integers(0, len(content)))
        content = content[:at] + draw(st.sampled_from([b"\xff", b"\xc3(", b"\xed\xa0\x80",
                                                       b"\xf8\x88\x80\x80\x80"])) + content[at:]
    elif mangle == "huge":
        content = content.replace(b"?>", b"?>" + b"<!--" + b"x" * 2_200_000 + b"-->", 1) \
            if content.startswith(b"<?") else b" " * 2_200_000 + content
    elif mangle == "nul":
        content = content.replace(b">", b">\x00", 1)
    return content


def real_model(name: str) -> bytes:
    """The bytes of a product model (``general_application``)."""
    return next(path for path in MODELS if path.stem == name).read_bytes()


def with_flow(name: str, source: str, target: str) -> bytes:
    """A product model with one more sequence flow, ``Flow_fuzz_cycle`` from ``source`` to
    ``target`` (what the ``cycle`` mutation adds)."""
    root = etree.fromstring(real_model(name))
    process = next(root.iter(f"{{{BPMN_NS}}}process"))
    etree.SubElement(process, f"{{{BPMN_NS}}}sequenceFlow", id="Flow_fuzz_cycle",
                     sourceRef=source, targetRef=target)
    return bytes(etree.tostring(root, encoding="utf-8"))
