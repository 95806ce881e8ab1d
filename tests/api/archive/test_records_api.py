"""The archive's records API: each caller sees only the archived files she may see (a
clerk of another unit gets 404, the archivist sees all), the package comes out as a
zipped bag that validates, and a zipped bag handed in is checked: a flipped byte or a
path that climbs out of the bag is refused with 422 ``archive.package_invalid`` naming
the file."""

from __future__ import annotations

import io
import zipfile

from flask.testing import FlaskClient

from eoffice.archive.runtime import ArchiveRuntime
from tests.api.archive.closed import closed_file, transfer
from tests.api.files.sent import Headers

RECORDS = "/api/v1/archive/records"
VALIDATE = "/api/v1/archive/packages/validate"


def _archived(client: FlaskClient, token_for: Headers) -> str:
    number = closed_file(client, token_for)
    transfer(client, token_for("clerk"), number)
    return number


def _package(client: FlaskClient, headers: dict[str, str], number: str) -> bytes:
    response = client.get(f"{RECORDS}/{number}/package", headers=headers)
    assert response.status_code == 200
    assert response.mimetype == "application/zip"
    data = response.get_data()
    response.close()
    return data


def _upload(client: FlaskClient, headers: dict[str, str], data: bytes) -> object:
    return client.post(VALIDATE, headers=headers, content_type="multipart/form-data",
                       data={"file": (io.BytesIO(data), "bag.zip")})


def test_a_clerk_of_another_unit_does_not_see_the_record_the_archivist_does(
        client: FlaskClient, token_for: Headers, fresh_archive: ArchiveRuntime) -> None:
    number = _archived(client, token_for)
    path = f"{RECORDS}/{number}"

    assert client.get(path, headers=token_for("clerk3")).status_code == 404
    assert client.get(f"{path}/package", headers=token_for("clerk3")).status_code == 404
    listed = client.get(RECORDS, headers=token_for("clerk3")).get_json()
    assert number not in [item["file_number"] for item in listed["items"]]
    assert client.get(path, headers=token_for("ana")).status_code == 403

    seen = client.get(path, headers=token_for("archivist"))
    assert seen.status_code == 200
    body = seen.get_json()
    assert body["file_number"] == number and body["unit"] == "URB"
    assert body["receipt"]["verification_code"]
    assert {f["role"] for f in body["files"]} >= {"document", "index", "metadata", "mets"}
    own = client.get(RECORDS, headers=token_for("clerk")).get_json()
    assert own["items"][0]["file_number"] == number and own["total"] >= 1

    index = next(f for f in body["files"] if f["role"] == "index")
    pdf = client.get(f"{path}/files/{index['path']}", headers=token_for("clerk"))
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")
    assert client.get(f"{path}/files/data/../bagit.txt",
                      headers=token_for("clerk")).status_code == 404
    assert client.get(f"{path}/files/{index['path']}",
                      headers=token_for("clerk3")).status_code == 404


def test_the_package_zip_validates_and_a_flipped_byte_is_named(
        client: FlaskClient, token_for: Headers, fresh_archive: ArchiveRuntime) -> None:
    number = _archived(client, token_for)
    archivist = token_for("archivist")
    data = _package(client, archivist, number)

    valid = _upload(client, archivist, data)
    assert valid.status_code == 200, valid.get_json()
    assert valid.get_json()["valid"] is True and valid.get_json()["files"] >= 4

    source = zipfile.ZipFile(io.BytesIO(data))
    victim = next(n for n in source.namelist() if "/data/documents/" in n)
    flipped = io.BytesIO()
    with zipfile.ZipFile(flipped, "w") as out:
        for name in source.namelist():
            content = source.read(name)
            if name == victim:
                content = content[:100] + bytes([content[100] ^ 0x01]) + content[101:]
            out.writestr(name, content)
    refused = _upload(client, archivist, flipped.getvalue())
    assert refused.status_code == 422
    problem = refused.get_json()
    assert problem["code"] == "archive.package_invalid"
    assert [(p["path"], p["problem"]) for p in problem["problems"]] == [
        (victim.split("/", 1)[1], "mismatch")]


def test_a_zip_climbing_out_of_its_folder_is_refused(
        client: FlaskClient, token_for: Headers, fresh_archive: ArchiveRuntime) -> None:
    evil = io.BytesIO()
    with zipfile.ZipFile(evil, "w") as out:
        out.writestr("bag/bagit.txt", "BagIt-Version: 0.97\nTag-File-Character-Encoding: UTF-8\n")
        out.writestr("../../escaped.txt", "outside")
    refused = _upload(client, token_for("archivist"), evil.getvalue())
    assert refused.status_code == 422
    assert refused.get_json()["problems"] == [
        {"path": "../../escaped.txt", "problem": "unsafe_path", "expected": None,
         "found": None}]


def test_only_archivists_validate_packages_and_a_missing_file_is_explained(
        client: FlaskClient, token_for: Headers) -> None:
    assert _upload(client, token_for("clerk"), b"PK").status_code == 403
    missing = client.post(VALIDATE, headers=token_for("archivist"))
    assert missing.status_code == 422
    assert missing.get_json()["code"] == "archive.package_invalid"
    garbage = _upload(client, token_for("archivist"), b"not a zip at all")
    assert garbage.status_code == 422
    assert garbage.get_json()["problems"][0]["problem"] == "unreadable"
