"""HTTP shapes of the identity API (marshmallow, at the edge only)."""

from __future__ import annotations

from marshmallow import Schema, ValidationError, fields, validate

from eoffice.shared.paging import envelope


class MeOut(Schema):
    login = fields.String(required=True)
    name = fields.String(required=True)
    roles = fields.List(fields.String(), required=True)
    units = fields.List(fields.String(), required=True)


def _unicode_text(value: str) -> None:
    """A password is Unicode text: JSON can carry a lone surrogate, which no text holds."""
    if any("\ud800" <= character <= "\udfff" for character in value):
        raise ValidationError("Not valid Unicode text.")


class PasswordChangeIn(Schema):
    current_password = fields.String(
        required=True, validate=[validate.Length(max=1000), _unicode_text])
    new_password = fields.String(required=True, validate=_unicode_text, metadata={
        "description": "Checked against the password policy (ADR 0053); never cut."})


class TokenIn(Schema):
    name = fields.String(required=True, validate=validate.Length(min=1, max=100))


class TokenOut(Schema):
    id = fields.String(attribute="public_id", required=True)
    name = fields.String(required=True)
    created_at = fields.DateTime(required=True)
    expires_at = fields.DateTime(required=True)
    revoked_at = fields.DateTime(allow_none=True)


class IssuedTokenOut(TokenOut):
    token = fields.String(required=True, metadata={"description": "Shown once; keep it safe."})


class WebSessionOut(Schema):
    """A live web session of mine; ``id`` is the row's, never its token (ADR 0054)."""

    id = fields.Integer(required=True)
    started_at = fields.DateTime(required=True)
    last_active_about = fields.DateTime(allow_none=True, metadata={
        "description": "When it was last extended (to the minute); null when its absolute "
                       "limit caps it and the last activity is not known."})
    active_until = fields.DateTime(required=True, metadata={
        "description": "It ends then unless used again (never after its absolute limit)."})
    address = fields.String(required=True, metadata={
        "description": "The client IP address at sign-in."})
    user_agent = fields.String(allow_none=True, metadata={
        "description": "The browser's User-Agent at sign-in (200 characters at most)."})
    browser = fields.String(allow_none=True, metadata={
        "description": "A short name of the browser and system, e.g. 'Firefox 128 · Linux'."})
    current = fields.Boolean(required=True, metadata={
        "description": "The session this request is signed in with."})


class UnitOut(Schema):
    code = fields.String(required=True)
    name = fields.String(required=True)
    parent_code = fields.String(allow_none=True)


class StaffMemberOut(Schema):
    login = fields.String(required=True)
    name = fields.String(attribute="display_name", required=True)
    role = fields.String(attribute="role_key", required=True)
    role_name = fields.String(required=True)


TokenPage = envelope(TokenOut)
WebSessionPage = envelope(WebSessionOut)
UnitPage = envelope(UnitOut)
StaffPage = envelope(StaffMemberOut)


class RoleGrantIn(Schema):
    role = fields.String(required=True, validate=validate.Length(min=1, max=50))
    unit = fields.String(load_default=None, allow_none=True,
                         metadata={"description": "Unit code; null grants it everywhere."})


class RoleGrantOut(Schema):
    role = fields.String(required=True)
    unit = fields.String(allow_none=True)


class UnitArgs(Schema):
    unit = fields.String(load_default=None, metadata={"description": "Unit code of the role."})


RoleGrantPage = envelope(RoleGrantOut)
