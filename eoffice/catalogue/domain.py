"""What a procedure definition is: its parts as immutable values, with no I/O.

A definition is the content of one version of a procedure; the permanent
procedure code and the publication dates live outside it.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

LANGUAGES = ("es", "ca", "en")
FALLBACK_LANGUAGE = "es"
CODE = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")  # procedure and case codes (kebab-case)
KEY = re.compile(r"^[a-z][a-z0-9_]*$")  # taxonomy keys, document codes, form keys
TERM_CODE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")

Texts = Mapping[str, str]


class ProcedureKind(enum.StrEnum):
    CITIZEN_INITIATED = "citizen_initiated"
    EX_OFFICIO = "ex_officio"


class Channel(enum.StrEnum):
    ONLINE = "online"
    IN_PERSON = "in_person"


class TermUnit(enum.StrEnum):
    BUSINESS_DAYS = "business_days"
    CALENDAR_DAYS = "calendar_days"
    MONTHS = "months"


class SilenceEffect(enum.StrEnum):
    APPROVAL = "approval"
    REFUSAL = "refusal"


class VersionStatus(enum.StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"


@dataclass(frozen=True)
class FormRef:
    """The initiation form of a case, pinned to one version."""

    key: str
    version: int


@dataclass(frozen=True)
class RequiredDocument:
    code: str
    title: Texts
    mandatory: bool = True
    accepted_media_types: tuple[str, ...] = ()
    max_size_bytes: int | None = None


@dataclass(frozen=True)
class ProcedureCase:
    """One way of doing the procedure (e.g. minor works on a facade)."""

    code: str
    title: Texts
    form: FormRef | None = None
    required_documents: tuple[RequiredDocument, ...] = ()
    has_fee: bool = False
    requires_procedure: str | None = None
    process: str | None = None  # the key of the BPMN process that handles its files


@dataclass(frozen=True)
class ResolutionTerm:
    value: int
    unit: TermUnit


@dataclass(frozen=True)
class LegalReference:
    title: str
    url: str


@dataclass(frozen=True)
class TermRef:
    """A taxonomy term a procedure is classified by."""

    taxonomy: str
    code: str

    def __str__(self) -> str:
        return f"{self.taxonomy}:{self.code}"


@dataclass(frozen=True)
class ProcedureDefinition:
    """The content of one version of a procedure, in the three languages."""

    title: Texts = field(default_factory=dict)
    summary: Texts = field(default_factory=dict)
    description: Texts = field(default_factory=dict)
    who_may_apply: Texts = field(default_factory=dict)
    unit: str | None = None
    sia_code: str | None = None
    kind: ProcedureKind = ProcedureKind.CITIZEN_INITIATED
    channels: tuple[Channel, ...] = ()
    resolution_term: ResolutionTerm | None = None
    silence_effect: SilenceEffect | None = None
    legal_references: tuple[LegalReference, ...] = ()
    terms: tuple[TermRef, ...] = ()
    cases: tuple[ProcedureCase, ...] = ()

    def case(self, code: str) -> ProcedureCase | None:
        return next((case for case in self.cases if case.code == code), None)


def localise(texts: Texts, locale: str) -> str:
    """The text in ``locale``, else Spanish, else any language given, else ''."""
    return texts.get(locale) or texts.get(FALLBACK_LANGUAGE) or next(
        (text for text in texts.values() if text), ""
    )


def parse_term_filter(value: str) -> TermRef | str:
    """``themes:culture`` names a term of one taxonomy; ``culture`` a term of any."""
    taxonomy, separator, code = value.partition(":")
    return TermRef(taxonomy, code) if separator else value
