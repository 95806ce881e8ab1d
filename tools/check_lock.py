"""Fail when a lock file no longer matches what it was compiled from.

``requirements.lock`` pins, with hashes, the runtime dependencies and the ``test`` extra
of pyproject.toml; ``tools/locks/<tool>.lock`` pin the tools that run from their own
environments (semgrep, wapiti3, uv) from ``tools/locks/<tool>.in``. Each lock starts
with the SHA-256 of its input (``# input-sha256: ...``), written by ``tools/lock.sh``.
This check needs no network: it recomputes the fingerprints, and also checks that every
requirement of pyproject.toml is pinned at a version its specifier accepts.
Run ``make lock`` after changing a dependency.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
PROJECT_LOCK = ROOT / "requirements.lock"
TOOL_LOCKS = ROOT / "tools" / "locks"
FINGERPRINT = re.compile(r"^# input-sha256: ([0-9a-f]{64})$", re.MULTILINE)
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)", re.MULTILINE)


def project_input(pyproject: Path) -> str:
    """What requirements.lock is compiled from, in a stable text form."""
    project = tomllib.loads(pyproject.read_text())["project"]
    return json.dumps({
        "requires-python": project.get("requires-python", ""),
        "dependencies": sorted(project.get("dependencies", [])),
        "test": sorted(project.get("optional-dependencies", {}).get("test", [])),
    }, sort_keys=True)


def tool_input(source: Path) -> str:
    """A tool's .in file without comments and blank lines."""
    lines = (line.split("#", 1)[0].strip() for line in source.read_text().splitlines())
    return "\n".join(sorted(line for line in lines if line))


def fingerprint(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def recorded_fingerprint(lock: Path) -> str | None:
    found = FINGERPRINT.search(lock.read_text()) if lock.exists() else None
    return found.group(1) if found else None


def unpinned(pyproject: Path, lock: Path) -> list[str]:
    """Requirements of pyproject.toml the lock does not pin at an accepted version."""
    pins = {canonicalize_name(name): version for name, version in PIN.findall(lock.read_text())}
    project = tomllib.loads(pyproject.read_text())["project"]
    wanted = [*project.get("dependencies", []),
              *project.get("optional-dependencies", {}).get("test", [])]
    problems = []
    for text in wanted:
        requirement = Requirement(text)
        if requirement.marker is not None and not requirement.marker.evaluate():
            continue
        pinned = pins.get(canonicalize_name(requirement.name))
        if pinned is None:
            problems.append(f"{requirement.name} is not in {lock.name}")
        elif not requirement.specifier.contains(pinned, prereleases=True):
            problems.append(f"{requirement.name}=={pinned} does not satisfy {text!r}")
    return problems


def problems_of(root: Path) -> list[str]:
    problems = []
    pyproject, lock = root / "pyproject.toml", root / "requirements.lock"
    if recorded_fingerprint(lock) != fingerprint(project_input(pyproject)):
        problems.append("requirements.lock was not compiled from the dependencies now in "
                        "pyproject.toml")
    if lock.exists():
        problems += unpinned(pyproject, lock)
    for source in sorted((root / "tools" / "locks").glob("*.in")):
        tool_lock = source.with_suffix(".lock")
        if recorded_fingerprint(tool_lock) != fingerprint(tool_input(source)):
            problems.append(f"{tool_lock.relative_to(root)} was not compiled from "
                            f"{source.name}")
    return problems


def main() -> int:
    problems = problems_of(ROOT)
    for problem in problems:
        print(f"lock: {problem}", file=sys.stderr)
    if problems:
        print("lock: run `make lock` and commit the lock files", file=sys.stderr)
        return 1
    print("lock files match pyproject.toml and tools/locks/*.in")
    return 0


if __name__ == "__main__":
    sys.exit(main())
