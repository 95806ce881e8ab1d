"""Tables of the representation context: powers of representation and their events."""

from __future__ import annotations
