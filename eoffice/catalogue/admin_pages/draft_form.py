"""The procedure editor's HTML form: a definition as the strings people type and
back, and the rows its buttons add or remove. No Flask, no session.

Field names follow the definition's paths (``cases-0-required_documents-1-code``
for ``cases.0.required_documents.1.code``), so an error the services name by
path lands on its input.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from werkzeug.datastructures import MultiDict

from eoffice.catalogue.domain import LANGUAGES, ProcedureDefinition
from eoffice.catalogue.routes import MEDIA_TYPE_LABELS

TEXT_FIELDS = ("title", "summary", "description", "who_may_apply")
MAX_ROWS = 100
MEGABYTE = 1_000_000
Fields = MultiDict[str, str]


@dataclass
class DocumentRow:
    code: str = ""
    title: dict[str, str] = field(default_factory=dict)
    mandatory: bool = True
    formats: str = ""
    max_size_mb: str = ""

    def is_blank(self) -> bool:
        return not (self.code or any(self.title.values()) or self.formats or self.max_size_mb)


@dataclass
class CaseRow:
    code: str = ""
    title: dict[str, str] = field(default_factory=dict)
    form_key: str = ""
    form_version: str = ""
    has_fee: bool = False
    requires_procedure: str = ""
    documents: list[DocumentRow] = field(default_factory=list)

    @property
    def form_pin(self) -> str:
        """The value of the form select: ``key:version``, or '' for none."""
        return f"{self.form_key}:{self.form_version}" if self.form_key else ""

    def is_blank(self) -> bool:
        return not (self.code or any(self.title.values()) or self.form_key
                    or self.requires_procedure or self.documents)


@dataclass
class ReferenceRow:
    title: str = ""
    url: str = ""

    def is_blank(self) -> bool:
        return not (self.title or self.url)


@dataclass
class DraftForm:
    """Everything the editor shows, as strings, in the order of the page."""

    texts: dict[str, dict[str, str]] = field(default_factory=dict)
    unit: str = ""
    sia_code: str = ""
    kind: str = "citizen_initiated"
    channels: list[str] = field(default_factory=list)
    term_value: str = ""
    term_unit: str = ""
    silence_effect: str = ""
    references: list[ReferenceRow] = field(default_factory=list)
    terms: list[str] = field(default_factory=list)
    cases: list[CaseRow] = field(default_factory=list)

    def without_blank_rows(self) -> DraftForm:
        """Rows added but left empty are dropped when saving."""
        for case in self.cases:
            case.documents = [doc for doc in case.documents if not doc.is_blank()]
        self.cases = [case for case in self.cases if not case.is_blank()]
        self.references = [ref for ref in self.references if not ref.is_blank()]
        return self


def size_in_mb(size: int | None) -> str:
    return "" if size is None else f"{Decimal(size) / MEGABYTE:f}"


def formats_text(media_types: tuple[str, ...]) -> str:
    return ", ".join(MEDIA_TYPE_LABELS.get(kind, kind) for kind in media_types)


def from_definition(definition: ProcedureDefinition) -> DraftForm:
    """The editor's fields for a stored definition."""
    term = definition.resolution_term
    return DraftForm(
        texts={name: dict(getattr(definition, name)) for name in TEXT_FIELDS},
        unit=definition.unit or "", sia_code=definition.sia_code or "",
        kind=definition.kind.value, channels=[c.value for c in definition.channels],
        term_value=str(term.value) if term else "", term_unit=term.unit.value if term else "",
        silence_effect=definition.silence_effect.value if definition.silence_effect else "",
        references=[ReferenceRow(r.title, r.url) for r in definition.legal_references],
        terms=[str(ref) for ref in definition.terms],
        cases=[
            CaseRow(
                code=case.code, title=dict(case.title),
                form_key=case.form.key if case.form else "",
                form_version=str(case.form.version) if case.form else "",
                has_fee=case.has_fee, requires_procedure=case.requires_procedure or "",
                documents=[
                    DocumentRow(doc.code, dict(doc.title), doc.mandatory,
                                formats_text(doc.accepted_media_types),
                                size_in_mb(doc.max_size_bytes))
                    for doc in case.required_documents
                ],
            )
            for case in definition.cases
        ],
    )


def _text(data: Fields, name: str) -> str:
    return data.get(name, "").replace("\r\n", "\n").strip()


def _texts(data: Fields, prefix: str) -> dict[str, str]:
    return {language: _text(data, f"{prefix}-{language}") for language in LANGUAGES}


def _indices(data: Fields, prefix: str) -> list[int]:
    pattern = re.compile(rf"^{re.escape(prefix)}-(\d{{1,3}})-")
    found = {int(match.group(1)) for key in data if (match := pattern.match(key))}
    return sorted(found)[:MAX_ROWS]


def _document(data: Fields, prefix: str) -> DocumentRow:
    return DocumentRow(
        code=_text(data, f"{prefix}-code"), title=_texts(data, f"{prefix}-title"),
        mandatory=f"{prefix}-mandatory" in data,
        formats=_text(data, f"{prefix}-accepted_media_types"),
        max_size_mb=_text(data, f"{prefix}-max_size_bytes"),
    )


def _case(data: Fields, prefix: str) -> CaseRow:
    key, version = _text(data, f"{prefix}-form"), _text(data, f"{prefix}-form-version")
    if f"{prefix}-form-version" not in data:  # the select: "key:version"
        key, _sep, version = key.partition(":")
    documents = f"{prefix}-required_documents"
    return CaseRow(
        code=_text(data, f"{prefix}-code"), title=_texts(data, f"{prefix}-title"),
        form_key=key, form_version=version, has_fee=f"{prefix}-has_fee" in data,
        requires_procedure=_text(data, f"{prefix}-requires_procedure"),
        documents=[_document(data, f"{documents}-{i}") for i in _indices(data, documents)],
    )


def from_fields(data: Fields) -> DraftForm:
    """The editor's fields as posted."""
    return DraftForm(
        texts={name: _texts(data, name) for name in TEXT_FIELDS},
        unit=_text(data, "unit"), sia_code=_text(data, "sia_code"),
        kind=_text(data, "kind"), channels=data.getlist("channels"),
        term_value=_text(data, "resolution_term-value"),
        term_unit=_text(data, "resolution_term-unit"),
        silence_effect=_text(data, "silence_effect"),
        references=[
            ReferenceRow(_text(data, f"legal_references-{i}-title"),
                         _text(data, f"legal_references-{i}-url"))
            for i in _indices(data, "legal_references")
        ],
        terms=data.getlist("terms"),
        cases=[_case(data, f"cases-{i}") for i in _indices(data, "cases")],
    )
