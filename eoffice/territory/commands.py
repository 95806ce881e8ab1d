"""The ``eoffice territory ...`` commands: ``import KIND FILE [--update]`` loads a CSV
file the city publishes (streets, sections, addresses, cadastre) and prints the report.
``eoffice.cli`` runs them inside an application context, as the archive's."""

from __future__ import annotations

from pathlib import Path

import click

from eoffice.shared.db import current_database
from eoffice.shared.errors import DomainError
from eoffice.territory.domain import ImportKind
from eoffice.territory.imports import import_csv, list_imports
from eoffice.territory.imports_reading import MAX_IMPORT_BYTES

SHOWN_REJECTIONS = 20


@click.command("import")
@click.argument("kind", type=click.Choice([kind.value for kind in ImportKind]))
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--update", is_flag=True,
              help="change the streets, sections, addresses and properties the file names "
                   "that exist already (otherwise they are rejected as duplicates)")
def import_command(kind: str, path: Path, update: bool) -> None:
    """Import a CSV file of KIND; good rows are recorded, rejected ones listed. Exit 1
    when some row was rejected (the others are imported all the same)."""
    with path.open("rb") as handle:
        content = handle.read(MAX_IMPORT_BYTES + 1)
    try:
        with current_database().unit_of_work() as session:
            run = import_csv(session, kind, content, filename=path.name, actor="cli",
                             update=update)
    except DomainError as error:
        raise click.ClickException(f"{error.code}: {error.title}"
                                   + (f" ({error.detail})" if error.detail else "")) from error
    click.echo(f"import {run.id}, {run.encoding}, '{run.delimiter}'-separated: "
               f"{run.summary()}")
    for entry in run.report[:SHOWN_REJECTIONS]:
        click.echo(f"  line {entry['line']}: {entry['code']}: {entry['message']}")
    if run.rejected > SHOWN_REJECTIONS:
        click.echo(f"  ... {run.rejected - SHOWN_REJECTIONS} more rejected rows "
                   "(the import's page lists them)")
    if run.rejected:
        raise SystemExit(1)


@click.command("imports")
def imports_command() -> None:
    """List the latest imports, newest first."""
    with current_database().reader() as session:
        for run in list_imports(session, limit=50):
            click.echo(f"{run.started_at:%Y-%m-%d %H:%M}\t{run.id}\t{run.kind}\t"
                       f"{run.accepted} taken\t{run.rejected} rejected\t{run.started_by}\t"
                       f"{run.filename}")


COMMANDS: list[click.Command] = [import_command, imports_command]
