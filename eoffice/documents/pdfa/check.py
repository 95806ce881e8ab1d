"""PDF/A self-check with pikepdf: the rules eoffice's own pipeline could break.

Checked: PDF version (1.4-1.7 for PDF/A-1/2/3), XMP ``pdfaid`` identification, the
PDF/A output intent with its ICC profile, embedded fonts, no encryption, no JavaScript,
and embedded files with a MIME type, a modification date and a relationship.
This is NOT a full PDF/A validator (veraPDF is): a file that passes here may still
fail one of the hundreds of rules not listed.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass, field

import pikepdf

from eoffice.documents.errors import UnreadablePdf

MAX_PDFA_VERSION = "1.7"


@dataclass(frozen=True)
class PdfaProblem:
    code: str
    message: str


@dataclass(frozen=True)
class PdfaReport:
    """The outcome of the self-check: the claimed part/conformance and what is wrong."""

    claimed: str | None
    problems: list[PdfaProblem] = field(default_factory=list)

    @property
    def conforms(self) -> bool:
        return self.claimed is not None and not self.problems

    def codes(self) -> list[str]:
        return [problem.code for problem in self.problems]


def _claim(pdf: pikepdf.Pdf) -> str | None:
    meta = pdf.open_metadata()
    part, conformance = meta.get("pdfaid:part"), meta.get("pdfaid:conformance")
    return f"{part}{str(conformance).lower()}" if part and conformance else None


def _version_problems(pdf: pikepdf.Pdf) -> Iterator[PdfaProblem]:
    if pdf.pdf_version > MAX_PDFA_VERSION:
        yield PdfaProblem("pdf_version", f"PDF {pdf.pdf_version} is not allowed in PDF/A-1/2/3")


def _output_intent_problems(pdf: pikepdf.Pdf) -> Iterator[PdfaProblem]:
    intents = pdf.Root.get("/OutputIntents")
    pdfa = [intent for intent in intents or [] if intent.get("/S") == "/GTS_PDFA1"]
    if not pdfa:
        yield PdfaProblem("output_intent", "no PDF/A output intent")
    elif "/DestOutputProfile" not in pdfa[0]:
        yield PdfaProblem("output_intent", "the output intent has no ICC profile")


def _fonts(resources: pikepdf.Object, seen: set[tuple[int, int]]) -> Iterator[pikepdf.Object]:
    for font in (resources.get("/Font") or {}).values():
        yield font
        yield from font.get("/DescendantFonts") or []
    for xobject in (resources.get("/XObject") or {}).values():
        key = xobject.objgen
        if xobject.get("/Subtype") == "/Form" and "/Resources" in xobject and key not in seen:
            seen.add(key)
            yield from _fonts(xobject.Resources, seen)


def _font_problems(pdf: pikepdf.Pdf) -> Iterator[PdfaProblem]:
    seen: set[tuple[int, int]] = set()
    reported: set[str] = set()
    for page in pdf.pages:
        for font in _fonts(page.obj.get("/Resources") or pikepdf.Dictionary(), seen):
            descriptor = font.get("/FontDescriptor")
            if font.get("/Subtype") in ("/Type0", "/Type3"):  # descendants / glyph procedures
                continue
            embedded = descriptor is not None and any(
                key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
            name = str(font.get("/BaseFont", "?"))
            if not embedded and name not in reported:
                reported.add(name)
                yield PdfaProblem("font_not_embedded", f"font {name} is not embedded")


def _encryption_problems(pdf: pikepdf.Pdf) -> Iterator[PdfaProblem]:
    if pdf.is_encrypted:
        yield PdfaProblem("encrypted", "the document is encrypted")


def _javascript_problems(pdf: pikepdf.Pdf) -> Iterator[PdfaProblem]:
    names = pdf.Root.get("/Names")
    if names is not None and "/JavaScript" in names:
        yield PdfaProblem("javascript", "the document has JavaScript")
        return
    for obj in pdf.objects:
        if isinstance(obj, pikepdf.Dictionary) and (
                obj.get("/S") == "/JavaScript" or "/JS" in obj):
            yield PdfaProblem("javascript", "the document has JavaScript actions")
            return


def _attachment_problems(pdf: pikepdf.Pdf) -> Iterator[PdfaProblem]:
    for name, spec in pdf.attachments.items():
        stream = spec.obj.get("/EF", pikepdf.Dictionary()).get("/F")
        if stream is None or "/Subtype" not in stream:
            yield PdfaProblem("attachment_mime_type", f"attachment {name} has no MIME type")
        if stream is None or "/ModDate" not in (stream.get("/Params") or {}):
            yield PdfaProblem("attachment_date", f"attachment {name} has no modification date")
        if "/AFRelationship" not in spec.obj:
            yield PdfaProblem("attachment_relationship",
                              f"attachment {name} has no AFRelationship")


def check_pdfa(data: bytes) -> PdfaReport:
    """Self-check ``data`` (UnreadablePdf when pikepdf cannot open it at all)."""
    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            claimed = _claim(pdf)
            problems = [] if claimed else [PdfaProblem("pdfa_identification",
                                                       "no pdfaid part/conformance in XMP")]
            for rule in (_version_problems, _encryption_problems, _output_intent_problems,
                         _font_problems, _javascript_problems, _attachment_problems):
                try:
                    problems.extend(rule(pdf))
                except (AttributeError, TypeError, ValueError, KeyError) as exc:
                    problems.append(PdfaProblem(
                        "broken_structure", f"{rule.__name__.strip('_')}: {type(exc).__name__}"))
            return PdfaReport(claimed, problems)
    except pikepdf.PasswordError:
        return PdfaReport(None, [PdfaProblem("encrypted", "the document is encrypted")])
    except pikepdf.PdfError as exc:
        raise UnreadablePdf(f"the PDF cannot be read: {type(exc).__name__}") from exc
