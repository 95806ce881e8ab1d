"""Tables of the files context for groupings (filled by the groupings work)."""

from __future__ import annotations
