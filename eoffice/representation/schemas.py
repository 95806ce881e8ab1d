"""HTTP shapes of the register of powers' API."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from eoffice.representation.domain import PowerChannel, PowerScope

ID = validate.Length(min=1, max=30)


class PowerIn(Schema):
    """A power to grant: by default the caller's own, online. ``grantor_id_number`` names a
    company the caller legally represents; registry clerks record powers given in person
    (``channel: in_person``) for any grantor."""

    representative_id_number = fields.String(required=True, validate=ID)
    representative_name = fields.String(required=True, validate=validate.Length(min=1, max=300))
    representative_id_type = fields.String(
        load_default=None, validate=validate.OneOf(["nif", "nie", "cif", "passport"]))
    scope = fields.String(load_default=PowerScope.ALL.value,
                          validate=validate.OneOf([s.value for s in PowerScope]))
    procedures = fields.List(fields.String(validate=validate.Length(min=1, max=100)),
                             load_default=list, validate=validate.Length(max=100))
    file_number = fields.String(load_default=None, validate=validate.Length(max=60))
    valid_from = fields.AwareDateTime(load_default=None)
    valid_until = fields.AwareDateTime(load_default=None)
    grantor_id_number = fields.String(load_default=None, validate=ID)
    grantor_id_type = fields.String(
        load_default=None, validate=validate.OneOf(["nif", "nie", "cif", "passport"]))
    grantor_name = fields.String(load_default=None, validate=validate.Length(max=300))
    through_id_number = fields.String(load_default=None, validate=ID)
    channel = fields.String(load_default=PowerChannel.ONLINE.value,
                            validate=validate.OneOf([c.value for c in PowerChannel]))


class RevocationIn(Schema):
    reason = fields.String(required=True, validate=validate.Length(max=500))


class CheckArgs(Schema):
    representative = fields.String(required=True, validate=ID)
    grantor = fields.String(required=True, validate=ID)
    procedure = fields.String(load_default=None, validate=validate.Length(max=100))
    file = fields.String(load_default=None, validate=validate.Length(max=60))


class PowerOut(Schema):
    id = fields.String(required=True)
    number = fields.String(required=True, metadata={"example": "PODER/2026/000001"})
    grantor_id_number = fields.String(required=True)
    grantor_name = fields.String(required=True)
    grantor_kind = fields.String(required=True, metadata={"enum": ["natural", "legal"]})
    representative_id_number = fields.String(required=True)
    representative_name = fields.String(required=True)
    scope = fields.String(required=True, metadata={"enum": [s.value for s in PowerScope]})
    procedures = fields.List(fields.String(), required=True)
    file_number = fields.String(required=True, allow_none=True)
    valid_from = fields.DateTime(required=True)
    valid_until = fields.DateTime(required=True, allow_none=True)
    revoked_at = fields.DateTime(required=True, allow_none=True)
    basis = fields.String(required=True,
                          metadata={"enum": ["granted", "legal_representative"]})
    channel = fields.String(required=True)
    state = fields.String(required=True, metadata={
        "enum": ["valid", "revoked", "expired", "not_yet_valid"]})
    evidence_document_id = fields.String(required=True, allow_none=True)
    revocation_document_id = fields.String(required=True, allow_none=True)


class MyPowersOut(Schema):
    granted = fields.List(fields.Nested(PowerOut), required=True, metadata={
        "description": "Granted by me or by the companies I legally represent."})
    held = fields.List(fields.Nested(PowerOut), required=True)
