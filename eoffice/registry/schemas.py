"""HTTP shapes of the registry API."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from eoffice.registry.domain import EntryState
from eoffice.shared.paging import PageArgs, PeriodArgs, envelope


class EntryListArgs(PageArgs, PeriodArgs):
    """A page of the entries of a period."""


class BookArgs(PeriodArgs):
    """A register's book: CSV (default) or a sealed PDF/A (``format=pdf``)."""

    register = fields.String(required=True, validate=validate.Length(min=1, max=50))
    format = fields.String(load_default="csv", validate=validate.OneOf(["csv", "pdf"]))


class EntryPartyOut(Schema):
    name = fields.String(required=True)
    id_type = fields.String(required=True)
    id_number = fields.String(required=True)
    role = fields.String(required=True)


class DeliveredDocumentOut(Schema):
    title = fields.String(required=True)
    sha256 = fields.String(required=True)
    size = fields.Integer(required=True)
    media_type = fields.String(required=True)


class EntryMoveOut(Schema):
    at = fields.DateTime(required=True)
    actor = fields.String(required=True)
    from_state = fields.String(allow_none=True, required=True)
    to_state = fields.String(required=True)
    unit = fields.String(allow_none=True, required=True)
    reason = fields.String(allow_none=True, required=True)


class EntryOut(Schema):
    """A registry entry as registered, with its current state."""

    id = fields.String(required=True)
    number = fields.String(required=True)
    register = fields.String(required=True)
    registered_at = fields.DateTime(required=True)
    channel = fields.String(required=True)
    subject = fields.String(required=True)
    procedure = fields.String(attribute="procedure_code", allow_none=True, required=True)
    case = fields.String(attribute="case_code", allow_none=True, required=True)
    destination_unit = fields.String(required=True)
    parties = fields.List(fields.Nested(EntryPartyOut), required=True)
    documents = fields.List(fields.Nested(DeliveredDocumentOut), required=True)
    submission_id = fields.String(allow_none=True, required=True)
    origin = fields.Dict(keys=fields.String(), values=fields.Raw(),
                         metadata={"description": "where the entry came from; for entries "
                                   "of other administrations: kind, administration_code, "
                                   "administration_name, entry_number, registered_at"})
    state = fields.String(required=True)
    moves = fields.List(fields.Nested(EntryMoveOut))


class MoveIn(Schema):
    """Distribute to a unit, accept, return (with reason) or cancel (with reason)."""

    to = fields.Enum(EntryState, by_value=True, required=True)
    unit = fields.String(load_default=None, validate=validate.Length(max=50))
    reason = fields.String(load_default=None, validate=validate.Length(max=500))


class RegistryStatisticsOut(Schema):
    total = fields.Integer(required=True)
    by_register = fields.Dict(keys=fields.String(), values=fields.Integer(), required=True)
    by_channel = fields.Dict(keys=fields.String(), values=fields.Integer(), required=True)
    by_procedure = fields.Dict(keys=fields.String(), values=fields.Integer(), required=True)
    by_day = fields.Dict(keys=fields.String(), values=fields.Integer(), required=True)


EntryPage = envelope(EntryOut)
