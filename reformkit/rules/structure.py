"""Schema violations turned into located problems with messages that say what to do."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from reformkit.codes import problem
from reformkit.model import LoadedFile, Problem, dotted
from reformkit.schemacheck import is_required, is_valid, iter_errors, property_names
from reformkit.suggest import did_you_mean

_TYPE_NAMES = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "object": "a mapping (key: value lines)",
    "array": "a list",
    "boolean": "true or false",
}
_DATE_FIELDS = {"published", "due", "date", "as_of"}
_ODD_SPACES = "\u3000\u00a0\u2002\u2003\u2009\u200b\ufeff\t "


def check(loaded: LoadedFile) -> Iterator[Problem]:
    document = loaded.data
    if document is None or is_valid(document):
        return
    seen: set[tuple[Any, ...]] = set()
    for error in sorted(iter_errors(document), key=lambda e: list(map(str, e.absolute_path))):
        for found in _explain(loaded, error):
            marker = (found.line, found.column, found.code, found.message)
            if marker not in seen:
                seen.add(marker)
                yield found


def _explain(loaded: LoadedFile, error: Any) -> Iterator[Problem]:
    node_path = tuple(error.absolute_path)
    kind = error.validator
    here = dotted(node_path)

    def at(path: tuple[Any, ...], code: str, message: str, *, key: bool = False) -> Problem:
        line, column = loaded.locate(path, key=key)
        return problem(loaded.path, line, column, code, message, dotted(path))

    if kind == "required":
        present = error.instance if isinstance(error.instance, dict) else {}
        for name in error.validator_value:
            if name not in present:
                where = f" in {here}" if here else ""
                yield at(node_path, "RK101", f"missing required field '{name}'{where}; add it")
    elif kind == "additionalProperties":
        allowed = property_names(node_path)
        for name in error.instance:
            if name not in allowed:
                stripped = name.strip(_ODD_SPACES)
                if stripped != name:
                    hint = f" (it starts or ends with a full-width or no-break space: indent with ASCII spaces{did_you_mean(stripped, allowed).replace(' (', '; ').rstrip(')')})"
                else:
                    hint = did_you_mean(name, allowed)
                yield at(node_path + (name,), "RK103", f"unknown field '{name}'{hint}", key=True)
    elif kind == "propertyNames":
        allowed = list(error.validator_value.get("enum", []))
        name = error.instance
        yield at(
            node_path + (name,),
            "RK103",
            f"unknown field '{name}' in {here}{did_you_mean(name, allowed)}; use one of {', '.join(allowed)}",
            key=True,
        )
    elif kind == "type":
        yield at(node_path, "RK102", _type_message(loaded, node_path, error))
    elif kind == "pattern":
        yield at(node_path, "RK104", _pattern_message(node_path, error.instance))
    elif kind == "enum":
        choices = [str(c) for c in error.validator_value]
        value = error.instance
        hint = did_you_mean(value, choices) if isinstance(value, str) else ""
        if node_path and node_path[-2:-1] == ("approx",):
            what = f"approx.{node_path[-1]} must be"
        else:
            what = f"{here or 'value'} must be"
        yield at(node_path, "RK105", f"{what} one of {', '.join(choices)}, not {value!r}{hint}")
    elif kind in ("minItems", "minLength", "minProperties"):
        empty = {"minItems": "an empty list", "minLength": "empty text", "minProperties": "empty"}
        need = {"practices": "add at least one practice (主要做法) with a title"}
        fix = need.get(here, "fill it in" if is_required(node_path) else "fill it in or remove the field")
        yield at(node_path, "RK106", f"{here} is {empty[kind]}; {fix}" if here else fix)
    elif kind == "uniqueItems":
        yield at(node_path, "RK106", f"{here} lists the same item twice; remove the repeat")
    elif kind == "minimum":
        yield at(node_path, "RK106", f"{here} must be at least {error.validator_value}, not {error.instance}")
    else:  # any other keyword: still located, with jsonschema's own words
        yield at(node_path, "RK104", f"{here}: {error.message}")


def _type_message(loaded: LoadedFile, node_path: tuple[Any, ...], error: Any) -> str:
    expected = error.validator_value
    expected_list = expected if isinstance(expected, list) else [expected]
    want = " or ".join(_TYPE_NAMES.get(str(t), str(t)) for t in expected_list)
    here = dotted(node_path) or "the document"
    raw = loaded.raw_scalars.get(node_path)
    value = error.instance
    if "string" in expected_list and raw is not None:
        field = node_path[-1] if node_path else ""
        if field in _DATE_FIELDS and isinstance(value, int) and not isinstance(value, bool):
            return f"{here} is the number {raw}; a year-only date must be quoted: {field}: '{raw}'"
        if raw == "":
            return f"{here} is empty; write the text or remove the field"
        return f"{here} is {raw!r}, which YAML reads as {_yaml_kind(value)}, not text; quote it: '{raw}'"
    got = _yaml_kind(value)
    return f"{here} must be {want}, not {got}"


def _yaml_kind(value: Any) -> str:
    if value is None:
        return "empty (null)"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    return "a mapping"


def _pattern_message(node_path: tuple[Any, ...], value: Any) -> str:
    here = dotted(node_path)
    field = node_path[-1] if node_path else ""
    if field in _DATE_FIELDS:
        return f"{here} {value!r} is not a date; write YYYY-MM-DD, or YYYY-MM / YYYY when the source gives no day"
    if field == "url":
        return f"{here} {value!r} is not an http(s) URL"
    return f"{here} {value!r} must be lower-case letters and digits joined by single '-' (e.g. hnbiz-4-02)"
