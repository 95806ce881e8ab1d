"""HTTP shapes of entries delivered by other administrations (SIR): what the exchange
sends to ``POST /api/v1/registry/entries`` and what it gets back."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from eoffice.registry.domain import MAX_RECEIVED_DOCUMENTS, RECEIVED_MEDIA_TYPES

DIR3_CODE = r"^[A-Z0-9]{9}$"
LANGUAGES = ("es", "ca", "en")


class ForeignOriginIn(Schema):
    """Where the entry was first registered."""

    administration_code = fields.String(
        required=True, validate=validate.Regexp(DIR3_CODE),
        metadata={"description": "DIR3 code of the administration, e.g. L01080193"})
    administration_name = fields.String(required=True, validate=validate.Length(1, 300))
    entry_number = fields.String(required=True, validate=validate.Length(1, 60))
    registered_at = fields.AwareDateTime(required=True)


class ReceivedPartyIn(Schema):
    name = fields.String(required=True, validate=validate.Length(1, 300))
    id_type = fields.String(required=True,
                            validate=validate.OneOf(["nif", "nie", "cif", "passport"]))
    id_number = fields.String(required=True, validate=validate.Length(1, 20))
    role = fields.String(load_default="interested",
                         validate=validate.OneOf(["interested", "representative"]))


class ReceivedDocumentIn(Schema):
    name = fields.String(required=True, validate=validate.Length(1, 200))
    media_type = fields.String(required=True,
                               validate=validate.OneOf(sorted(RECEIVED_MEDIA_TYPES)))
    content_base64 = fields.String(required=True)
    sha256 = fields.String(required=True, validate=validate.Regexp(r"^[0-9a-fA-F]{64}$"))


class ReceivedEntryIn(Schema):
    """An entry of another administration, delivered to one of the city's registers."""

    register = fields.String(required=True, validate=validate.Length(1, 50),
                             metadata={"description": "code of the target entry register"})
    origin = fields.Nested(ForeignOriginIn, required=True)
    subject = fields.String(required=True, validate=validate.Length(1, 500))
    parties = fields.List(fields.Nested(ReceivedPartyIn), required=True,
                          validate=validate.Length(1, 50))
    destination_unit = fields.String(required=True, validate=validate.Length(1, 50))
    procedure = fields.String(load_default=None, allow_none=True,
                              validate=validate.Length(max=100))
    case = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=100))
    documents = fields.List(fields.Nested(ReceivedDocumentIn), load_default=list,
                            validate=validate.Length(max=MAX_RECEIVED_DOCUMENTS))
    language = fields.String(load_default="es", validate=validate.OneOf(LANGUAGES),
                             metadata={"description": "language of the receipt"})


class KeptDocumentOut(Schema):
    id = fields.String(required=True)
    name = fields.String(required=True)
    sha256 = fields.String(required=True)
    size = fields.Integer(required=True)
    verification_code = fields.String(required=True)


class ReceiptRefOut(Schema):
    document_id = fields.String(required=True)
    verification_code = fields.String(required=True)


class ReceivedEntryOut(Schema):
    """The entry as registered here; ``receipt`` is null while the worker seals it."""

    id = fields.String(required=True)
    number = fields.String(required=True)
    register = fields.String(required=True)
    registered_at = fields.String(required=True)
    channel = fields.String(required=True)
    origin = fields.Dict(keys=fields.String(), values=fields.String(), required=True)
    documents = fields.List(fields.Nested(KeptDocumentOut), required=True)
    receipt = fields.Nested(ReceiptRefOut, allow_none=True, required=True)
