"""Decompression bombs outside PDFs: office documents (ZIP packages: DOCX, XLSX, ODT,
ODS) whose parts inflate beyond a budget, and images whose header promises more pixels
than any scan has (a PNG of 50,000 x 50,000 is a few kilobytes on disk and gigabytes in a
viewer). Checked by inflating the package as a stream, and by reading the image header."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

from eoffice.documents.screening.errors import FileTooComplex

MIB = 1024 * 1024
MAX_INFLATED = 256 * MIB  # a 20 MB office document inflates to well under this
MAX_PARTS = 10_000
MAX_PIXELS = 150_000_000  # an A3 page scanned at 1,200 dpi is ~ 270 M; A4 at 600 ~ 35 M
ZIP_TYPES = frozenset({
    "application/zip",
    "application/vnd.oasis.opendocument.text",
    "application/vnd.oasis.opendocument.spreadsheet",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
})
SOF_MARKERS = frozenset({0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB,
                         0xCD, 0xCE, 0xCF})


def screen_package(data: bytes) -> None:
    """Inflate every part of a ZIP package within :data:`MAX_INFLATED` (FileTooComplex);
    a package that cannot be read is left to the type check and the scanner."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            parts = package.infolist()
            if len(parts) > MAX_PARTS:
                raise FileTooComplex()
            budget = MAX_INFLATED
            for part in parts:
                with package.open(part) as stream:
                    while chunk := stream.read(MIB):
                        budget -= len(chunk)
                        if budget < 0:
                            raise FileTooComplex()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError,
            NotImplementedError, RuntimeError, ValueError, OSError):
        return


def image_size(data: bytes) -> tuple[int, int] | None:
    """Width and height from a PNG or JPEG header (None for anything else)."""
    if data.startswith(b"\x89PNG\r\n\x1a\n") and data[12:16] == b"IHDR":
        width, height = struct.unpack(">II", data[16:24])
        return width, height
    if data.startswith(b"\xff\xd8"):
        at = 2
        while at + 9 <= len(data) and data[at] == 0xFF:
            marker, length = data[at + 1], struct.unpack(">H", data[at + 2:at + 4])[0]
            if marker in SOF_MARKERS:
                height, width = struct.unpack(">HH", data[at + 5:at + 9])
                return width, height
            at += 2 + length
    return None


def screen_image(data: bytes) -> None:
    size = image_size(data)
    if size is not None and size[0] * size[1] > MAX_PIXELS:
        raise FileTooComplex()
