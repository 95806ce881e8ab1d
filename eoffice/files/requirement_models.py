"""Tables of the files context for requirements (filled by the requirements work)."""

from __future__ import annotations
