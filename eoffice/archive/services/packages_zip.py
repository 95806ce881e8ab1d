"""Zipped bags: a whole package streamed out as a ZIP (download), and a ZIP someone hands
in unpacked safely for validation.

Unpacking trusts nothing in the archive: names that climb out of the folder (``../``,
absolute paths, drive letters) are refused, and so are more members or more bytes than
the limits, counted while writing (the sizes a ZIP declares can lie: a zip bomb)."""

from __future__ import annotations

import io
import shutil
import tempfile
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from typing import IO

from eoffice.archive.services.packages_build import PackageProblem

MAX_ZIP_BYTES = 512 * 1024 * 1024  # what may be uploaded
MAX_UNPACKED_BYTES = 1024 * 1024 * 1024  # what its members may add up to once unpacked
MAX_MEMBERS = 10_000
MAX_RATIO = 200  # uncompressed / compressed of one member
CHUNK = 1 << 16


class _Sink(io.RawIOBase):
    """A write-only, unseekable stream whose bytes are taken out as they come."""

    def __init__(self) -> None:
        self.parts: list[bytes] = []

    def writable(self) -> bool:
        return True

    def write(self, data: bytes) -> int:  # type: ignore[override]
        self.parts.append(bytes(data))
        return len(data)

    def take(self) -> bytes:
        out, self.parts = b"".join(self.parts), []
        return out


def zip_stream(folder: Path, *, prefix: str) -> Iterator[bytes]:
    """The bag in ``folder`` as a ZIP, streamed in chunks (members under ``prefix/``)."""
    sink = _Sink()
    with zipfile.ZipFile(sink, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as out:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            name = f"{prefix}/{path.relative_to(folder).as_posix()}"
            with path.open("rb") as source, out.open(name, "w") as member:
                for chunk in iter(lambda: source.read(CHUNK), b""):
                    member.write(chunk)
                    if sink.parts:
                        yield sink.take()
            yield sink.take()
    yield sink.take()


def _unsafe(name: str) -> bool:
    pure = PurePosixPath(name.replace("\\", "/"))
    return (pure.is_absolute() or ".." in pure.parts or ":" in name
            or name.startswith("/") or not pure.parts)


def _spool(stream: IO[bytes]) -> IO[bytes] | None:
    spooled = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)  # noqa: SIM115
    total = 0
    for chunk in iter(lambda: stream.read(CHUNK), b""):
        total += len(chunk)
        if total > MAX_ZIP_BYTES:
            spooled.close()
            return None
        spooled.write(chunk)
    spooled.seek(0)
    return spooled


def _extract(archive: zipfile.ZipFile, folder: Path) -> list[PackageProblem]:
    members = archive.infolist()
    if len(members) > MAX_MEMBERS:
        return [PackageProblem("", "too_large")]
    unsafe = [PackageProblem(m.filename, "unsafe_path") for m in members if _unsafe(m.filename)]
    if unsafe:
        return unsafe
    declared = sum(m.file_size for m in members)
    if declared > MAX_UNPACKED_BYTES or any(
            m.file_size > MAX_RATIO * max(m.compress_size, 1) and m.file_size > CHUNK
            for m in members):
        return [PackageProblem("", "too_large")]
    written = 0
    for member in members:
        target = folder.joinpath(*PurePosixPath(member.filename).parts)
        if member.is_dir():
            target.mkdir(parents=True, exist_ok=True)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        with archive.open(member) as source, target.open("wb") as out:
            for chunk in iter(lambda: source.read(CHUNK), b""):
                written += len(chunk)
                if written > MAX_UNPACKED_BYTES:
                    return [PackageProblem(member.filename, "too_large")]
                out.write(chunk)
    return []


def _bag_root(folder: Path) -> Path | None:
    """The bag's folder: the top (bagit.txt there) or its single sub-folder."""
    if (folder / "bagit.txt").is_file():
        return folder
    children = [p for p in folder.iterdir() if p.is_dir()]
    if len(children) == 1 and (children[0] / "bagit.txt").is_file():
        return children[0]
    return None


@contextmanager
def unpacked(stream: IO[bytes]) -> Iterator[tuple[Path | None, list[PackageProblem]]]:
    """A temporary folder holding the bag of the zip ``stream`` (removed afterwards), or
    None and the problems that stopped the unpacking."""
    spooled = _spool(stream)
    if spooled is None:
        yield None, [PackageProblem("", "too_large")]
        return
    folder = Path(tempfile.mkdtemp(prefix="eoffice-bag-"))
    try:
        try:
            with zipfile.ZipFile(spooled) as archive:
                problems = _extract(archive, folder)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, OSError,
                ValueError, NotImplementedError, RuntimeError) as error:
            problems = [PackageProblem("", "unreadable", found=str(error)[:200])]
        if problems:
            yield None, problems
            return
        root = _bag_root(folder)
        yield root, [] if root else [PackageProblem("bagit.txt", "missing")]
    finally:
        spooled.close()
        shutil.rmtree(folder, ignore_errors=True)
