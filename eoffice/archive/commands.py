"""The ``eoffice archive ...`` commands. ``eoffice.cli`` runs each inside an application
context, so they use the running application's database and archive runtime. Each part of
the archive defines its commands in its own module and lists them here."""

from __future__ import annotations

import click

from eoffice.archive import index_commands, integrity_commands

COMMANDS: list[click.Command] = [
    index_commands.reindex,
    index_commands.index_status,
    integrity_commands.fixity_command,
]
