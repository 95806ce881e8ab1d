"""The JSON formats of the catalogue: a procedure definition and a taxonomy file.

The same schemas read the admin API's bodies, the demo data and imported
files, and write what is stored; loading gives the values of ``domain``.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from marshmallow import (
    Schema,
    ValidationError,
    fields,
    post_dump,
    post_load,
    validate,
    validates_schema,
)

from eoffice.catalogue import domain as d
from eoffice.catalogue.errors import InvalidDefinition
from eoffice.shared.errors import FieldError
from eoffice.shared.i18n import _
from eoffice.shared.validation import describe

TAXONOMY_FORMAT = "eoffice.taxonomies/1"
MEDIA_TYPE = r"^[a-z]+/[a-z0-9.+-]+$"


def texts(max_length: int, **kwargs: Any) -> fields.Dict:
    """A text in es, ca and en: ``{"es": "...", "ca": "...", "en": "..."}``."""
    if not kwargs.get("required"):
        kwargs.setdefault("load_default", dict)
    return fields.Dict(
        keys=fields.String(validate=validate.OneOf(d.LANGUAGES)),
        values=fields.String(validate=validate.Length(max=max_length)), **kwargs,
    )


def _complete(value: dict[str, str]) -> None:
    missing = [language for language in d.LANGUAGES if not (value.get(language) or "").strip()]
    if missing:
        raise ValidationError(_("Give this text in every language.") + f" ({', '.join(missing)})")


class PinnedFormSchema(Schema):
    key = fields.String(required=True, validate=validate.Regexp(d.KEY))
    version = fields.Integer(required=True, strict=True,
                             validate=validate.Range(min=1, max=2**31 - 1))

    @post_load
    def _make(self, data: dict[str, Any], **kwargs: Any) -> d.FormRef:
        return d.FormRef(**data)


class RequiredDocumentSchema(Schema):
    code = fields.String(required=True, validate=validate.Regexp(d.KEY))
    title = texts(300, required=True)
    mandatory = fields.Boolean(load_default=True)
    accepted_media_types = fields.List(
        fields.String(validate=validate.Regexp(MEDIA_TYPE)), load_default=list
    )
    max_size_bytes = fields.Integer(load_default=None, allow_none=True, strict=True,
                                    validate=validate.Range(min=1, max=2**40))

    @post_load
    def _make(self, data: dict[str, Any], **kwargs: Any) -> d.RequiredDocument:
        data["accepted_media_types"] = tuple(data["accepted_media_types"])
        return d.RequiredDocument(**data)


PROCESS_KEY = r"^[A-Za-z_][A-Za-z0-9_.-]{0,119}$"


class ProcedureCaseSchema(Schema):
    code = fields.String(required=True, validate=validate.Regexp(d.CODE))
    title = texts(300, required=True)
    form = fields.Nested(PinnedFormSchema, load_default=None, allow_none=True)
    required_documents = fields.List(fields.Nested(RequiredDocumentSchema), load_default=list)
    has_fee = fields.Boolean(load_default=False)
    requires_procedure = fields.String(
        load_default=None, allow_none=True, validate=validate.Regexp(d.CODE),
        metadata={"description": "Code of a procedure that must have been started first."},
    )
    process = fields.String(
        load_default=None, allow_none=True, validate=validate.Regexp(PROCESS_KEY),
        metadata={"description": "Key of the BPMN process (processing context) that handles "
                  "the files of this case; none: files are processed by hand."},
    )

    @post_dump
    def _omit_no_process(self, data: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
        """Cases without a process dump as before the field existed (same content hash)."""
        if data.get("process") is None:
            data.pop("process", None)
        return data

    @post_load
    def _make(self, data: dict[str, Any], **kwargs: Any) -> d.ProcedureCase:
        data["required_documents"] = tuple(data["required_documents"])
        return d.ProcedureCase(**data)


class ResolutionTermSchema(Schema):
    value = fields.Integer(required=True, strict=True, validate=validate.Range(min=1, max=3650))
    unit = fields.Enum(d.TermUnit, by_value=True, required=True)

    @post_load
    def _make(self, data: dict[str, Any], **kwargs: Any) -> d.ResolutionTerm:
        return d.ResolutionTerm(**data)


class LegalReferenceSchema(Schema):
    title = fields.String(required=True, validate=validate.Length(min=1, max=500))
    url = fields.Url(required=True, schemes={"http", "https"})

    @post_load
    def _make(self, data: dict[str, Any], **kwargs: Any) -> d.LegalReference:
        return d.LegalReference(**data)


class TermRefSchema(Schema):
    taxonomy = fields.String(required=True, validate=validate.Regexp(d.KEY))
    code = fields.String(required=True, validate=validate.Regexp(d.TERM_CODE))

    @post_load
    def _make(self, data: dict[str, Any], **kwargs: Any) -> d.TermRef:
        return d.TermRef(**data)


class ProcedureDefinitionSchema(Schema):
    """A procedure definition; drafts may be incomplete, publication checks the rest."""

    title = texts(300)
    summary = texts(1000)
    description = texts(20000)
    who_may_apply = texts(5000)
    unit = fields.String(load_default=None, allow_none=True, validate=validate.Length(1, 50),
                         metadata={"description": "Code of the competent administrative unit."})
    sia_code = fields.String(load_default=None, allow_none=True,
                             validate=validate.Regexp(r"^[0-9A-Za-z-]{1,30}$"),
                             metadata={"description": "Code in the national catalogue (SIA)."})
    kind = fields.Enum(d.ProcedureKind, by_value=True,
                       load_default=d.ProcedureKind.CITIZEN_INITIATED)
    channels = fields.List(fields.Enum(d.Channel, by_value=True), load_default=list)
    resolution_term = fields.Nested(ResolutionTermSchema, load_default=None, allow_none=True)
    silence_effect = fields.Enum(d.SilenceEffect, by_value=True, load_default=None,
                                 allow_none=True)
    legal_references = fields.List(fields.Nested(LegalReferenceSchema), load_default=list)
    terms = fields.List(fields.Nested(TermRefSchema), load_default=list)
    cases = fields.List(fields.Nested(ProcedureCaseSchema), load_default=list)

    @post_load
    def _make(self, data: dict[str, Any], **kwargs: Any) -> d.ProcedureDefinition:
        for name in ("legal_references", "terms", "cases"):
            data[name] = tuple(data[name])
        data["channels"] = tuple(dict.fromkeys(data["channels"]))  # once each, in order
        return d.ProcedureDefinition(**data)


class TaxonomyTermFileSchema(Schema):
    code = fields.String(required=True, validate=validate.Regexp(d.TERM_CODE))
    names = texts(200, required=True, validate=_complete)


class TaxonomyFileSchema(Schema):
    key = fields.String(required=True, validate=validate.Regexp(d.KEY))
    names = texts(200, required=True, validate=_complete)
    terms = fields.List(fields.Nested(TaxonomyTermFileSchema), load_default=list)

    @validates_schema
    def _unique_terms(self, data: dict[str, Any], **kwargs: Any) -> None:
        codes = [term["code"] for term in data.get("terms", [])]
        repeated = {
            index: {"code": [_("This code is repeated.")]}
            for index, code in enumerate(codes) if code in codes[:index]
        }
        if repeated:
            raise ValidationError({"terms": repeated})


class TaxonomiesFileSchema(Schema):
    """Taxonomies as exchanged with other city systems (import and export)."""

    format = fields.String(load_default=TAXONOMY_FORMAT, dump_default=TAXONOMY_FORMAT,
                           validate=validate.Equal(TAXONOMY_FORMAT))
    taxonomies = fields.List(fields.Nested(TaxonomyFileSchema), required=True)


def field_errors(messages: Any, prefix: str = "") -> list[FieldError]:
    """marshmallow's nested messages as ``[FieldError]`` with dotted paths."""
    if isinstance(messages, dict):
        return [
            error
            for key, value in messages.items()
            for error in field_errors(value, f"{prefix}.{key}" if prefix else str(key))
        ]
    if not isinstance(messages, list):
        return [FieldError(prefix, str(messages), "invalid")]
    own = {_("Give this text in every language."): "missing_translation",
           _("This code is repeated."): "duplicate"}
    found: list[FieldError] = []
    for item in messages:
        if not isinstance(item, str):
            found.extend(field_errors(item, prefix))
            continue
        # Our own messages are translated already; marshmallow's get a stable code.
        code = next((code for text, code in own.items() if item.startswith(text)), None)
        message = item
        if code is None:
            code, message = describe(item)
        found.append(FieldError(prefix, message, code))
    return found


def load_definition(data: Any) -> d.ProcedureDefinition:
    """A definition from its JSON form; raises ``InvalidDefinition`` naming the fields."""
    try:
        definition: d.ProcedureDefinition = ProcedureDefinitionSchema().load(data)
    except ValidationError as exc:
        raise InvalidDefinition(errors=field_errors(exc.messages)) from exc
    return definition


def dump_definition(definition: d.ProcedureDefinition) -> dict[str, Any]:
    """The JSON form of ``definition`` (what is stored and exported)."""
    dumped: dict[str, Any] = ProcedureDefinitionSchema().dump(definition)
    return dumped


def content_sha256(document: dict[str, Any]) -> str:
    """The SHA-256 of a JSON document in canonical form (sorted keys, no spaces)."""
    canonical = json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def load_taxonomies(data: Any) -> list[dict[str, Any]]:
    """Taxonomies from a taxonomy file; raises ``InvalidDefinition`` naming the fields."""
    try:
        loaded: dict[str, Any] = TaxonomiesFileSchema().load(data)
    except ValidationError as exc:
        raise InvalidDefinition(errors=field_errors(exc.messages)) from exc
    taxonomies: list[dict[str, Any]] = loaded["taxonomies"]
    return taxonomies
