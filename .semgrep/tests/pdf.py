"""Examples for pdf.yml (semgrep --test)."""
# ruff: noqa
import io
from contextlib import ExitStack

import pikepdf


def page_count(data: bytes) -> int:
    # ruleid: eoffice-pikepdf-outside-with
    return len(pikepdf.open(io.BytesIO(data)).pages)


def attachments(data: bytes) -> list[str]:
    # ruleid: eoffice-pikepdf-outside-with
    pdf = pikepdf.Pdf.open(io.BytesIO(data))
    return list(pdf.attachments)


def page_count_closed(data: bytes) -> int:
    # ok: eoffice-pikepdf-outside-with
    with pikepdf.open(io.BytesIO(data)) as pdf:
        return len(pdf.pages)


def both_counts(first: bytes, second: bytes) -> int:
    with ExitStack() as stack:
        # ok: eoffice-pikepdf-outside-with
        one = stack.enter_context(pikepdf.open(io.BytesIO(first)))
        # ok: eoffice-pikepdf-outside-with
        two = stack.enter_context(pikepdf.open(io.BytesIO(second)))
        return len(one.pages) + len(two.pages)
