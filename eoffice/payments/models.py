"""Tables of the payments context."""

from __future__ import annotations
