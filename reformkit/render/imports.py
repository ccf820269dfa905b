"""Writers of ``reformkit import``: the paths written, or the drafts as JSON or YAML."""

from __future__ import annotations

from typing import Any


def paths(drafts: list[dict[str, Any]], written: list[str]) -> str:
    """The case files written, one a line."""
    return "".join(f"{path}\n" for path in written)


def as_json(drafts: list[dict[str, Any]], written: list[str]) -> str:
    """A JSON list of case objects in the case schema (``source.lines`` included)."""
    from reformkit.text.escape import json_text

    return json_text(drafts, indent=2) + "\n"


def as_yaml(drafts: list[dict[str, Any]], written: list[str]) -> str:
    """The drafts as YAML documents in the library's layout, ``---`` between them."""
    from reformkit.importing.library import case_yaml

    return "---\n".join(case_yaml(case) for case in drafts)
