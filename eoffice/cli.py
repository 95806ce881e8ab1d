"""The ``eoffice`` command: serve, db upgrade, demo load, tokens, accounts, worker, audit
verify."""

from __future__ import annotations

import faulthandler
import json
import signal
import subprocess
import sys
from datetime import timedelta
from pathlib import Path
from types import FrameType
from typing import Any

import click
from flask import Flask

from eoffice import audit, catalogue, identity
from eoffice.app import create_app
from eoffice.archive import commands as archive_commands
from eoffice.identity import commands as identity_commands
from eoffice.settings import describe_settings
from eoffice.shared import outbox
from eoffice.shared.db import Database, current_database
from eoffice.shared.errors import DomainError
from eoffice.shared.worker import Worker
from eoffice.territory import commands as territory_commands


def _app() -> Flask:
    return create_app()


class _Commands(click.Group):
    """Domain errors end a command with their message and exit code 1, not a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except DomainError as error:
            raise click.ClickException(f"{error.code}: {error.detail or error.title}") from error


@click.group(cls=_Commands)
def main() -> None:
    """eoffice: the back office of a city's electronic office."""


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@click.option("--workers", default=2, show_default=True, type=int, help="gunicorn processes")
@click.option("--threads", default=4, show_default=True, type=int, help="threads per process")
@click.option("--with-worker", is_flag=True, help="also run `eoffice worker` beside the server")
def serve(host: str, port: int, workers: int, threads: int, with_worker: bool) -> None:
    """Serve the web UIs and the API with gunicorn."""
    from eoffice.server import run_gunicorn  # noqa: PLC0415 - gunicorn only when serving

    companion = None
    if with_worker:
        companion = subprocess.Popen([sys.executable, "-m", "eoffice.cli", "worker"])
    try:
        run_gunicorn(_app(), bind=f"{host}:{port}", workers=workers, threads=threads)
    finally:
        if companion is not None:
            companion.terminate()
            companion.wait(timeout=30)


@main.group()
def db() -> None:
    """The database schema."""


@db.command("upgrade")
@click.option("--revision", default="head", show_default=True)
def db_upgrade(revision: str) -> None:
    """Create or migrate the database to ``revision``."""
    from eoffice.migrate import upgrade  # noqa: PLC0415

    app = _app()
    with app.app_context():
        upgrade(current_database().url, revision)
        if revision == "head":
            with current_database().unit_of_work() as session:
                identity.seed_standard_roles(session)
    click.echo(f"database at {revision}: {app.config['EOFFICE_SETTINGS'].resolved_database_url}")


@main.group()
def demo() -> None:
    """The demo city."""


@demo.command("load")
def demo_load() -> None:
    """Load the demo city: units, roles and users (idempotent)."""
    from eoffice.demo import load_demo  # noqa: PLC0415
    from eoffice.demo.archive import load_demo_archive  # noqa: PLC0415

    app = _app()
    if not app.config["EOFFICE_SETTINGS"].demo:
        raise click.ClickException("EOFFICE_DEMO is off: the demo city is not loaded here")
    with app.app_context():
        with current_database().unit_of_work() as session:
            summary = load_demo(session)
        # Closing and transferring seal documents: they run after the city is committed.
        summary = f"{summary}; {load_demo_archive()}"
    click.echo(f"demo city loaded: {summary}")


@main.group()
def tokens() -> None:
    """API bearer tokens."""


@tokens.command("create")
@click.option("--user", "login", required=True, help="login of the token's owner")
@click.option("--name", default="cli", show_default=True)
@click.option("--days", default=None, type=int, help="validity (default EOFFICE_TOKEN_DAYS)")
def tokens_create(login: str, name: str, days: int | None) -> None:
    """Print a new API token for a user (shown once)."""
    app = _app()
    valid_for = timedelta(days=days or app.config["EOFFICE_SETTINGS"].token_days)
    with app.app_context(), current_database().unit_of_work() as session:
        account = identity.get_account(session, login)
        issued = identity.issue_token(session, account, name=name, valid_for=valid_for,
                                      actor="cli")
        secret = issued.secret
    click.echo(secret)


@tokens.command("revoke")
@click.argument("token_id")
def tokens_revoke(token_id: str) -> None:
    """Revoke a token by its id (the 16 hex digits between ``eo_`` and the next ``_``)."""
    app = _app()
    with app.app_context(), current_database().unit_of_work() as session:
        identity.revoke_token(session, token_id, actor="cli", owner_id=None)
    click.echo(f"token {token_id} revoked")


