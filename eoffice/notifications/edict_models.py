"""Tables of the edict board: edicts and announcements with their display period."""

from __future__ import annotations
