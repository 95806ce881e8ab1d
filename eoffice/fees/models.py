"""Tables of the fees context."""

from __future__ import annotations
