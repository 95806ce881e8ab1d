"""Marshmallow schemas of the notifications API (the HTTP edge only)."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from eoffice.shared.paging import PageArgs, envelope


class NotificationListArgs(PageArgs):
    """A page of my notifications and communications (and those of parties I represent),
    newest first; ``kind`` keeps one of the two."""

    kind = fields.String(load_default=None,
                         validate=validate.OneOf(["notification", "communication"]))


class DocumentLinkOut(Schema):
    id = fields.String()
    content_url = fields.String()


class EventOut(Schema):
    at = fields.DateTime()
    kind = fields.String()
    actor = fields.String()
    acting_for = fields.String(allow_none=True)


class NotificationOut(Schema):
    id = fields.String()
    kind = fields.String(metadata={"description": "notification or communication"})
    status = fields.String(metadata={
        "description": "available, accessed, rejected, expired, postal_pending, "
        "delivered, failed; read (communications)"})
    channel = fields.String()
    file_number = fields.String(allow_none=True)
    subject = fields.String()
    sending_unit = fields.String()
    addressee_name = fields.String()
    addressee_id_number = fields.String()
    for_party = fields.Boolean(metadata={
        "description": "addressed to a party I represent, not to me"})
    exit_number = fields.String(allow_none=True)
    available_at = fields.DateTime(allow_none=True)
    expires_at = fields.DateTime(allow_none=True)
    days_left = fields.Integer(allow_none=True)
    accessed_at = fields.DateTime(allow_none=True)
    accessed_by = fields.String(allow_none=True)
    rejected_at = fields.DateTime(allow_none=True)
    expired_at = fields.DateTime(allow_none=True)
    document = fields.Nested(DocumentLinkOut, allow_none=True, metadata={
        "description": "the notified document: only once accessed (or read)"})
    evidence = fields.Nested(DocumentLinkOut, allow_none=True)


class NotificationDetailOut(NotificationOut):
    events = fields.List(fields.Nested(EventOut))


NotificationPage = envelope(NotificationOut)
