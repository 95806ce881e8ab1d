"""Tables of the notifications context: electronic notifications and communications with
the events of their legal life cycle."""

from __future__ import annotations
