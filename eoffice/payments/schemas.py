"""Marshmallow schemas of the payments API (the HTTP edge only)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from marshmallow import Schema, fields, validate


class MoneyField(fields.Decimal):
    """An amount as a string with two decimals; JSON numbers are refused (ADR 0005)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(as_string=True, places=2, **kwargs)

    def _deserialize(self, value: Any, attr: Any, data: Any, **kwargs: Any) -> Decimal:
        if not isinstance(value, str):
            raise self.make_error("invalid")
        return super()._deserialize(value, attr, data, **kwargs)


class StateChangeOut(Schema):
    state = fields.String()
    occurred_at = fields.DateTime()
    provider = fields.String()
    transaction = fields.String(allow_none=True)


class SubjectOut(Schema):
    kind = fields.String()
    id = fields.String()


class PaymentOut(Schema):
    reference = fields.String()
    printed_reference = fields.String()
    subject = fields.Nested(SubjectOut)
    unit = fields.String(attribute="unit_code")
    amount = MoneyField()
    currency = fields.String()
    concept = fields.Dict(keys=fields.String(), values=fields.String())
    due_on = fields.Date()
    status = fields.String(attribute="state")
    created_at = fields.DateTime()
    paid_at = fields.DateTime(allow_none=True)
    failed_at = fields.DateTime(allow_none=True)
    expired_at = fields.DateTime(allow_none=True)
    refunded_at = fields.DateTime(allow_none=True)
    paid_channel = fields.String(allow_none=True)
    transaction = fields.String(allow_none=True)
    history = fields.List(fields.Nested(StateChangeOut))


class BankReceiptIn(Schema):
    nrc = fields.String(required=True, validate=validate.Length(min=1, max=60))
    amount = MoneyField(required=True)
    currency = fields.String(load_default="EUR", validate=validate.OneOf(["EUR"]))


class ReportLineOut(Schema):
    number = fields.Integer()
    reference = fields.String()
    nrc = fields.String()
    amount = fields.String()
    currency = fields.String()
    outcome = fields.String()
    detail = fields.Dict()


class StatementReportOut(Schema):
    id = fields.Integer()
    file_name = fields.String()
    imported_at = fields.DateTime()
    imported_by = fields.String()
    imported_before = fields.DateTime(allow_none=True)
    totals = fields.Dict(keys=fields.String(), values=fields.Integer())
    lines = fields.List(fields.Nested(ReportLineOut))


class StatementFileIn(Schema):
    file = fields.Raw(required=True, metadata={"type": "string", "format": "binary"})


class CardNotificationIn(Schema):
    Ds_SignatureVersion = fields.String(required=True, validate=validate.Length(max=40))
    Ds_MerchantParameters = fields.String(required=True, validate=validate.Length(max=9000))
    Ds_Signature = fields.String(required=True, validate=validate.Length(max=200))


class CardNotificationOut(Schema):
    reference = fields.String()
    status = fields.String(attribute="state")
    replayed = fields.Boolean()
