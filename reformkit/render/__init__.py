"""Output writers: each takes a result object and returns text. Nothing here decides exit codes.

``FORMATS`` is the one registry of output formats: command -> {format name: "module:function"}.
It holds strings only, so importing it is cheap; ``writer`` imports a writer's module when a
command uses it. Every ``--format`` choice comes from here (``options.format_option``).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

#: command -> {format name -> "module:function"}; the first format is listed first in --help.
FORMATS: dict[str, dict[str, str]] = {
    "import": {
        "files": "reformkit.render.imports:paths",
        "json": "reformkit.render.imports:as_json",
        "yaml": "reformkit.render.imports:as_yaml",
    },
    "validate": {
        "text": "reformkit.render.problems:text",
        "json": "reformkit.render.problems:as_json",
        "github": "reformkit.render.problems:github",
    },
    "search": {
        "table": "reformkit.render.cases:table",
        "json": "reformkit.render.cases:as_json",
        "jsonl": "reformkit.render.cases:as_jsonl",
        "csv": "reformkit.render.sheets:hits_csv",
        "yaml": "reformkit.render.cases:as_yaml",
        "ids": "reformkit.render.cases:ids",
        "paths": "reformkit.render.cases:paths",
        "tsv": "reformkit.render.cases:tsv",
        "lines": "reformkit.render.lines:lines",
    },
    "show": {
        "text": "reformkit.render.show:text",
        "yaml": "reformkit.render.show:as_yaml",
        "json": "reformkit.render.show:as_json",
        "markdown": "reformkit.render.show:markdown",
    },
    "compare": {
        "table": "reformkit.render.compare:table",
        "markdown": "reformkit.render.compare:markdown",
        "json": "reformkit.render.compare:as_json",
    },
    "stats": {
        "table": "reformkit.render.stats:table",
        "json": "reformkit.render.stats:as_json",
        "csv": "reformkit.render.stats:as_csv",
        "markdown": "reformkit.render.stats:markdown",
    },
    # Briefings: ``write(data, output)`` with a ``report.briefing.Briefing`` and a ``report.Output``;
    # docx returns bytes, the others text.
    "report": {
        "md": "reformkit.render.briefing.markdown:markdown",
        "docx": "reformkit.render.briefing.docx.writer:write",
        "html": "reformkit.render.briefing.html:write",
    },
    # Exports are full case data, written by the core module that knows their shape, or for
    # spreadsheets (figures worded) by ``render.sheets``; sqlite and xlsx write a file
    # (``to_sqlite(cases, path)``), the others return text.
    "export": {
        "json": "reformkit.export:to_json",
        "jsonl": "reformkit.export:to_jsonl",
        "csv": "reformkit.render.sheets:to_csv",
        "xlsx": "reformkit.render.sheets:to_xlsx",
        "toml": "reformkit.export:to_toml",
        "sqlite": "reformkit.export:to_sqlite",
    },
}


def format_names(command: str) -> list[str]:
    """The format names ``command`` accepts, in registry order."""
    return list(FORMATS[command])


def writer(command: str, name: str) -> Callable[..., Any]:
    """The function that writes ``command``'s output in format ``name`` (imported now)."""
    module_name, _, function = FORMATS[command][name].partition(":")
    found: Callable[..., Any] = getattr(importlib.import_module(module_name), function)
    return found
