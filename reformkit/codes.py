"""Every validation rule: its code, name, fixed severity and what it checks.

This table is the single registry of rule codes. The loader and the rules refer to codes by
name from here; the README's rules table is generated from it and a test keeps the two equal.
"""

from __future__ import annotations

from dataclasses import dataclass

from reformkit.model import ERROR, WARNING, Problem


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: str
    summary: str


_RULES = [
    # The file as bytes and as YAML (reformkit.library.loader).
    Rule("RK001", "yaml-syntax", ERROR, "the file is not valid YAML"),
    Rule("RK002", "not-utf8", ERROR, "the file is not UTF-8 text"),
    Rule("RK003", "byte-order-mark", ERROR, "the file starts with a byte-order mark"),
    Rule("RK004", "nul-byte", ERROR, "the file contains a NUL byte"),
    Rule("RK005", "multiple-documents", ERROR, "the file holds more than one YAML document"),
    Rule("RK006", "empty-file", ERROR, "the file is empty"),
    Rule("RK007", "not-a-mapping", ERROR, "the document is not one mapping of fields"),
    Rule("RK008", "duplicate-key", ERROR, "a key appears twice in one mapping"),
    Rule("RK009", "anchor-alias", ERROR, "an anchor or alias (&x, *x) is used"),
    Rule("RK010", "explicit-tag", ERROR, "a YAML tag such as !!python/object is used"),
    Rule("RK011", "too-deep", ERROR, "nesting is deeper than [rules].max_depth"),
    Rule("RK012", "too-large", ERROR, "the file is larger than [rules].max_file_bytes"),
    Rule("RK013", "unreadable", ERROR, "the path cannot be read as a regular file"),
    Rule("RK014", "outside-library", ERROR, "a symlink in the library leads outside it"),
    Rule("RK015", "ambiguous-number", ERROR, "a number YAML 1.1 reads surprisingly (012, 1:20)"),
    # Structure (reformkit/schema/case.schema.json, reformkit.rules.structure).
    Rule("RK101", "missing-field", ERROR, "a required field is missing"),
    Rule("RK102", "wrong-type", ERROR, "a field has the wrong type"),
    Rule("RK103", "unknown-field", ERROR, "a field the schema does not define"),
    Rule("RK104", "bad-format", ERROR, "a value does not match the required pattern"),
    Rule("RK105", "bad-choice", ERROR, "a value is not one of the allowed choices"),
    Rule("RK106", "bad-size", ERROR, "a text or list is empty, too long or repeats items"),
    # Meaning (reformkit.rules.case, reformkit.rules.metrics, reformkit.rules.library).
    Rule("RK201", "id-not-stem", ERROR, "id differs from the file name"),
    Rule("RK202", "duplicate-id", ERROR, "two files hold the same id"),
    Rule("RK203", "id-not-built", ERROR, "id is not {program}-{batch}-{number:02}"),
    Rule("RK204", "unknown-program", ERROR, "program is not in reformkit.toml [programs]"),
    Rule("RK205", "unknown-tag", ERROR, "a tag is not in reformkit.toml [vocab].tags"),
    Rule("RK206", "related-missing", ERROR, "a related id names no case in the library"),
    Rule("RK207", "impossible-date", ERROR, "a date that does not exist (2021-02-30)"),
    Rule("RK208", "future-date", ERROR, "a published, source or as_of date in the future"),
    Rule("RK209", "source-incomplete", ERROR, "source has neither title nor document"),
    Rule("RK210", "no-tags", WARNING, "the case has no tags"),
    Rule("RK301", "metric-no-figure", ERROR, "a metric states no figure"),
    Rule("RK302", "metric-no-unit", ERROR, "a metric figure has no unit"),
    Rule("RK303", "unknown-unit", ERROR, "a unit is not in reformkit.toml [vocab].units"),
    Rule("RK304", "percent-out-of-range", ERROR, "a percentage outside its possible range"),
    Rule("RK305", "change-contradicts", ERROR, "stated change disagrees with before and after"),
    Rule("RK306", "reduction-grew", WARNING, "a reduction kind (time, materials…) increased"),
    Rule("RK307", "bad-range", ERROR, "a FIELD_max without FIELD, or below it"),
]

RULES: dict[str, Rule] = {rule.code: rule for rule in _RULES}


def problem(path: str, line: int, column: int, code: str, message: str, field: str = "") -> Problem:
    """A Problem with the severity the registry fixes for ``code``."""
    return Problem(path, line, column, code, RULES[code].severity, message, field)
