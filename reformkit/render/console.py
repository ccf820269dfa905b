"""Render rich renderables to text in one place (colour decided by the caller)."""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import Any


def render(parts: Iterable[Any], *, color: bool, width: int) -> str:
    """Text of the renderables; trailing padding on each line removed."""
    from rich.console import Console

    out = io.StringIO()
    console = Console(
        file=out,
        width=width,
        force_terminal=color,
        no_color=not color,
        color_system="standard" if color else None,
        highlight=False,
        emoji=False,
        markup=False,
    )
    for part in parts:
        console.print(part)
    return "\n".join(line.rstrip() for line in out.getvalue().split("\n"))
