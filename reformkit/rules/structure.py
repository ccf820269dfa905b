"""Schema violations turned into located problems with messages that say what to do."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator
from typing import Any

from reformkit.case.model import ERROR, LoadedFile, NodePath, Problem, dotted
from reformkit.case.schemacheck import is_required, is_valid, iter_errors, property_names, schema_at
from reformkit.rules.base import FileContext, Rule, problem
from reformkit.rules.mechanical import named
from reformkit.text.suggest import did_you_mean
from reformkit.yamltext.ime import FIXABLE, ODD_SPACES, indentation_message

MISSING_FIELD = Rule("RK101", "missing-field", ERROR, "a required field is missing")
WRONG_TYPE = Rule("RK102", "wrong-type", ERROR, "a field has the wrong type")
UNKNOWN_FIELD = Rule("RK103", "unknown-field", ERROR, "a field the schema does not define")
BAD_FORMAT = Rule("RK104", "bad-format", ERROR, "a value does not match the required pattern")
BAD_CHOICE = Rule("RK105", "bad-choice", ERROR, "a value is not one of the allowed choices")
BAD_SIZE = Rule(
    "RK106", "bad-size", ERROR, "a text or list is empty (or blank: only spaces), too long or repeats items"
)
FLOAT_FOR_INTEGER = Rule(
    "RK107", "float-for-integer", ERROR, "a decimal where a whole number belongs (batch: 4.0)"
)
CONTROL_CHARACTER = Rule(
    "RK108",
    "control-character",
    ERROR,
    "text holds a control character (U+0000-U+001F, U+007F-U+009F) other than tab and newline",
)

RULES: tuple[Rule, ...] = (
    MISSING_FIELD,
    WRONG_TYPE,
    UNKNOWN_FIELD,
    BAD_FORMAT,
    BAD_CHOICE,
    BAD_SIZE,
    FLOAT_FOR_INTEGER,
    CONTROL_CHARACTER,
)

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


def check(ctx: FileContext) -> Iterator[Problem]:
    """Every schema violation of the document, explained once, in the order of their paths;
    then what the schema cannot say about each value (blank text, control characters, a
    decimal for a whole number).

    The schema is checked as a whole (one validator for all six of its rules); an error whose
    rule is disabled is not explained.
    """
    document = ctx.data
    if not is_valid(document):
        yield from _schema_problems(ctx, document)
    if ctx.any_on((BAD_SIZE, FLOAT_FOR_INTEGER, CONTROL_CHARACTER)):
        yield from _values(ctx, (), document)


def _schema_problems(ctx: FileContext, document: dict[str, Any]) -> Iterator[Problem]:
    seen: set[tuple[Any, ...]] = set()
    for error in sorted(iter_errors(document), key=lambda e: list(map(str, e.absolute_path))):
        rule, explain = _EXPLAINERS.get(error.validator, (BAD_FORMAT, _other))
        if not ctx.on(rule):
            continue
        if isinstance(error.instance, float) and not math.isfinite(error.instance):
            continue  # the loader reported it (RK016), with the fix
        node_path = tuple(error.absolute_path)
        for found in explain(ctx, rule, node_path, error):
            marker = (found.line, found.column, found.code, found.message)
            if marker not in seen:
                seen.add(marker)
                yield found


#: Text that shows nothing: only spaces of any kind (``\s`` is ``str.isspace``: U+3000,
#: U+00A0…) and the zero-width marks, which are not whitespace to Python.
_BLANK = re.compile(r"[\s\u200b\u200c\u200d\u2060\ufeff]*")
#: C0 and C1 control characters other than tab and newline.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def is_blank(text: str) -> bool:
    """Text that shows nothing (see ``_BLANK``); empty text too."""
    return _BLANK.fullmatch(text) is not None


def control_character(text: str) -> int:
    """The index of the first C0/C1 control character other than tab and newline, or -1."""
    found = _CONTROL.search(text)
    return -1 if found is None else found.start()


def _values(ctx: FileContext, node_path: NodePath, value: Any) -> Iterator[Problem]:
    """The value rules on every string and number of the document, keys included."""
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(key, str) and ctx.on(CONTROL_CHARACTER) and control_character(key) >= 0:
                yield _control(ctx, node_path + (key,), key, key=True)
            yield from _values(ctx, node_path + (key,), item)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _values(ctx, node_path + (index,), item)
    elif isinstance(value, str):
        if ctx.on(CONTROL_CHARACTER) and control_character(value) >= 0:
            yield _control(ctx, node_path, value)
        if value and ctx.on(BAD_SIZE) and is_blank(value) and schema_at(node_path).get("minLength"):
            here = dotted(node_path)
            fix = "fill it in" if is_required(node_path) else "fill it in or remove the field"
            yield ctx.at(node_path, BAD_SIZE, f"{here} is blank (only spaces); {fix}")
    elif (
        isinstance(value, float)
        and ctx.on(FLOAT_FOR_INTEGER)
        and value.is_integer()
        and schema_at(node_path).get("type") == "integer"
    ):
        here = dotted(node_path)
        raw = ctx.loaded.raw_scalars.get(node_path, repr(value))
        yield ctx.at(
            node_path,
            FLOAT_FOR_INTEGER,
            f"{here} is {raw}, a decimal; it is a whole number: write {int(value)}",
        )


def _control(ctx: FileContext, node_path: NodePath, text: str, *, key: bool = False) -> Problem:
    index = control_character(text)
    what = "the key" if key else dotted(node_path)
    return ctx.at(
        node_path,
        CONTROL_CHARACTER,
        f"{what} contains the control character U+{ord(text[index]):04X} at character {index + 1}; "
        "remove it (case text holds no control characters but tab and newline)",
        key=key,
    )


def _missing(ctx: FileContext, rule: Rule, node_path: NodePath, error: Any) -> Iterator[Problem]:
    here = dotted(node_path)
    present = error.instance if isinstance(error.instance, dict) else {}
    for name in error.validator_value:
        if name not in present:
            where = f" in {here}" if here else ""
            yield ctx.at(node_path, rule, f"missing required field '{name}'{where}; add it")


def _unknown_field(ctx: FileContext, rule: Rule, node_path: NodePath, error: Any) -> Iterator[Problem]:
    allowed = property_names(node_path)
    for name in error.instance:
        if name not in allowed:
            stripped = name.strip(_ODD_SPACES)
            if name[:1] in ODD_SPACES and stripped:
                yield ctx.at(
                    node_path + (name,),
                    rule,
                    f"unknown field '{name}': {indentation_message(name[0], stripped)}",
                    key=True,
                )
                continue
            if stripped != name:
                hint = f" (it starts or ends with a full-width or no-break space: indent with ASCII spaces{did_you_mean(stripped, allowed).replace(' (', '; ').rstrip(')')})"
            else:
                hint = did_you_mean(name, allowed)
            yield ctx.at(node_path + (name,), rule, f"unknown field '{name}'{hint}", key=True)


def _unknown_name(ctx: FileContext, rule: Rule, node_path: NodePath, error: Any) -> Iterator[Problem]:
    allowed = list(error.validator_value.get("enum", []))
    name = error.instance
    yield ctx.at(
        node_path + (name,),
        rule,
        f"unknown field '{name}' in {dotted(node_path)}{did_you_mean(name, allowed)}; use one of {', '.join(allowed)}",
        key=True,
    )


def _wrong_type(ctx: FileContext, rule: Rule, node_path: NodePath, error: Any) -> Iterator[Problem]:
    percent = percent_sign(ctx.loaded, node_path, error.instance, error.validator_value)
    if percent is not None:
        yield percent
        return
    yield ctx.at(node_path, rule, _type_message(ctx.loaded, node_path, error))


_PERCENT_NUMBER = re.compile(r"^([-+]?[0-9]+(?:\.[0-9]+)?) *[%％]$")


def percent_sign(loaded: LoadedFile, node_path: NodePath, value: Any, expected: Any) -> Problem | None:
    """``change_pct: -80%``: a number written with a percent sign, located at the sign."""
    from reformkit.yamltext.spans import char_offset, line_column, scalar_spans

    wanted = expected if isinstance(expected, list) else [expected]
    if not isinstance(value, str) or "number" not in wanted and "integer" not in wanted:
        return None
    match = _PERCENT_NUMBER.match(value.strip())
    if match is None:
        return None
    here, number, sign = dotted(node_path), match.group(1), value.strip()[-1]
    line, column = start = loaded.locate(node_path)
    span = scalar_spans(loaded.text).get(start) if loaded.text else None
    offset = char_offset(loaded.text or "", span, value, value.rindex(sign)) if span else None
    if offset is not None:
        line, column = line_column(loaded.text or "", offset)
    field = node_path[-1] if node_path else ""
    if field in ("change_pct", "change_pct_max"):
        how = f"{field} is a number of percent already: write {here.rpartition('.')[2]}: {number} ({FIXABLE})"
    else:
        how = "write the number alone and '%' in unit"
    return problem(
        loaded.path,
        line,
        column,
        WRONG_TYPE,
        f"the percent sign {named(sign)} after {number} makes {here} text; {how}",
        here,
    )


def _bad_pattern(ctx: FileContext, rule: Rule, node_path: NodePath, error: Any) -> Iterator[Problem]:
    yield ctx.at(node_path, rule, _pattern_message(node_path, error.instance))


def _bad_choice(ctx: FileContext, rule: Rule, node_path: NodePath, error: Any) -> Iterator[Problem]:
    choices = [str(c) for c in error.validator_value]
    value = error.instance
    hint = did_you_mean(value, choices) if isinstance(value, str) else ""
    if node_path and node_path[-2:-1] == ("approx",):
        what = f"approx.{node_path[-1]} must be"
    else:
        what = f"{dotted(node_path) or 'value'} must be"
    yield ctx.at(node_path, rule, f"{what} one of {', '.join(choices)}, not {value!r}{hint}")


def _empty(ctx: FileContext, rule: Rule, node_path: NodePath, error: Any) -> Iterator[Problem]:
    here = dotted(node_path)
    if error.validator == "minItems" and isinstance(error.instance, list) and error.instance:
        yield from _too_few(ctx, rule, node_path, error)
        return
    empty = {"minItems": "an empty list", "minLength": "empty text", "minProperties": "empty"}
    need = {"practices": "add at least one practice (主要做法) with a title"}
    fix = need.get(here, "fill it in" if is_required(node_path) else "fill it in or remove the field")
    yield ctx.at(node_path, rule, f"{here} is {empty[error.validator]}; {fix}" if here else fix)


def _too_few(ctx: FileContext, rule: Rule, node_path: NodePath, error: Any) -> Iterator[Problem]:
    """A list with items, but fewer than it needs (``source.lines`` holds two)."""
    here, least, count = dotted(node_path), error.validator_value, len(error.instance)
    items = "item" if count == 1 else "items"
    if node_path == ("source", "lines"):
        fix = "give the passage's first and last line, [12, 18]; a passage of one line gives it twice, [12, 12]"
    else:
        fix = f"add {least - count}"
    yield ctx.at(node_path, rule, f"{here} lists {count} {items}, needs at least {least}; {fix}")


def _repeats(ctx: FileContext, rule: Rule, node_path: NodePath, error: Any) -> Iterator[Problem]:
    yield ctx.at(node_path, rule, f"{dotted(node_path)} lists the same item twice; remove the repeat")


def _too_small(ctx: FileContext, rule: Rule, node_path: NodePath, error: Any) -> Iterator[Problem]:
    yield ctx.at(
        node_path,
        rule,
        f"{dotted(node_path)} must be at least {error.validator_value}, not {error.instance}",
    )


def _too_many(ctx: FileContext, rule: Rule, node_path: NodePath, error: Any) -> Iterator[Problem]:
    here, most, count = dotted(node_path), error.validator_value, len(error.instance)
    fix = "a case carries 1-4 tags: keep those that fit it best" if here == "tags" else f"remove {count - most}"
    yield ctx.at(node_path, rule, f"{here} lists {count} items, at most {most}; {fix}")


def _other(ctx: FileContext, rule: Rule, node_path: NodePath, error: Any) -> Iterator[Problem]:
    """Any other keyword: still located, with jsonschema's own words."""
    yield ctx.at(node_path, rule, f"{dotted(node_path)}: {error.message}")


_Explainer = Callable[[FileContext, Rule, NodePath, Any], Iterator[Problem]]

#: JSON Schema keyword -> the rule its violations break and the function that words them.
_EXPLAINERS: dict[str, tuple[Rule, _Explainer]] = {
    "required": (MISSING_FIELD, _missing),
    "additionalProperties": (UNKNOWN_FIELD, _unknown_field),
    "propertyNames": (UNKNOWN_FIELD, _unknown_name),
    "type": (WRONG_TYPE, _wrong_type),
    "pattern": (BAD_FORMAT, _bad_pattern),
    "enum": (BAD_CHOICE, _bad_choice),
    "minItems": (BAD_SIZE, _empty),
    "minLength": (BAD_SIZE, _empty),
    "minProperties": (BAD_SIZE, _empty),
    "uniqueItems": (BAD_SIZE, _repeats),
    "minimum": (BAD_SIZE, _too_small),
    "maxItems": (BAD_SIZE, _too_many),
}


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
