"""Words for the registry's values on pages, in the reader's language."""

from __future__ import annotations

from eoffice.registry.domain import Channel, EntryState
from eoffice.shared.i18n import _l

STATE_NAMES = {
    EntryState.REGISTERED: _l("Registered"),
    EntryState.DISTRIBUTED: _l("Distributed to a unit"),
    EntryState.ACCEPTED: _l("Accepted by the unit"),
    EntryState.RETURNED: _l("Returned by the unit"),
    EntryState.CANCELLED: _l("Cancelled"),
}
ACTION_NAMES = {
    EntryState.DISTRIBUTED: _l("Distribute to a unit"),
    EntryState.ACCEPTED: _l("Accept"),
    EntryState.RETURNED: _l("Return to the registry office"),
    EntryState.CANCELLED: _l("Cancel the entry"),
}
CHANNEL_NAMES = {
    Channel.ONLINE: _l("Online"),
    Channel.IN_PERSON: _l("In person"),
    Channel.OTHER_ADMINISTRATION: _l("From another administration"),
}
