"""Tables of the citizen folder: consent records with their history."""

from __future__ import annotations
