"""The advanced signature: the applicant downloads the application PDF (the form
read-only), signs it with her own certificate and uploads it; it is accepted only when it
is that PDF, validly signed, by her. Anything else is refused with a clear code and
leaves the application as it was."""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from flask import Flask
from flask.testing import FlaskClient
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers, timestamps
from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice.documents.pki.devpki import PKCS12_PASSPHRASE
from eoffice.documents.runtime import EXTENSION as DOCUMENTS_RUNTIME
from eoffice.registry.models import RegistryEntry
from tests.api.submissions.test_submit_api import ANSWERS, entries, validated
from tests.pdfs import pdf_text, tiny_pdf

Headers = Callable[[str], dict[str, str]]


def _pki_folder(app: Flask) -> Path:
    runtime = app.extensions[DOCUMENTS_RUNTIME]
    return Path(runtime.seal.pkcs12_path).parent


def _sign(pdf: bytes, signer: signers.Signer, tsa_url: str | None = None) -> bytes:
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    out = signers.sign_pdf(writer, signers.PdfSignatureMetadata(
        field_name="Applicant", md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES),
        signer=signer, timestamper=timestamps.HTTPTimeStamper(tsa_url) if tsa_url else None)
    return out.getvalue()


def _changed_after_signing(signed: bytes) -> bytes:
    """``signed`` with an incremental update that changes the document's language."""
    writer = IncrementalPdfFileWriter(io.BytesIO(signed))
    writer.root["/Lang"] = generic.TextStringObject("xx")
    writer.update_root()
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _holder(app: Flask, login: str) -> signers.Signer:
    path = _pki_folder(app) / f"{login}.p12"
    return signers.SimpleSigner.load_pkcs12(str(path), passphrase=PKCS12_PASSPHRASE)


def _self_made(tmp_path: Path) -> signers.Signer:
    """A certificate saying it is Ana's, made by nobody the city trusts."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Ana García Puig"),
                      x509.NameAttribute(NameOID.SERIAL_NUMBER, "IDCES-12345678Z")])
    now = datetime.now(UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - timedelta(days=1)).not_valid_after(now + timedelta(days=30))
            .sign(key, hashes.SHA256()))
    (tmp_path / "key.pem").write_bytes(key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption()))
    (tmp_path / "cert.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    signer = signers.SimpleSigner.load(str(tmp_path / "key.pem"), str(tmp_path / "cert.pem"))
    assert signer is not None
    return signer


def _download(client: FlaskClient, path: str, headers: dict[str, str]) -> bytes:
    answer = client.get(f"{path}/application", headers=headers)
    assert answer.status_code == 200 and answer.mimetype == "application/pdf"
    assert answer.headers["X-Content-SHA256"] == hashlib.sha256(answer.data).hexdigest()
    return answer.data


def _upload(client: FlaskClient, path: str, headers: dict[str, str], data: bytes) -> object:
    return client.post(f"{path}/signed-application", headers=headers,
                       data={"file": (io.BytesIO(data), "signed.pdf")})


def test_the_application_pdf_shows_the_answers_and_is_what_the_simple_signature_binds(
    client: FlaskClient, token_for: Headers,
) -> None:
    ana = token_for("ana")
    path = validated(client, ana)
    assert client.get(path, headers=ana).get_json()["sha256_to_sign"] is None  # not yet
    pdf = _download(client, path, ana)
    text = pdf_text(pdf)
    assert ANSWERS["subject"] in text and "Ana García Puig" in text
    shown = client.get(path, headers=ana).get_json()
    assert shown["application"]["sha256"] == hashlib.sha256(pdf).hexdigest()
    assert _download(client, path, ana) == pdf  # kept, not rendered again
    sent = client.post(f"{path}/submit", headers=ana,
                       json={"confirm_sha256": shown["sha256_to_sign"]})
    assert sent.status_code == 200, sent.get_json()
    signature = client.get(path, headers=ana).get_json()["signatures"][0]
    assert signature["kind"] == "simple"
    assert signature["content_sha256"] == shown["sha256_to_sign"]


def test_a_pdf_signed_by_the_applicant_is_accepted_and_registered(
    app: Flask, client: FlaskClient, db: Session, token_for: Headers,
) -> None:
    ana = token_for("ana")
    path = validated(client, ana)
    runtime = app.extensions[DOCUMENTS_RUNTIME]
    signed = _sign(_download(client, path, ana), _holder(app, "ana"), runtime.tsa_url)
    accepted = _upload(client, path, ana, signed)
    assert accepted.status_code == 200, accepted.get_json()
    assert accepted.get_json()["kind"] == "advanced"
    assert client.get(path, headers=ana).get_json()["status"] == "signed"
    sent = client.post(f"{path}/submit", headers=ana, json={})
    assert sent.status_code == 200 and sent.get_json()["status"] == "registered"
    entry = db.scalar(select(RegistryEntry).where(
        RegistryEntry.submission_id == sent.get_json()["id"]))
    assert entry is not None
    delivered = {d["title"]: d["sha256"] for d in entry.documents}
    assert delivered["application.pdf"] == hashlib.sha256(signed).hexdigest()
    assert _download(client, path, ana) == signed  # what the city keeps is what she signed


def test_refusals_leave_the_application_unsigned_and_consume_no_number(
    app: Flask, client: FlaskClient, db: Session, token_for: Headers, tmp_path: Path,
) -> None:
    ana, bernat = token_for("ana"), token_for("bernat")
    path = validated(client, ana)
    prepared = _download(client, path, ana)
    before = entries(db)
    refusals = {
        "submissions.not_signed": prepared,
        "submissions.signer_not_applicant": _sign(prepared, _holder(app, "bernat")),
        "submissions.not_the_application": _sign(tiny_pdf("other"), _holder(app, "ana")),
        "submissions.signature_not_valid": _sign(prepared, _self_made(tmp_path)),
    }
    for code, data in refusals.items():
        refused = _upload(client, path, ana, data)
        assert (refused.status_code, refused.get_json()["code"]) == (422, code)
    tampered = _changed_after_signing(_sign(prepared, _holder(app, "ana")))
    refused = _upload(client, path, ana, tampered)
    assert refused.get_json()["code"] == "submissions.signature_not_valid"
    assert _upload(client, path, ana, b"not a pdf").get_json()["code"] in {
        "submissions.not_the_application", "submissions.unreadable_file"}
    assert client.get(path, headers=ana).get_json()["status"] == "validated"
    assert entries(db) == before

    # another citizen cannot even see it
    assert client.get(f"{path}/application", headers=bernat).status_code == 404
    assert _upload(client, path, bernat, _sign(prepared, _holder(app, "bernat"))).status_code \
        == 404


def test_a_pdf_signed_before_the_answers_changed_is_refused(
    app: Flask, client: FlaskClient, token_for: Headers,
) -> None:
    ana = token_for("ana")
    path = validated(client, ana)
    signed = _sign(_download(client, path, ana), _holder(app, "ana"))
    changed = {**ANSWERS, "subject": "Another subject"}
    assert client.patch(path, json={"answers": changed}, headers=ana).status_code == 200
    refused = _upload(client, path, ana, signed)
    assert refused.get_json()["code"] == "submissions.not_the_application"
