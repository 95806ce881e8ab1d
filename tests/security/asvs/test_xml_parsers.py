"""XML parsers without external entities (ASVS V1.5.1): a process model uploaded with a
``<!DOCTYPE>`` is refused and none of its entities is resolved or fetched; a model
already stored is parsed again for the engine without resolving them; reading a METS
document of the archive fetches no DTD. Each case names a file only the test can read
and a loopback server that notes whether anything was fetched."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from flask.testing import FlaskClient
from SpiffWorkflow.spiff.parser.process import SpiffBpmnParser
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from eoffice import processing
from eoffice.archive.services.packages_mets import checksums_in
from eoffice.processing.models import ProcessModelVersion
from eoffice.processing.services.specs import _add as add_to_engine
from tests.security.asvs.listeners import Listener, noting_server

Headers = Callable[[str], dict[str, str]]
SECRET = "TOP-SECRET-0xC0FFEE"
MODEL = (processing.PRODUCT_MODELS / "procedures" / "general_application.bpmn").read_bytes()
PROCESS_TAG = b'<bpmn:process id="general_application" name="General application" ' \
              b'isExecutable="true">'


@pytest.fixture
def listener() -> Iterator[Listener]:
    with noting_server() as server:
        yield server


@pytest.fixture
def secret_file(tmp_path: Path) -> Path:
    path = tmp_path / "secret.txt"
    path.write_text(SECRET)
    return path


def _declarations(kind: str, secret: Path, url: str) -> bytes:
    return {
        "file entity": f'<!DOCTYPE d [<!ENTITY xxe SYSTEM "file://{secret}">]>',
        "network entity": f'<!DOCTYPE d [<!ENTITY xxe SYSTEM "{url}/entity">]>',
        "external DTD": f'<!DOCTYPE d SYSTEM "{url}/evil.dtd">',
        "parameter entity": f'<!DOCTYPE d [<!ENTITY % p SYSTEM "{url}/p.dtd"> %p;]>',
    }[kind].encode()


def _hostile_model(kind: str, secret: Path, url: str) -> bytes:
    body = MODEL.split(b"?>", 1)[1]
    use = b"&xxe;" if "entity" in kind and kind != "parameter entity" else b"x"
    body = body.replace(PROCESS_TAG, PROCESS_TAG + b"<bpmn:documentation>" + use
                        + b"</bpmn:documentation>", 1)
    assert PROCESS_TAG in body
    return b'<?xml version="1.0" encoding="UTF-8"?>' + _declarations(kind, secret, url) + body


def _deployed(db: Session) -> int:
    return int(db.scalar(select(func.count()).select_from(ProcessModelVersion)) or 0)


KINDS = ["file entity", "network entity", "external DTD", "parameter entity"]


@pytest.mark.parametrize("kind", KINDS)
def test_an_uploaded_model_with_a_doctype_is_refused_and_nothing_is_read_or_fetched(
        client: FlaskClient, db: Session, token_for: Headers, listener: Listener,
        secret_file: Path, kind: str) -> None:
    before = _deployed(db)
    upload = {"file": (io.BytesIO(_hostile_model(kind, secret_file, listener.url)),
                       "model.bpmn")}
    answer = client.post("/api/v1/process-models", headers=token_for("admin"),
                         content_type="multipart/form-data", data=upload)
    assert answer.status_code == 422, answer.get_data(as_text=True)[:500]
    problem = answer.get_json()
    assert problem["code"] == "processing.invalid_model"
    assert {error["code"] for error in problem["errors"]} <= {
        "processing.doctype_refused", "processing.malformed_xml"}
    assert SECRET not in answer.get_data(as_text=True)
    assert listener.asked == []
    assert _deployed(db) == before


@pytest.mark.parametrize("kind", KINDS)
def test_a_stored_model_is_parsed_for_the_engine_without_resolving_entities(
        listener: Listener, secret_file: Path, kind: str) -> None:
    # A row written behind the checks' back (the checks refuse a DOCTYPE on upload).
    row = ProcessModelVersion(key="general_application", version=99, dmn=[],
                              bpmn=_hostile_model(kind, secret_file, listener.url).decode())
    parser = SpiffBpmnParser()
    add_to_engine(parser, row)
    process = parser.process_parsers["general_application"].node  # the tree the engine reads
    assert SECRET not in "".join(process.itertext())
    assert parser.get_spec("general_application") is not None
    assert listener.asked == []


@pytest.mark.parametrize("declaration", [
    '<!DOCTYPE m SYSTEM "file://{dtd}">',
    '<!DOCTYPE m [<!ENTITY % p SYSTEM "file://{dtd}"> %p;]>',
    '<!DOCTYPE m SYSTEM "{url}/evil.dtd">',
], ids=["file DTD", "file parameter entity", "network DTD"])
def test_reading_a_mets_document_loads_no_dtd_and_fetches_nothing(
        listener: Listener, tmp_path: Path, declaration: str) -> None:
    dtd = tmp_path / "evil.dtd"
    dtd.write_text(f'<!ENTITY leak "{SECRET}">')
    mets = ('<?xml version="1.0" encoding="UTF-8"?>'
            + declaration.format(dtd=dtd, url=listener.url)
            + '<mets:mets xmlns:mets="http://www.loc.gov/METS/" '
              'xmlns:xlink="http://www.w3.org/1999/xlink"><mets:fileSec><mets:fileGrp>'
              '<mets:file ID="F1" CHECKSUM="ab12&leak;" CHECKSUMTYPE="SHA-256">'
              '<mets:FLocat LOCTYPE="URL" xlink:href="data/a.pdf"/></mets:file>'
              "</mets:fileGrp></mets:fileSec></mets:mets>").encode()
    try:
        found = checksums_in(mets)
    except SyntaxError:  # lxml's XMLSyntaxError: refusing the document is fine too
        found = {}
    assert SECRET not in str(found)
    assert listener.asked == []
