"""What a scalar of a case file means: text, number, boolean, null or date, and the YAML 1.1
readings (sexagesimal, octal, yes/no, timestamps) a case file must not rely on."""

from __future__ import annotations

import math
import re
from functools import cache
from typing import Any

from reformkit.case.model import LoadedFile, NodePath, dotted
from reformkit.rules.base import Rule, problem
from reformkit.rules.loading import (
    AMBIGUOUS_NUMBER,
    NON_FINITE_NUMBER,
)

_SEXAGESIMAL = re.compile(r"^[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?$")
_TIMESTAMP_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
#: A number with an exponent YAML 1.1 reads as text (1e400, 1.0e400: its floats need a dot and
#: a signed exponent), and YAML 1.2 and a reader as a number.
_EXPONENT = re.compile(r"^[-+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)[eE][-+]?[0-9]+$")


@cache
def resolver() -> Any:
    import yaml

    return yaml.resolver.Resolver()


@cache
def _resolver_first_chars() -> frozenset[str]:
    return frozenset(k for k in resolver().yaml_implicit_resolvers if k)


def scalar_value(event: Any, resolver: Any, result: LoadedFile, node_path: NodePath) -> Any:
    """Turn a scalar event into str/int/float/bool/None, dates into YYYY-MM-DD strings."""
    value: str = event.value
    if not event.implicit[0]:  # quoted, block or tagged: text as written
        return value
    if value and value[0] not in _resolver_first_chars():
        return value  # no implicit type starts with this character: plain text
    import yaml

    tag = resolver.resolve(yaml.ScalarNode, value, (True, False))
    if tag == "tag:yaml.org,2002:str":
        if _EXPONENT.match(value) and not math.isfinite(float(value)):
            # 1e400: text to YAML 1.1 (its floats need a dot), a number past the float range
            # to YAML 1.2 and to a reader: RK016, as 1.0e400 is
            result.raw_scalars[node_path] = value
            return _finite(float(value), value, result, node_path, event)
        return value
    result.raw_scalars[node_path] = value
    if tag == "tag:yaml.org,2002:null":
        return None
    if tag == "tag:yaml.org,2002:bool":
        return value.lower() in ("yes", "true", "on")
    if tag == "tag:yaml.org,2002:int":
        return _finite(_yaml11_int(value, result, node_path, event), value, result, node_path, event)
    if tag == "tag:yaml.org,2002:float":
        return _finite(_yaml11_float(value, result, node_path, event), value, result, node_path, event)
    if tag == "tag:yaml.org,2002:timestamp":
        match = _TIMESTAMP_DATE.match(value)
        if match:
            year, month, day = match.groups()
            return f"{year}-{int(month):02d}-{int(day):02d}"
        return value  # a date with a time: the schema's date pattern reports it
    return value


def _report(result: LoadedFile, event: Any, rule: Rule, message: str, node_path: NodePath) -> None:
    """Record a problem of the value at ``event``."""
    mark = event.start_mark
    result.problems.append(
        problem(result.path, mark.line + 1, mark.column + 1, rule, message, dotted(node_path))
    )


def _ambiguous(value: str, reading: str, result: LoadedFile, node_path: NodePath, event: Any) -> None:
    message = (
        f"'{value}' is read by YAML 1.1 as {reading}; write the number plainly, or quote it if it is text"
    )
    _report(result, event, AMBIGUOUS_NUMBER, message, node_path)


def _finite(number: float, value: str, result: LoadedFile, node_path: NodePath, event: Any) -> float:
    """A number every command can compute with: finite, and (an integer) within float range.

    Anything else (.nan, .inf in any spelling, a decimal that overflows to infinity, an integer
    too long to read or past the float range) is recorded as a problem and kept as NaN or a
    signed infinity, so the document still has a number there and no rule does arithmetic
    on it (``reformkit.case.metrics`` treats non-finite figures as not computable).
    """
    if isinstance(number, int):
        try:
            float(number)
        except OverflowError:
            number = -math.inf if number < 0 else math.inf
        else:
            return number
    if math.isfinite(number):
        return number
    if math.isnan(number):
        what = f"'{value}', which YAML reads as not-a-number (NaN)"
    elif value.replace("_", "").lstrip("+-").lower() in (".inf",):
        what = f"'{value}', which YAML reads as infinity"
    else:
        core = value.lstrip("+-").replace("_", "")
        if core[:2] in ("0x", "0b"):  # YAML 1.1 hexadecimal and binary integers
            core = core[2:]
        digits = sum(char.isalnum() for char in core)
        shown = f"'{value}'" if len(value) <= 24 else f"a {digits:,}-digit number"
        what = f"{shown}, too large to be a number"
    message = f"{dotted(node_path) or 'the value'} is {what}; write the figure the source states (quote it if it is text)"
    _report(result, event, NON_FINITE_NUMBER, message, node_path)
    return number


def _yaml11_int(value: str, result: LoadedFile, node_path: NodePath, event: Any) -> float:
    """A YAML 1.1 integer; one too long for ``int()`` (``sys.get_int_max_str_digits``) is an
    infinity of its sign, which ``_finite`` reports."""
    text = value.replace("_", "")
    sign = -1 if text.startswith("-") else 1
    digits = text.lstrip("+-")
    try:
        return _int_value(value, digits, sign, result, node_path, event)
    except ValueError:  # past the int-conversion limit: too large to be a figure anyway
        return math.copysign(math.inf, sign)


def _int_value(
    value: str, digits: str, sign: int, result: LoadedFile, node_path: NodePath, event: Any
) -> int:
    if _SEXAGESIMAL.match(value):
        number = 0
        for part in digits.split(":"):
            number = number * 60 + int(part)
        _ambiguous(value, f"the base-60 number {sign * number}", result, node_path, event)
        return sign * number
    if digits.startswith("0b"):
        number = int(digits[2:], 2)
    elif digits.startswith("0x"):
        number = int(digits[2:], 16)
    elif len(digits) > 1 and digits.startswith("0"):
        number = int(digits, 8)
    else:
        number = int(digits)
        if "_" in value:
            _ambiguous(value, f"{sign * number} (underscores dropped)", result, node_path, event)
        return sign * number
    _ambiguous(value, f"{sign * number} (not decimal)", result, node_path, event)
    return sign * number


def _yaml11_float(value: str, result: LoadedFile, node_path: NodePath, event: Any) -> float:
    text = value.replace("_", "").lower()
    if text in (".inf", "+.inf", "-.inf", ".nan"):
        return float(text.replace(".", ""))
    if ":" in text:
        sign = -1 if text.startswith("-") else 1
        number = 0.0
        for part in text.lstrip("+-").split(":"):
            number = number * 60 + float(part)
        _ambiguous(value, f"the base-60 number {sign * number}", result, node_path, event)
        return sign * number
    return float(text)
