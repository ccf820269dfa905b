"""Rewrite the string values of a YAML document in its own text, keeping everything else.

Keys, comments, indentation, flow punctuation (the comma of ``[a, b]``, the colon of
``key: value``), quoting style and block scalars stay as written: only the characters of a
value that the transform changed are replaced where the source holds them. A value that the
edit would make mean something else in YAML is written as a double-quoted scalar instead.
Used to restore punctuation widths across case files (and, later, by a formatter).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reformkit.yamltext.events import Scalar, scalars


class YamlEditError(ValueError):
    """The text is not YAML this module can rewrite safely; nothing was changed."""


def _scalars(text: str) -> list[Scalar]:
    """Every scalar of ``text`` in document order, with its span and whether it is a key."""
    import yaml

    try:
        return list(scalars(text))
    except yaml.YAMLError as exc:
        raise YamlEditError(f"not valid YAML: {exc}") from None


def _edit_in_place(source: str, old: str, new: str) -> str | None:
    """``source`` (a scalar's text) with the characters where ``old`` and ``new`` differ
    replaced, each found as the same occurrence of that character; None if not possible."""
    if len(old) != len(new):
        return None
    chars = list(source)
    for index, (was, now) in enumerate(zip(old, new, strict=True)):
        if was == now:
            continue
        occurrence = old.count(was, 0, index)
        position = -1
        for _ in range(occurrence + 1):
            position = source.find(was, position + 1)
            if position < 0:
                return None
        chars[position] = now
    return "".join(chars)


def _quoted(value: str) -> str:
    """A YAML double-quoted scalar: JSON string syntax is a subset of it."""
    from reformkit.text.escape import json_text

    return json_text(value)


def _rewrite(text: str, scalars: list[Scalar], wanted: dict[int, str], requote: set[int]) -> str:
    pieces: list[str] = []
    cursor = 0
    for number, scalar in enumerate(scalars):
        if number not in wanted:
            continue
        source = text[scalar.start : scalar.end]
        edited = None if number in requote else _edit_in_place(source, scalar.value, wanted[number])
        if edited is None:
            if scalar.style in ("|", ">"):
                raise YamlEditError(f"cannot rewrite the block scalar at offset {scalar.start} in place")
            edited = _quoted(wanted[number])
        pieces += [text[cursor : scalar.start], edited]
        cursor = scalar.end
    pieces.append(text[cursor:])
    return "".join(pieces)


def rewrite_values(text: str, transform: Callable[[str], str]) -> str:
    """``text`` with ``transform`` applied to every scalar value that is not a mapping key.

    Raises YamlEditError when ``text`` is not YAML or a value cannot be rewritten safely.
    """
    scalars = _scalars(text)
    wanted = {
        number: new
        for number, scalar in enumerate(scalars)
        if not scalar.is_key and (new := transform(scalar.value)) != scalar.value
    }
    if not wanted:
        return text
    expected = [wanted.get(number, scalar.value) for number, scalar in enumerate(scalars)]
    requote: set[int] = set()
    for _ in range(2):
        result = _rewrite(text, scalars, wanted, requote)
        try:
            got: list[Any] = [scalar.value for scalar in _scalars(result)]
        except YamlEditError:
            got = []
        if got == expected:
            return result
        if len(got) != len(expected):
            requote = set(wanted)
        else:
            requote |= {number for number in wanted if got[number] != expected[number]}
    raise YamlEditError("the edited text does not read back as the intended values")
