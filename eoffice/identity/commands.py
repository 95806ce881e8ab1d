"""The ``eoffice accounts ...`` commands: ``end-sessions LOGIN`` signs out every web
session of an account at once (ADR 0054), e.g. when a device is lost or an account is
suspected to be in someone else's hands. ``eoffice.cli`` runs them inside an application
context, as the archive's."""

from __future__ import annotations

import click

from eoffice.identity.services.directory import get_account
from eoffice.identity.services.session_control import end_account_web_sessions
from eoffice.shared.db import current_database
from eoffice.shared.errors import DomainError


@click.command("end-sessions")
@click.argument("login")
def end_sessions_command(login: str) -> None:
    """Sign out every web session of LOGIN (audited, actor ``cli``); API tokens stay:
    `eoffice tokens revoke` ends those."""
    try:
        with current_database().unit_of_work() as session:
            account = get_account(session, login)
            ended = end_account_web_sessions(session, account, actor="cli", via="cli",
                                             client="cli")
    except DomainError as error:
        raise click.ClickException(f"{error.code}: {error.title}") from error
    noun = "web session" if ended.count == 1 else "web sessions"
    click.echo(f"{ended.count} {noun} of {login} ended")


COMMANDS: list[click.Command] = [end_sessions_command]
