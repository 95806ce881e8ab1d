"""Backup and restore as an operator runs them: `eoffice backup create` on a city with
real records, `eoffice backup restore` into a fresh database and empty folders, and what
she checks afterwards. On SQLite, or on PostgreSQL when EOFFICE_TEST_DATABASE_URL is set.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import create_engine, func, inspect, select, text
from sqlalchemy.engine import make_url

from eoffice import documents
from eoffice.audit.models import AuditEvent
from eoffice.cli import main
from eoffice.documents.blobs.filesystem import FileBlobStore
from eoffice.documents.models import Document, DocumentVersion
from eoffice.migrate import upgrade
from eoffice.registry.models import RegistryEntry
from eoffice.shared.db import Database
from tests.live_server import free_port

ACTIVITY = b"Instancia presentada en papel y escaneada: solicitud de vado.\n"
COUNTED = {"registry entries": RegistryEntry, "audit events": AuditEvent,
           "documents": Document, "document versions": DocumentVersion}


class Databases:
    """Fresh databases for the test: SQLite files, or databases on the suite's server."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.server = os.environ.get("EOFFICE_TEST_DATABASE_URL", "")
        self.created: list[str] = []

    def fresh(self, name: str) -> str:
        if not self.server:
            return f"sqlite:///{self.folder / name}.sqlite3"
        database = f"eoffice_backup_{name}_{uuid.uuid4().hex[:8]}"
        self._admin(f'CREATE DATABASE "{database}"')
        self.created.append(database)
        return make_url(self.server).set(database=database).render_as_string(
            hide_password=False)

    def _admin(self, statement: str) -> None:
        engine = create_engine(self.server, isolation_level="AUTOCOMMIT")
        with engine.connect() as connection:
            connection.execute(text(statement))
        engine.dispose()

    def drop_all(self) -> None:
        for database in self.created:
            self._admin(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


@dataclass(frozen=True)
class Source:
    """The city that was backed up, and its backup."""

    url: str
    instance: Path
    backup: Path
    document_id: str


def eoffice(*args: str, instance: Path, database_url: str,
            **settings: str) -> subprocess.CompletedProcess[str]:
    """The ``eoffice`` command with an operator's environment."""
    env = {**os.environ, "EOFFICE_INSTANCE_PATH": str(instance),
           "EOFFICE_DATABASE_URL": database_url, "EOFFICE_DEV_PKI_PORT": str(free_port()),
           **{f"EOFFICE_{key.upper()}": value for key, value in settings.items()}}
    return subprocess.run([sys.executable, "-m", "eoffice.cli", *args], env=env,
                          capture_output=True, text=True, check=False, timeout=180)


def restore(backup: Path, *, database_url: str, blob_dir: Path, archive_dir: Path) -> Result:
    """`eoffice backup restore` run in this process (it reads no settings)."""
    return CliRunner().invoke(main, ["backup", "restore", str(backup), "--database-url",
                                     database_url, "--blob-dir", str(blob_dir),
                                     "--archive-dir", str(archive_dir)])


def counts(url: str) -> dict[str, int]:
    engine = create_engine(url)
    with engine.connect() as connection:
        found = {label: connection.execute(select(func.count()).select_from(model)).scalar_one()
                 for label, model in COUNTED.items()}
    engine.dispose()
    return found


def table_names(url: str) -> list[str]:
    engine = create_engine(url)
    names = inspect(engine).get_table_names()
    engine.dispose()
    return names


def files_of(folder: Path) -> dict[str, str]:
    return {path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob("*")) if path.is_file()}


@pytest.fixture(scope="module")
def databases(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Databases]:
    found = Databases(tmp_path_factory.mktemp("databases"))
    yield found
    found.drop_all()


