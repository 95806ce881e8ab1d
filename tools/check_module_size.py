"""Fail when a Python module under the given folders is longer than the cap (400 lines)."""

from __future__ import annotations

import sys
from pathlib import Path

CAP = 400


def main(folders: list[str]) -> int:
    too_long = []
    for folder in folders:
        for path in sorted(Path(folder).rglob("*.py")):
            lines = len(path.read_text(encoding="utf-8").splitlines())
            if lines > CAP:
                too_long.append(f"{path}: {lines} lines (cap {CAP})")
    for line in too_long:
        print(line, file=sys.stderr)
    if not too_long:
        print(f"module size: every module under {', '.join(folders)} is within {CAP} lines")
    return 1 if too_long else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or ["eoffice"]))