@main.group("accounts")
@click.pass_context
def accounts_group(ctx: click.Context) -> None:
    """People's accounts: their web sessions."""
    ctx.with_resource(_app().app_context())


for _command in identity_commands.COMMANDS:
    accounts_group.add_command(_command)


@main.command()
@click.option("--once", is_flag=True, help="run one round and exit")
def worker(once: bool) -> None:
    """Run background work (outbox, timers, expiry) until stopped."""
    app = _app()
    settings = app.config["EOFFICE_SETTINGS"]
    database: Database = app.extensions["eoffice.database"]
    runner = Worker(
        database, app.extensions["eoffice.background"],
        max_attempts=settings.outbox_max_attempts, poll_seconds=settings.worker_poll_seconds,
    )

    def _stop(_signum: int, _frame: FrameType | None) -> None:
        runner.stop()

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    # `kill -USR1 <pid>` prints where every thread is to stderr: a worker that stopped
    # delivering without dying can be asked where it waits
    faulthandler.register(signal.SIGUSR1, all_threads=True)
    with app.app_context():
        if once:
            click.echo(f"work done: {runner.run_once()}")
        else:
            runner.run_forever()


@main.group("archive")
@click.pass_context
def archive_group(ctx: click.Context) -> None:
    """The electronic archive: transfers, index, retention, integrity."""
    ctx.with_resource(_app().app_context())


for _command in archive_commands.COMMANDS:
    archive_group.add_command(_command)


@main.group("territory")
@click.pass_context
def territory_group(ctx: click.Context) -> None:
    """The territory database: street map, addresses, cadastral references."""
    ctx.with_resource(_app().app_context())


for _command in territory_commands.COMMANDS:
    territory_group.add_command(_command)


@main.group("audit")
def audit_group() -> None:
    """The audit log."""


@audit_group.command("verify")
def audit_verify() -> None:
    """Check the audit log's hash chain; exit 1 naming each broken event."""
    app = _app()
    with app.app_context(), current_database().reader() as session:
        report = audit.verify_chain(session)
    if report.intact:
        click.echo(f"audit log intact: {report.checked} events checked")
        return
    for problem in report.problems:
        click.echo(f"TAMPERED: {problem}", err=True)
    raise SystemExit(1)


@audit_group.command("accesses")
@click.option("--subject", help="whose data: TYPE:ID, e.g. file:URB/2026/000001")
@click.option("--actor", help="a login")
@click.option("--limit", default=500, show_default=True, type=click.IntRange(1, 100_000))
def audit_accesses(subject: str | None, actor: str | None, limit: int) -> None:
    """Every access to personal data (newest first): when, who, what, through what."""
    if subject is not None and ":" not in subject:
        raise click.BadParameter("write TYPE:ID, e.g. file:URB/2026/000001", param_hint="--subject")
    if subject is None and actor is None:
        raise click.UsageError("name a --subject, an --actor or both")
    about = None
    if subject is not None:
        kind, _colon, identifier = subject.partition(":")
        about = (kind, identifier)
    app = _app()
    with app.app_context(), current_database().reader() as session:
        found = audit.accesses(session, subject=about, actor=actor, limit=limit)
    for row in found:
        click.echo(f"{row.accessed_at.isoformat(timespec='seconds')}\t{row.actor}\t{row.action}"
                   f"\t{row.object_type}:{row.object_id}\t{row.channel}")
    click.echo(f"{len(found)} accesses", err=True)


@main.command("settings")
def show_settings() -> None:
    """List every setting with its default and meaning."""
    for variable, default, description in describe_settings():
        click.echo(f"{variable} (default {default}): {description}")




@main.group("outbox")
def outbox_group() -> None:
    """Side effects waiting to leave the database."""


@outbox_group.command("stuck")
def outbox_stuck() -> None:
    """List messages that failed for good or keep failing."""
    app = _app()
    with app.app_context(), current_database().reader() as session:
        for message in outbox.list_stuck(session):
            click.echo(f"{message.id}\t{message.topic}\t{message.status}\t"
                       f"attempts={message.attempts}\t{message.last_error}")


@outbox_group.command("retry")
@click.argument("message_id", type=int)
def outbox_retry(message_id: int) -> None:
    """Deliver a failed message again, now."""
    app = _app()
    with app.app_context(), current_database().unit_of_work() as session:
        if not outbox.retry(session, message_id):
            raise click.ClickException(f"no pending or failed outbox message {message_id}")
    click.echo(f"outbox message {message_id} will be delivered again")


@main.group("catalogue")
def catalogue_group() -> None:
    """The procedure catalogue."""


