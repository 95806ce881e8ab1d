"""``eoffice archive fixity``: check the integrity of the whole archive now (every
package re-hashed, every document re-read from the store), print the result and the
problems; exit 1 when something does not match."""

from __future__ import annotations

import click

from eoffice.archive.services import fixity
from eoffice.shared.db import current_database


@click.command("fixity")
def fixity_command() -> None:
    """Check every archived file's package and documents against their checksums."""
    run_id = fixity.run_fixity(actor=fixity.SYSTEM)
    with current_database().reader() as session:
        run, problems = fixity.get_run(session, run_id)
    click.echo(f"Fixity check {run.id}: {run.records_checked} archived files, "
               f"{run.files_checked} checksums compared, {run.problems} problems.")
    for problem in problems:
        click.echo(f"  {problem.file_number or '-'} {problem.where} {problem.path}: "
                   f"{problem.problem} (expected {problem.expected_sha256 or '-'}, "
                   f"found {problem.found_sha256 or '-'})")
    if problems:
        raise SystemExit(1)
