"""The archive's query language and its parser.

What a searcher types::

    licencia obras            both words (AND is implicit)
    licen*                    a word starting with "licen"
    "licencia de obras"       the words in this order
    -denegada                 items without the word
    obras OR actividad        either word (OR binds tighter than the implicit AND)
    (obras OR actividad) -denegada

The text is parsed into a small tree (:class:`Term`, :class:`Phrase`, :class:`Not`,
:class:`Any`, :class:`All`) that each adapter translates into its own language: the
user's text never reaches FTS5 ``MATCH`` or OpenSearch's ``query_string`` as it is, so
column filters, ``NEAR`` or field names cannot be injected. Words are split as the
indexes split them (letters and digits), so ``URB/2026/000001`` is the phrase of its
three parts. An empty query matches everything (browse with facets).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from eoffice.archive.errors import QueryInvalid, QueryTooLong
from eoffice.shared.i18n import _l

#: Longer searches are refused before parsing (a 10 MB query costs nothing).
MAX_QUERY_CHARS = 500
#: More words than this are refused (every word is a lookup in the index).
MAX_TERMS = 32

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_TOKEN = re.compile(r'\s+|\(|\)|"[^"]*"?|[^\s()"]+')


@dataclass(frozen=True)
class Term:
    """One word (letters and digits, lower-case, accents kept: indexes fold them)."""

    word: str
    prefix: bool = False


@dataclass(frozen=True)
class Phrase:
    """Words that must appear together in this order."""

    words: tuple[str, ...]


@dataclass(frozen=True)
class Not:
    """Items that do not match ``node``."""

    node: Node


@dataclass(frozen=True)
class Any:
    """Items that match one of ``nodes`` (OR)."""

    nodes: tuple[Node, ...]


@dataclass(frozen=True)
class All:
    """Items that match every one of ``nodes`` (AND; ``Not`` children exclude)."""

    nodes: tuple[Node, ...]


Node = Term | Phrase | Not | Any | All


@dataclass(frozen=True)
class Query:
    """A parsed search: the text as typed and its tree (None: match everything)."""

    text: str
    root: Node | None = None

    @property
    def is_empty(self) -> bool:
        return self.root is None


def words_of(text: str) -> list[str]:
    """The words of ``text`` as the indexes split them (letters and digits), lower-case."""
    return [word.lower() for word in _WORD.findall(text)]


def fold(word: str) -> str:
    """``word`` lower-case without accents (for adapters whose prefix lookups do not
    pass through the analyzer)."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def parse_query(text: str) -> Query:
    """Parse what the searcher typed; :class:`QueryTooLong` before reading a long text,
    :class:`QueryInvalid` naming what is wrong."""
    if len(text) > MAX_QUERY_CHARS:
        raise QueryTooLong(_l("Searches are at most %(count)s characters long.",
                              count=MAX_QUERY_CHARS))
    tokens = [token for token in _TOKEN.findall(text) if not token.isspace()]
    parser = _Parser(tokens)
    root = parser.group(top=True)
    if parser.terms > MAX_TERMS:
        raise QueryInvalid(_l("Use at most %(count)s words.", count=MAX_TERMS))
    return Query(text=text, root=root)


class _Parser:
    """Recursive descent over tokens: group := clause+ ; clause := alt (OR alt)* ;
    alt := '-'? primary ; primary := word | "phrase" | '(' group ')'."""

    def __init__(self, tokens: list[str]) -> None:
        self.tokens = tokens
        self.at = 0
        self.terms = 0

    def peek(self) -> str | None:
        return self.tokens[self.at] if self.at < len(self.tokens) else None

    def take(self) -> str:
        token = self.tokens[self.at]
        self.at += 1
        return token

    def group(self, *, top: bool) -> Node | None:
        clauses: list[Node] = []
        while (piece := self.peek()) is not None and piece != ")":
            clause = self.clause()
            if clause is not None:
                clauses.append(clause)
        if top and self.peek() == ")":
            raise QueryInvalid(_l("A closing bracket has no opening bracket."))
        if not clauses:
            return None
        if not top and all(isinstance(clause, Not) for clause in clauses):
            raise QueryInvalid(_l("Brackets must hold at least one word that is not "
                                  "excluded."))
        return clauses[0] if len(clauses) == 1 else All(tuple(clauses))

    def clause(self) -> Node | None:
        first = self.alternative()
        options = [first]
        while self.peek() == "OR":
            self.take()
            if self.peek() in (None, ")", "OR"):
                raise QueryInvalid(_l("OR must stand between two words."))
            options.append(self.alternative())
        present = [option for option in options if option is not None]
        if len(options) > 1:
            if len(present) < len(options):
                raise QueryInvalid(_l("OR must stand between two words."))
            if any(isinstance(option, Not) for option in present):
                raise QueryInvalid(_l("An excluded word cannot be one side of OR."))
            return Any(tuple(present))
        return first

    def alternative(self) -> Node | None:
        piece = self.peek()
        if piece == "OR":
            raise QueryInvalid(_l("OR must stand between two words."))
        if piece is not None and piece.startswith("-") and piece != "-":
            self.take()
            node = self.word(piece[1:])
            if node is None:
                raise QueryInvalid(_l("A minus must be followed by a word."))
            return Not(node)
        if piece == "-":
            self.take()
            following = self.peek()
            if following is None or following in (")", "OR"):
                raise QueryInvalid(_l("A minus must be followed by a word."))
            node = self.primary()
            if node is None:
                raise QueryInvalid(_l("A minus must be followed by a word."))
            return Not(node)
        return self.primary()

    def primary(self) -> Node | None:
        piece = self.take()
        if piece == "(":
            inner = self.group(top=False)
            if self.peek() != ")":
                raise QueryInvalid(_l("A bracket is not closed."))
            self.take()
            if inner is None:
                raise QueryInvalid(_l("Brackets must hold at least one word."))
            return inner
        if piece.startswith('"'):
            if len(piece) == 1 or not piece.endswith('"'):
                raise QueryInvalid(_l("A quote is not closed."))
            words = words_of(piece[1:-1])
            self.terms += len(words)
            if not words:
                return None
            if len(words) == 1:
                return Term(words[0])
            return Phrase(tuple(words))
        return self.word(piece)

    def word(self, token: str) -> Node | None:
        prefix = token.endswith("*")
        words = words_of(token)
        self.terms += len(words)
        if not words:
            return None  # punctuation alone: nothing to look for
        if len(words) == 1:
            return Term(words[0], prefix=prefix and len(words[0]) >= 2)
        return Phrase(tuple(words))