@catalogue_group.command("export-taxonomies")
@click.argument("path", type=click.Path(dir_okay=False))
@click.option("--key", "keys", multiple=True, help="only these taxonomies (default: all)")
def catalogue_export(path: str, keys: tuple[str, ...]) -> None:
    """Write the taxonomies as JSON (for the city's other systems)."""
    with _app().app_context(), current_database().reader() as session:
        document = catalogue.export_taxonomies(session, list(keys) or None)
    Path(path).write_text(json.dumps(document, ensure_ascii=False, indent=2), encoding="utf-8")
    click.echo(f"taxonomies written to {path}")


@catalogue_group.command("import-taxonomies")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
def catalogue_import(path: str) -> None:
    """Create or update taxonomies and terms from JSON (never deletes terms)."""
    document = json.loads(Path(path).read_text(encoding="utf-8"))
    with _app().app_context(), current_database().unit_of_work() as session:
        report = catalogue.import_taxonomies(session, document, actor="cli")
    click.echo(f"taxonomies: {report.created} created, {report.updated} updated, "
               f"{report.unchanged} unchanged")


@main.group("calendar")
def calendar_group() -> None:
    """The calendar of holidays that legal terms are counted in."""


@calendar_group.command("seed")
@click.option("--years", default=None, help="a year or a range, e.g. 2025-2028 "
              "(default: this year and the next)")
def calendar_seed(years: str | None) -> None:
    """Store the national and regional holidays of the `holidays` library (idempotent)."""
    from eoffice import deadlines  # noqa: PLC0415
    from eoffice.shared.localtime import local_today  # noqa: PLC0415

    first, _dash, last = (years or "").partition("-")
    try:
        start = int(first) if first else local_today().year
        end = int(last) if last else (start if first else start + 1)
    except ValueError as exc:
        raise click.BadParameter("give YEAR or FIRST-LAST", param_hint="--years") from exc
    if end < start:
        raise click.BadParameter("the range ends before it starts", param_hint="--years")
    with _app().app_context(), current_database().unit_of_work() as session:
        report = deadlines.seed_holidays(session, range(start, end + 1), actor="cli")
    click.echo(f"calendar {start}-{end}: {report.created} holidays added, "
               f"{report.unchanged} already there")


@main.group("backup")
def backup_group() -> None:
    """Backups of the database, the blob store and the archive, and their restore."""


@backup_group.command("create")
@click.argument("dest", type=click.Path(path_type=Path))
def backup_create(dest: Path) -> None:
    """Back up into DEST (a new folder, or a .tar / .tar.gz file) while the app runs."""
    from eoffice import ops  # noqa: PLC0415
    from eoffice.settings import load_settings  # noqa: PLC0415

    settings = load_settings()
    report = ops.create_backup(dest, database_url=settings.resolved_database_url,
                               blob_root=settings.resolved_blob_root,
                               archive_root=settings.resolved_archive_root)
    for warning in report.warnings:
        click.echo(f"WARNING: {warning}", err=True)
    click.echo(f"backup written to {dest}: {report.manifest.database_kind} database at "
               f"{report.manifest.alembic_revision or 'no revision'}, {report.blobs} blobs, "
               f"{len(report.manifest.files)} files")


@backup_group.command("restore")
@click.argument("src", type=click.Path(exists=True, path_type=Path))
@click.option("--database-url", required=True, help="SQLAlchemy URL of a fresh, empty database")
@click.option("--blob-dir", required=True, type=click.Path(path_type=Path),
              help="empty folder for the blobs (EOFFICE_BLOB_ROOT of the restored instance)")
@click.option("--archive-dir", type=click.Path(path_type=Path), default=None,
              help="empty folder for the archive (EOFFICE_ARCHIVE_ROOT), needed when the "
              "backup holds archival packages")
def backup_restore(src: Path, database_url: str, blob_dir: Path,
                   archive_dir: Path | None) -> None:
    """Verify the backup SRC, restore it, migrate to head and check the audit chain."""
    from eoffice import ops  # noqa: PLC0415

    report = ops.restore_backup(src, database_url=database_url, blob_dir=blob_dir,
                                archive_dir=archive_dir)
    if not report.intact:
        for problem in report.audit_problems:
            click.echo(f"TAMPERED: {problem}", err=True)
        raise click.ClickException("restored, but the audit log's hash chain is broken")
    click.echo(f"restored {src} (taken {report.manifest.created_at}): {report.blobs} blobs, "
               f"audit log intact ({report.audit_events} events checked), schema at head")

if __name__ == "__main__":
    main()
