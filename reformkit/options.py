"""Option decorators shared by commands, so each option is spelled and documented once."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import click


def format_option(choices: Sequence[str], default: str) -> Callable[[Any], Any]:
    return click.option(
        "-f",
        "--format",
        "output_format",
        type=click.Choice(list(choices)),
        default=default,
        show_default=True,
        help="Output format.",
    )


def force_option(what: str) -> Callable[[Any], Any]:
    return click.option("--force", is_flag=True, help=f"Overwrite {what} if it exists.")


def split_codes(values: Sequence[str]) -> list[str]:
    """``--ignore RK101,RK102 --ignore RK210`` -> ``['RK101', 'RK102', 'RK210']``."""
    return [code.strip().upper() for value in values for code in value.split(",") if code.strip()]
