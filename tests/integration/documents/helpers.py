"""Ways to tamper with a signed PDF, as an attacker would, for the validation tests."""

from __future__ import annotations

import io

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.content import RawContent
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.layout import BoxConstraints


def flip_byte_in_signed_range(pdf: bytes) -> bytes:
    """One byte changed in the middle of the first page's content (inside /ByteRange)."""
    position = pdf.index(b"stream", len(pdf) // 10) + 20
    return pdf[:position] + bytes([pdf[position] ^ 0x01]) + pdf[position + 1:]


def append_page(pdf: bytes) -> bytes:
    """An incremental update that adds a blank page after the signature."""
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    content = RawContent(b"BT /F1 12 Tf 72 700 Td (Added later) Tj ET",
                         box=BoxConstraints(width=595, height=842))
    writer.insert_page(generic.DictionaryObject({
        generic.NameObject("/Type"): generic.NameObject("/Page"),
        generic.NameObject("/MediaBox"): generic.ArrayObject(
            [generic.NumberObject(n) for n in (0, 0, 595, 842)]),
        generic.NameObject("/Contents"): writer.add_object(
            generic.StreamObject(stream_data=content.render())),
    }))
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def replace_first_page_text(pdf: bytes) -> bytes:
    """An incremental update that swaps the first page's content for other text."""
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    page_ref = writer.root["/Pages"]["/Kids"][0]
    page = page_ref.get_object()
    page[generic.NameObject("/Contents")] = writer.add_object(
        generic.StreamObject(stream_data=b"BT /F1 12 Tf 72 700 Td (Application refused) Tj ET"))
    writer.update_container(page)
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()
