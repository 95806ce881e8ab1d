"""HTTP shapes of the territory API and open data (marshmallow, at the edge only)."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from eoffice.shared.paging import PageArgs, envelope
from eoffice.territory.services import MAX_SUGGESTIONS

NAMES = fields.Dict(keys=fields.String(), values=fields.String(), required=True, metadata={
    "description": "The name in each official language (`es`, `ca`)."})


class AddressSearchArgs(Schema):
    q = fields.String(load_default="", validate=validate.Length(max=200), metadata={
        "description": "Words of the street's name (accents and case ignored) and "
                       "optionally the number: `colon 12`."})
    limit = fields.Integer(load_default=10, validate=validate.Range(min=1,
                                                                   max=MAX_SUGGESTIONS))


class AddressOut(Schema):
    code = fields.String(required=True, metadata={
        "description": "The address code forms store (`01530-0012`, `01530-0012-B`)."})
    label = fields.String(required=True, metadata={
        "description": "The address in the request's language: `CL de Colón, 12`."})
    street_code = fields.String(required=True)
    street_name = fields.String(required=True, metadata={
        "description": "The street's name in the request's language, without its type."})
    number = fields.Integer(required=True)
    letter = fields.String(required=True)
    postcode = fields.String(required=True)
    district = fields.String(required=True)
    street_category = fields.String(required=True, allow_none=True, metadata={
        "description": "The fiscal category of the number's street section (fee rules "
                       "read it); null when no section covers the number."})


class AddressListOut(Schema):
    items = fields.List(fields.Nested(AddressOut), required=True)


class StreetSearchArgs(PageArgs):
    q = fields.String(load_default="", validate=validate.Length(max=200), metadata={
        "description": "A street code's start or words of the name."})


class StreetOut(Schema):
    code = fields.String(required=True)
    kind = fields.String(required=True, metadata={
        "description": "The street type as the INE abbreviates it: CL, AV, PZ, PS..."})
    name = fields.String(required=True, metadata={
        "description": "The name in the request's language."})
    names = NAMES


StreetPage = envelope(StreetOut)


class OpenSectionOut(Schema):
    code = fields.String(required=True)
    parity = fields.String(required=True, metadata={"description": "odd, even or both"})
    number_from = fields.Integer(required=True)
    number_to = fields.Integer(required=True)
    category = fields.String(required=True)
    postcode = fields.String(required=True)
    district = fields.String(required=True)


class OpenStreetOut(Schema):
    code = fields.String(required=True)
    kind = fields.String(required=True)
    name = NAMES
    sections = fields.List(fields.Nested(OpenSectionOut), required=True)


class OpenAddressOut(Schema):
    code = fields.String(required=True)
    street_code = fields.String(required=True)
    street_kind = fields.String(required=True)
    street_name = NAMES
    number = fields.Integer(required=True)
    letter = fields.String(required=True)
    postcode = fields.String(required=True)
    district = fields.String(required=True)
    category = fields.String(required=True, allow_none=True)


class OpenStreetsOut(Schema):
    generated_at = fields.DateTime(required=True)
    licence = fields.String(required=True)
    publisher = fields.String(required=True)
    streets = fields.List(fields.Nested(OpenStreetOut), required=True)


class OpenAddressesOut(Schema):
    generated_at = fields.DateTime(required=True)
    licence = fields.String(required=True)
    publisher = fields.String(required=True)
    addresses = fields.List(fields.Nested(OpenAddressOut), required=True)
