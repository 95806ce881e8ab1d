"""HTTP shapes of the edict board's API (the services check texts and periods, so every
refusal of an edict carries the code ``notifications.edict_invalid``)."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, fields, validate

from eoffice.shared.paging import PageArgs, envelope


def texts(**options: Any) -> fields.Dict:
    """A text in each language: ``{"en": ..., "es": ..., "ca": ...}``."""
    return fields.Dict(keys=fields.String(), values=fields.String(allow_none=True),
                       **options)


class EdictIn(Schema):
    """A new edict or announcement: texts in en, es and ca, the unit, the period."""

    kind = fields.String(load_default="edict", metadata={"enum": ["edict", "announcement"]})
    titles = texts(required=True)
    bodies = texts(required=True)
    personal_data = texts(load_default=None, allow_none=True)
    unit_code = fields.String(required=True, validate=validate.Length(max=50))
    publish_from = fields.AwareDateTime(load_default=None, allow_none=True)
    publish_until = fields.AwareDateTime(required=True)
    file_number = fields.String(load_default=None, allow_none=True,
                                validate=validate.Length(max=60))
    document_id = fields.String(load_default=None, allow_none=True,
                                validate=validate.Length(max=36))


class CorrectionIn(Schema):
    """The corrected texts; the period defaults to starting now, as long as the
    original's."""

    titles = texts(required=True)
    bodies = texts(required=True)
    personal_data = texts(load_default=None, allow_none=True)
    publish_from = fields.AwareDateTime(load_default=None, allow_none=True)
    publish_until = fields.AwareDateTime(load_default=None, allow_none=True)


class WithdrawalIn(Schema):
    reason = fields.String(required=True)


class EdictListArgs(PageArgs):
    unit = fields.String(load_default=None, validate=validate.Length(max=50))


class EdictOut(Schema):
    """An edict; ``personal_data`` is null once its period ended or it was withdrawn;
    ``title`` and ``body`` are in the language asked for."""

    number = fields.String(required=True)
    kind = fields.String(required=True)
    state = fields.String(required=True, metadata={
        "enum": ["scheduled", "on_display", "ended", "withdrawn"]})
    title = fields.String(required=True)
    body = fields.String(required=True)
    titles = fields.Dict(keys=fields.String(), values=fields.String(), required=True)
    bodies = fields.Dict(keys=fields.String(), values=fields.String(), required=True)
    personal_data = fields.Dict(keys=fields.String(), values=fields.String(),
                                allow_none=True)
    unit_code = fields.String(required=True)
    file_number = fields.String(allow_none=True)
    publish_from = fields.DateTime(required=True)
    publish_until = fields.DateTime(required=True)
    corrects = fields.String(allow_none=True)
    corrected_by = fields.String(allow_none=True)
    withdrawn_at = fields.DateTime(allow_none=True)
    withdrawal_reason = fields.String(allow_none=True)
    text_sha256 = fields.String(required=True)
    certificate = fields.Dict(allow_none=True, metadata={
        "description": "document_id, verification_code and url of the certificate of "
                       "publication, once issued"})


EdictPage = envelope(EdictOut)
