"""Tables of the submissions context."""

from __future__ import annotations
