"""Summarise a wapiti3 JSON report and decide whether the dynamic scan passes.

Fails (exit 1) on any vulnerability of low level or higher (wapiti's levels: 0 info,
1 low, 2 medium, 3 high, 4 critical: wapiti rates an open redirect, a cookie without
Secure or HttpOnly and a missing security header as low, and all of them matter here),
on any anomaly wapiti reports as an internal server error, and on any incident
(unexpected exception, answered 500) in the server's log. Informational findings and
other anomalies are listed but pass. Why: docs/security/static-analysis.md.
``tools/dast.sh`` runs it.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

FAILING_LEVEL = 1  # low
LEVELS = {0: "info", 1: "low", 2: "medium", 3: "high", 4: "critical"}
INCIDENT = re.compile(r"incident (\w+): unexpected error")


def findings(report: dict[str, Any], section: str) -> list[tuple[str, dict[str, Any]]]:
    """(category, finding) for every finding of a section of the report."""
    return [(category, finding)
            for category, found in sorted(report.get(section, {}).items())
            for finding in found]


def describe(category: str, finding: dict[str, Any]) -> str:
    level = LEVELS.get(int(finding.get("level", 0)), str(finding.get("level")))
    where = f"{finding.get('method', '')} {finding.get('path', '')}".strip()
    parameter = finding.get("parameter") or ""
    info = " ".join(str(finding.get("info", "")).split())[:160]
    return f"[{level}] {category}: {where} {parameter} - {info}".replace("  ", " ")


def verdict(report: dict[str, Any], server_log: str) -> tuple[list[str], list[str]]:
    """(failures, passing notes) of a scan."""
    failures, notes = [], []
    for category, finding in findings(report, "vulnerabilities"):
        line = describe(category, finding)
        (failures if int(finding.get("level", 0)) >= FAILING_LEVEL else notes).append(line)
    for category, finding in findings(report, "anomalies"):
        line = describe(category, finding)
        (failures if "server error" in category.lower() else notes).append(line)
    failures += [f"[server] incident {incident}: unexpected error (500), see the server log"
                 for incident in INCIDENT.findall(server_log)]
    return failures, notes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("report", type=Path)
    parser.add_argument("--server-log", type=Path)
    args = parser.parse_args(argv)
    report = json.loads(args.report.read_text())
    server_log = args.server_log.read_text(errors="replace") if args.server_log else ""
    failures, notes = verdict(report, server_log)
    info = report.get("infos", {})
    print(f"wapiti {info.get('version', '?')} on {info.get('target', '?')}: "
          f"{info.get('crawled_pages_nbr', '?')} pages crawled, "
          f"{len(failures)} failing, {len(notes)} passing findings")
    for line in notes:
        print(f"  pass  {line}")
    for line in failures:
        print(f"  FAIL  {line}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
