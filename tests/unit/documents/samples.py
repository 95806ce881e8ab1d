"""Small PDFs generated on the fly for the tests: plain, encrypted, with JavaScript, with
an empty signature field, a PDF 2.0 file, one with an unembedded font."""

from __future__ import annotations

import io

import pikepdf
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields


def _saved(pdf: pikepdf.Pdf, **options: object) -> bytes:
    output = io.BytesIO()
    pdf.save(output, **options)  # type: ignore[arg-type]
    return output.getvalue()


def plain_pdf(*, text: bytes = b"Hello") -> bytes:
    """One page with Helvetica, not embedded (a standard font)."""
    with pikepdf.new() as pdf:
        pdf.add_blank_page(page_size=(595, 842))
        page = pdf.pages[0]
        font = pdf.make_indirect(pikepdf.Dictionary(
            Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1,
            BaseFont=pikepdf.Name.Helvetica))
        page.obj.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font))
        page.obj.Contents = pdf.make_stream(b"BT /F1 12 Tf 72 700 Td (" + text + b") Tj ET")
        return _saved(pdf)


def encrypted_pdf() -> bytes:
    with pikepdf.open(io.BytesIO(plain_pdf())) as pdf:
        return _saved(pdf, encryption=pikepdf.Encryption(owner="owner", user="user"))


def pdf_with_javascript() -> bytes:
    with pikepdf.open(io.BytesIO(plain_pdf())) as pdf:
        pdf.Root.OpenAction = pdf.make_indirect(pikepdf.Dictionary(
            S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert('hi')")))
        return _saved(pdf)


def pdf_with_empty_signature_field() -> bytes:
    writer = IncrementalPdfFileWriter(io.BytesIO(plain_pdf()), strict=False)
    fields.append_signature_field(writer, fields.SigFieldSpec("Approval", box=(72, 72, 272, 122)))
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def as_pdf_20(data: bytes) -> bytes:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        return _saved(pdf, force_version="2.0")


def without_output_intent(data: bytes) -> bytes:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        del pdf.Root["/OutputIntents"]
        return _saved(pdf)


def with_unembedded_font_page(data: bytes) -> bytes:
    with pikepdf.open(io.BytesIO(data)) as pdf, pikepdf.open(io.BytesIO(plain_pdf())) as extra:
        pdf.pages.append(extra.pages[0])
        return _saved(pdf)


def with_broken_font_resources() -> bytes:
    """A page whose /Font resource is a number instead of a dictionary."""
    with pikepdf.open(io.BytesIO(plain_pdf())) as pdf:
        pdf.pages[0].obj.Resources = pikepdf.Dictionary(Font=5)
        return _saved(pdf)


def expired_pkcs12(passphrase: bytes) -> bytes:
    """A self-signed RSA certificate that expired yesterday, with its key, as PKCS#12."""
    from datetime import UTC, datetime, timedelta  # noqa: PLC0415

    from cryptography import x509  # noqa: PLC0415
    from cryptography.hazmat.primitives import hashes  # noqa: PLC0415
    from cryptography.hazmat.primitives.asymmetric import rsa  # noqa: PLC0415
    from cryptography.hazmat.primitives.serialization import (  # noqa: PLC0415
        BestAvailableEncryption,
        pkcs12,
    )
    from cryptography.x509.oid import NameOID  # noqa: PLC0415

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Expired seal (test)")])
    now = datetime.now(UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(1)
            .not_valid_before(now - timedelta(days=400)).not_valid_after(now - timedelta(days=1))
            .sign(key, hashes.SHA256()))
    return pkcs12.serialize_key_and_certificates(
        b"expired", key, cert, None, BestAvailableEncryption(passphrase))
