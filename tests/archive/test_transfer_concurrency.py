"""Two transfers of the same file at once (the worker's ``files.file_closed`` consumer
redelivered after its lease while the first is still sealing, or a clerk clicking
transfer meanwhile): whichever records the file keeps its own valid bag, the other is
refused (409) and leaves no folder behind. A folder left by an attempt that never
recorded the file (rolled back, or the worker killed before its commit) goes away when
the file is transferred; the committed record's folder stays.

The interleaving that once lost the package is replayed step by step: A renames its bag
into place, B (which read the file before A committed) renames its own, A commits, B
finds the file transferred. The two run in threads that take turns (never at the same
time: the test's database connection is shared)."""

from __future__ import annotations

import threading
from pathlib import Path

import bagit
import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from eoffice.archive.errors import AlreadyTransferred
from eoffice.archive.models import Record
from eoffice.archive.runtime import ArchiveRuntime
from eoffice.archive.services import transfer as transfer_module
from eoffice.archive.services.packages_build import StagedBag, install_bag, sha256_of
from tests.api.archive.closed import closed_file, transfer
from tests.api.files.sent import Headers

WAIT = 60.0


def _packages(runtime: ArchiveRuntime) -> list[Path]:
    return [p for p in runtime.packages.glob("*/*") if p.is_dir() and p.parent.name != ".staging"]


def test_a_concurrent_transfer_never_removes_the_bag_of_the_one_that_records_the_file(
        app: Flask, client: FlaskClient, token_for: Headers, db: Session,
        fresh_archive: ArchiveRuntime, monkeypatch: pytest.MonkeyPatch) -> None:
    number = closed_file(client, token_for)
    a_installed, b_installed, a_done = threading.Event(), threading.Event(), threading.Event()
    outcome: dict[str, object] = {}

    def install(staged: StagedBag, final: Path) -> None:
        install_bag(staged, final)
        if threading.current_thread().name == "A":
            a_installed.set()
            assert b_installed.wait(WAIT)  # B renames its bag before A commits
        else:
            b_installed.set()
            assert a_done.wait(WAIT)  # and records only after A committed

    monkeypatch.setattr(transfer_module, "install_bag", install)

    def attempt(name: str) -> None:
        try:
            with app.app_context():
                outcome[name] = transfer_module.transfer_file(number, actor="system",
                                                              language="en")
        except BaseException as error:  # reported to the test's thread
            outcome[name] = error
        finally:
            (a_done if name == "A" else b_installed).set()

    first = threading.Thread(target=attempt, args=("A",), name="A")
    first.start()
    assert a_installed.wait(WAIT)
    second = threading.Thread(target=attempt, args=("B",), name="B")
    second.start()
    first.join(WAIT)
    second.join(WAIT)

    recorded = outcome["A"]
    assert isinstance(recorded, transfer_module.TransferView), recorded
    assert isinstance(outcome["B"], AlreadyTransferred), outcome["B"]
    db.expire_all()
    assert db.scalar(select(func.count()).select_from(Record)
                     .where(Record.file_number == number)) == 1
    record = db.scalar(select(Record).where(Record.file_number == number))
    assert record is not None and record.id == recorded.record_id
    folder = fresh_archive.root / record.package_path
    bag = bagit.Bag(str(folder))
    assert bag.validate(processes=1)
    assert bag.info["Internal-Sender-Identifier"] == record.id
    assert sha256_of(folder / "tagmanifest-sha256.txt") == record.package_sha256
    assert _packages(fresh_archive) == [folder]  # B left nothing behind


def test_a_leftover_folder_without_a_record_goes_when_the_file_is_transferred(
        client: FlaskClient, token_for: Headers, db: Session,
        fresh_archive: ArchiveRuntime) -> None:
    number = closed_file(client, token_for)
    unit, year, sequence = number.split("/")
    leftover = fresh_archive.packages / year / f"{unit}-{year}-{sequence}-0badc0de"
    (leftover / "data").mkdir(parents=True)
    (leftover / "bagit.txt").write_text("BagIt-Version: 1.0\n")
    neighbour = fresh_archive.packages / year / f"{unit}-{year}-{sequence}9-0badc0de"
    neighbour.mkdir()  # another file's folder is not this file's leftover

    sent = transfer(client, token_for("clerk"), number)
    record = db.scalar(select(Record).where(Record.file_number == number))
    assert record is not None and record.id == sent["record_id"]
    assert not leftover.exists() and neighbour.exists()
    assert sorted(_packages(fresh_archive)) == sorted(
        [fresh_archive.root / record.package_path, neighbour])
    assert bagit.Bag(str(fresh_archive.root / record.package_path)).validate(processes=1)
