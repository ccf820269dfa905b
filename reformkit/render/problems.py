"""Reporters for validation results, keyed by format name (text, json, github)."""

from __future__ import annotations

from reformkit.case.model import ERROR
from reformkit.text.escape import json_text, terminal
from reformkit.validate import ValidationResult


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def summary(result: ValidationResult) -> str:
    return ", ".join(
        (
            _plural(result.files, "file"),
            _plural(result.errors, "error"),
            _plural(result.warnings, "warning"),
        )
    )


def text(result: ValidationResult, *, color: bool = False) -> str:
    """``path:line:col: severity CODE message`` lines, then the summary."""
    import click

    lines = []
    for p in result.problems:
        where = f"{terminal(p.path)}:{p.line}:{p.column}:"
        severity = p.severity
        code = p.code
        if color:
            where = click.style(where, bold=True)
            severity = click.style(severity, fg="red" if p.severity == ERROR else "yellow", bold=True)
            code = click.style(code, dim=True)
        lines.append(f"{where} {severity} {code} {terminal(p.message)}")
    closing = summary(result)
    if color:
        closing = click.style(
            closing, fg="red" if result.errors else ("yellow" if result.warnings else "green"), bold=True
        )
    lines.append(closing)
    return "\n".join(lines) + "\n"


def as_json(result: ValidationResult, *, color: bool = False) -> str:
    document = {
        "files": result.files,
        "errors": result.errors,
        "warnings": result.warnings,
        "problems": [p.to_dict() for p in result.problems],
    }
    return json_text(document, indent=2) + "\n"


def _github_escape(value: str, *, property_value: bool = False) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_value:
        value = value.replace(":", "%3A").replace(",", "%2C")
    return value


def github(result: ValidationResult, *, color: bool = False) -> str:
    """GitHub Actions workflow commands: one annotation per problem, then the summary."""
    lines = []
    for p in result.problems:
        level = "error" if p.severity == ERROR else "warning"
        props = ",".join(
            (
                f"file={_github_escape(p.path, property_value=True)}",
                f"line={p.line}",
                f"col={p.column}",
                f"title={_github_escape(p.code, property_value=True)}",
            )
        )
        lines.append(f"::{level} {props}::{_github_escape(terminal(p.message))}")
    lines.append(summary(result))
    return "\n".join(lines) + "\n"