@pytest.fixture(scope="module")
def source(databases: Databases, tmp_path_factory: pytest.TempPathFactory) -> Source:
    """The demo city, one more document registered (with its audit event), backed up."""
    instance = tmp_path_factory.mktemp("city")
    url = databases.fresh("city")
    upgrade(url)
    done = eoffice("demo", "load", instance=instance, database_url=url)
    assert done.returncode == 0, done.stderr
    database = Database(url)
    with database.unit_of_work() as session:
        issued = documents.register_document(
            session, chunks=[ACTIVITY], media_type="text/plain", title="Solicitud de vado",
            language="es", unit_code="URB", actor="registrar",
            store=FileBlobStore(instance / "blobs"))
    database.dispose()
    backup = tmp_path_factory.mktemp("backups") / "nightly"
    done = eoffice("backup", "create", str(backup), instance=instance, database_url=url)
    assert done.returncode == 0, done.stderr
    assert "backup written to" in done.stdout
    return Source(url=url, instance=instance, backup=backup, document_id=issued.id)


def test_a_restored_backup_holds_the_same_records_documents_and_archive(
        source: Source, databases: Databases, tmp_path: Path) -> None:
    target, blobs, archive = databases.fresh("restored"), tmp_path / "blobs", tmp_path / "archive"

    done = eoffice("backup", "restore", str(source.backup), "--database-url", target,
                   "--blob-dir", str(blobs), "--archive-dir", str(archive),
                   instance=tmp_path / "cli", database_url=target)

    assert done.returncode == 0, done.stderr
    assert "audit log intact" in done.stdout
    before, after = counts(source.url), counts(target)
    assert after == before
    assert before["registry entries"] > 0 and before["documents"] > 10
    # Every document's content is there, readable and unchanged.
    original, restored = FileBlobStore(source.instance / "blobs"), FileBlobStore(blobs)
    engine = create_engine(target)
    with engine.connect() as connection:
        versions = connection.execute(select(DocumentVersion.document_id, DocumentVersion.sha256)
                                      .where(DocumentVersion.destroyed_at.is_(None))).all()
    engine.dispose()
    assert len(versions) == before["document versions"]
    for document_id, sha256 in versions:
        content = restored.read_bytes(sha256)
        assert hashlib.sha256(content).hexdigest() == sha256
        assert content == original.read_bytes(sha256)
        if document_id == source.document_id:
            assert content == ACTIVITY
    # The archival packages came back byte for byte.
    assert files_of(archive / "packages") == files_of(source.instance / "archive" / "packages")
    assert files_of(archive / "packages")
    # The operator's own check, run against the restored instance.
    verified = eoffice("audit", "verify", instance=tmp_path / "restored-instance",
                       database_url=target, blob_root=str(blobs), archive_root=str(archive))
    assert verified.returncode == 0, verified.stderr
    assert f"audit log intact: {before['audit events']} events checked" in verified.stdout


def test_a_tampered_backup_is_refused_and_restores_nothing(
        source: Source, databases: Databases, tmp_path: Path) -> None:
    tampered = tmp_path / "tampered"
    shutil.copytree(source.backup, tampered)
    blob = next(path for path in sorted((tampered / "blobs").rglob("*")) if path.is_file())
    content = bytearray(blob.read_bytes())
    content[len(content) // 2] ^= 0x01
    blob.chmod(0o644)
    blob.write_bytes(bytes(content))
    target, blobs, archive = databases.fresh("tampered"), tmp_path / "blobs", tmp_path / "archive"

    done = restore(tampered, database_url=target, blob_dir=blobs, archive_dir=archive)

    assert done.exit_code == 1
    reason = done.stderr.strip().splitlines()
    assert len(reason) == 1
    assert "ops.backup_refused" in reason[0] and "altered" in reason[0]
    assert blob.relative_to(tampered).as_posix() in reason[0]
    assert table_names(target) == []
    assert not blobs.exists() and not archive.exists()


def test_restoring_onto_a_database_in_use_is_refused(
        source: Source, tmp_path: Path) -> None:
    before = counts(source.url)

    done = restore(source.backup, database_url=source.url, blob_dir=tmp_path / "blobs",
                   archive_dir=tmp_path / "archive")

    assert done.exit_code == 1
    assert "the target database is not empty" in done.stderr
    assert counts(source.url) == before
    assert not (tmp_path / "blobs").exists()
