"""What an incoming PDF may not carry, whatever its signatures say: scripts and actions
that start programs, data after its end (a polyglot: also a ZIP or an executable), more
pages than a reader can walk in reasonable time, and compressed streams that inflate
beyond a budget (decompression bombs that would later exhaust the archive's text
extractor). Checked with pyHanko's decoding limits, before anything is stored."""

from __future__ import annotations

import re

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.decode_limits import (
    DecodeLimits,
    DocumentDecodeBudget,
    StreamDecodeLimits,
)
from pyhanko.pdf_utils.misc import PdfDecodeLimitError, PdfError
from pyhanko.pdf_utils.reader import PdfFileReader

from eoffice.documents.screening.errors import FileTooComplex, PdfActiveContent, PdfTrailingData
from eoffice.documents.validation.validate import BROKEN_PDF, open_reader

MAX_PAGES = 5_000
MIB = 1024 * 1024
# A scanned A4 page at 600 dpi in colour is ~100 MiB raw: one stream may inflate to 128 MiB,
# the whole file to 256 MiB or 50 times its size, whichever is more (~2 s of inflating).
LIMITS = DecodeLimits(per_stream=StreamDecodeLimits(max_output_size=128 * MIB),
                      document_budget=DocumentDecodeBudget(base_allowance=256 * MIB,
                                                           max_ratio=50))
ACTIVE_ACTIONS = frozenset({"/JavaScript", "/Launch", "/ImportData"})
ACTIVE_KEYS = frozenset({"/JS", "/JavaScript"})
AFTER_THE_END = re.compile(rb"%%EOF[\s\x00]*\Z")


def screen_pdf(data: bytes) -> None:
    """Refuse ``data`` (PdfActiveContent, PdfTrailingData, FileTooComplex; UnreadablePdf or
    EncryptedPdf when it cannot be opened) or return when it is a plain PDF."""
    if not AFTER_THE_END.search(data[-4096:]):
        raise PdfTrailingData()
    reader = open_within_limits(data)
    try:
        for ref in _every_object(reader):
            _screen_object(ref)
    except PdfDecodeLimitError as exc:
        raise FileTooComplex() from exc


def open_within_limits(data: bytes) -> PdfFileReader:
    """A reader of ``data`` opened under :data:`LIMITS` whose page tree has at most
    :data:`MAX_PAGES` pages (FileTooComplex otherwise; UnreadablePdf, EncryptedPdf)."""
    reader = open_reader(data, decode_limits=LIMITS)
    try:
        _count_pages(reader)
    except PdfDecodeLimitError as exc:
        raise FileTooComplex() from exc
    return reader


def _every_object(reader: PdfFileReader) -> set[generic.Reference]:
    refs: set[generic.Reference] = set()
    for revision in range(reader.xrefs.total_revisions):
        refs |= reader.xrefs.explicit_refs_in_revision(revision)
    return refs


def _screen_object(ref: generic.Reference) -> None:
    try:
        value = ref.get_object()
    except PdfDecodeLimitError:
        raise
    except BROKEN_PDF:  # an object a reader cannot parse is one it will not run either
        return
    if isinstance(value, generic.DictionaryObject) and (
            value.get("/S") in ACTIVE_ACTIONS or ACTIVE_KEYS & set(value.keys())):
        raise PdfActiveContent()
    if isinstance(value, generic.StreamObject):
        try:
            _ = value.data  # inflated within LIMITS: a bomb stops here
        except PdfDecodeLimitError:
            raise
        except (PdfError, *BROKEN_PDF, NotImplementedError):
            return  # a filter pyHanko does not decode (images): nothing inflated


def _count_pages(reader: PdfFileReader) -> None:
    """Walk the page tree, refusing it past MAX_PAGES leaves (or a cycle); a tree that
    says it has more is refused before its kids are read."""
    tree = reader.root.get("/Pages")
    declared = tree.get_object().get("/Count") if tree is not None else None
    if isinstance(declared, int) and declared > MAX_PAGES:
        raise FileTooComplex()
    pending = [tree]
    seen: set[int] = set()
    leaves = 0
    while pending:
        node = pending.pop()
        key = id(node)
        if isinstance(node, generic.IndirectObject):
            key = node.idnum
            node = node.get_object()  # type: ignore[no-untyped-call]
        if not isinstance(node, generic.DictionaryObject):
            continue
        kids = node.get("/Kids")
        if kids is None or node.get("/Type") == "/Page":
            leaves += 1
        else:
            if key in seen:
                raise FileTooComplex()
            seen.add(key)
            pending.extend(kids if isinstance(kids, list) else [])
        if leaves > MAX_PAGES or len(pending) > MAX_PAGES:
            raise FileTooComplex()
