"""Words for the bodies' values on pages (book and administration), in the reader's
language."""

from __future__ import annotations

from eoffice.bodies.domain import BodyKind, MemberRole, ResolutionState
from eoffice.shared.i18n import _l

KIND_NAMES = {
    BodyKind.SINGLE: _l("Single-person"),
    BodyKind.COLLEGIATE: _l("Collegiate"),
}
ROLE_NAMES = {
    MemberRole.HOLDER: _l("Holder"),
    MemberRole.CHAIR: _l("Chair"),
    MemberRole.SECRETARY: _l("Secretary"),
    MemberRole.MEMBER: _l("Member"),
}
RESOLUTION_STATE_NAMES = {
    ResolutionState.PENDING: _l("Waiting for signature"),
    ResolutionState.SIGNED: _l("Signed and numbered"),
    ResolutionState.REJECTED: _l("Rejected"),
}
WORDS = {"kinds": KIND_NAMES, "roles": ROLE_NAMES, "states": RESOLUTION_STATE_NAMES}
