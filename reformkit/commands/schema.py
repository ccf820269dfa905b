"""reformkit schema: print the case JSON Schema."""

from __future__ import annotations

import click

from reformkit.options import Command


@click.command("schema", cls=Command)
def command() -> None:
    """Print the JSON Schema of a case file (draft 2020-12).

    Point editors at it (yaml-language-server) or use it with check-jsonschema.

    \b
    Example:
      reformkit schema > case.schema.json
    and, as the first line of a case file:
      # yaml-language-server: $schema=case.schema.json
    """
    from reformkit.case.schemacheck import schema_text

    click.echo(schema_text(), nl=False)
