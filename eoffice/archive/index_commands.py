"""``eoffice archive reindex`` (rebuild the search index from the database, with a
progress bar; searches keep answering meanwhile) and ``eoffice archive index-status``
(archived files in the database against those in the index; exit 1 when they differ)."""

from __future__ import annotations

import click

from eoffice.archive.services import indexing


@click.command("reindex")
def reindex() -> None:
    """Rebuild the archive's search index from the database."""
    total = indexing.count_records()
    with click.progressbar(length=total, label="Indexing archived files") as bar:
        written = indexing.reindex(bar.update)
    click.echo(f"{total} archived files, {written} index items written.")


@click.command("index-status")
def index_status() -> None:
    """Compare the archived files in the database with those in the index."""
    missing, stray = indexing.index_gaps()
    total = indexing.count_records()
    click.echo(f"{total} archived files in the database, {total - len(missing)} in the "
               f"index; {len(missing)} missing, {len(stray)} not in the database.")
    if missing or stray:
        raise SystemExit(1)
