"""Operators that carry out their work in another context (documents, files, deadlines,
the citizen's requirements, notifications, the exit register, the edict board). Each
module here exposes ``OPERATORS``: a tuple of
:class:`eoffice.processing.operators.Operator`. An operator listed here replaces the
intent-recording stand-in of the same name in the catalogue."""

from __future__ import annotations

import importlib
from collections.abc import Iterator

from eoffice.processing.operators import Operator

MODULES = ("documents", "file_work", "citizens", "milestones", "notices", "bodies")
"""Modules of this package that provide operators (a missing one provides none)."""


def provided() -> Iterator[Operator]:
    """Every operator the modules of this package provide."""
    for name in MODULES:
        try:
            module = importlib.import_module(f"{__name__}.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"{__name__}.{name}":
                raise
            continue
        yield from getattr(module, "OPERATORS", ())
