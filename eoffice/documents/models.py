"""Tables of the documents context."""

from __future__ import annotations
