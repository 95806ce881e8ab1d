"""HTTP shapes of the fees API (marshmallow, at the edge only)."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

CODE = validate.Length(min=1, max=100)


class FeeQuoteIn(Schema):
    procedure = fields.String(required=True, validate=CODE,
                              metadata={"description": "Procedure code (`minor-works`)."})
    case = fields.String(required=True, validate=CODE,
                         metadata={"description": "Case code of the procedure (`interior`)."})
    answers = fields.Dict(required=True, metadata={
        "description": "The form answers (as the pinned form stores them)."})


class FeeRuleRefOut(Schema):
    key = fields.String(required=True)
    version = fields.Integer(required=True)
    legal_reference = fields.String(required=True, metadata={
        "description": "The fee ordinance and article, in the request's language."})


class FeeQuoteOut(Schema):
    amount = fields.Decimal(required=True, as_string=True, places=2,
                            metadata={"type": "string", "format": "decimal",
                                      "example": "240.00"})
    currency = fields.String(required=True)
    rule = fields.Nested(FeeRuleRefOut, required=True)
    valid_on = fields.Date(required=True, metadata={
        "description": "The local day whose rule was applied."})
    explanation = fields.List(fields.String(), required=True)


class FeeLegalReferenceSchema(Schema):
    ordinance = fields.Dict(keys=fields.String(), values=fields.String(), required=True)
    article = fields.String(required=True)
    url = fields.String(load_default=None, allow_none=True)


class FeeRuleCreateIn(Schema):
    key = fields.String(required=True, validate=CODE)
    procedure = fields.String(required=True, validate=CODE)
    case = fields.String(required=True, validate=CODE)
    title = fields.Dict(keys=fields.String(), values=fields.String(), required=True)
    legal_reference = fields.Dict(required=True)
    definition = fields.Raw(required=True)
    examples = fields.List(fields.Raw(), load_default=list)


class FeeDraftIn(Schema):
    definition = fields.Raw(required=True)
    examples = fields.List(fields.Raw(), load_default=list)


class FeePublishIn(Schema):
    valid_from = fields.Date(required=True)
    valid_until = fields.Date(load_default=None, allow_none=True)


class FeeTryIn(Schema):
    answers = fields.Dict(required=True)


class FeeVersionOut(Schema):
    number = fields.Integer(required=True)
    state = fields.String(required=True)
    valid_from = fields.Date(allow_none=True)
    valid_until = fields.Date(allow_none=True)
    content_sha256 = fields.String(allow_none=True)
    definition = fields.Raw()
    examples = fields.List(fields.Raw())


class FeeRuleOut(Schema):
    key = fields.String(required=True)
    procedure = fields.String(required=True, attribute="procedure_code")
    case = fields.String(required=True, attribute="case_code")
    title = fields.Dict(required=True)
    legal_reference = fields.Dict(required=True)
    versions = fields.List(fields.Nested(FeeVersionOut), required=True)


class FeeRuleListOut(Schema):
    items = fields.List(fields.Nested(FeeRuleOut), required=True)
    total = fields.Integer(required=True)


class FeeExampleResultOut(Schema):
    name = fields.String(required=True)
    expected = fields.String(required=True)
    actual = fields.String(required=True)
    passed = fields.Boolean(required=True)
    explanation = fields.List(fields.String(), required=True)


class FeeExampleRunOut(Schema):
    passed = fields.Boolean(required=True)
    results = fields.List(fields.Nested(FeeExampleResultOut), required=True)


class FeeTryOut(Schema):
    amount = fields.Decimal(required=True, as_string=True, places=2,
                            metadata={"type": "string", "format": "decimal",
                                      "example": "240.00"})
    currency = fields.String(required=True)
    explanation = fields.List(fields.String(), required=True)
