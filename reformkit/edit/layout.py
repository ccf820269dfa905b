"""The canonical layout of a case file, applied to YAML text with its comments kept.

The text is read with ``ruamel.yaml`` in round-trip mode, which keeps every comment attached
to the node it follows, then laid out by these rules and written back:

- keys in the schema's order, at every depth (a case, ``region``, ``source``, practice and
  outcome items, metrics, ``approx``); keys the schema does not know keep their order after
  the known ones;
- ``region``, ``agencies``, ``tags``, ``recognition``, ``related`` and a metric's ``approx``
  in flow style (``{province: 海南省}``, ``[a, b]``), everything else in block style; a
  collection that holds a comment, or a nested collection, stays in block style; an empty
  collection is ``[]`` or ``{}`` (its end-of-line comment kept);
- indentation of two spaces, list items indented under their key (``  - title: …``);
- a text value whose ``key: value`` line would be wider than :data:`LINE_WIDTH` columns (a
  Chinese character counts two) is a folded block scalar (``>-``) on one line; text holding
  a line break is a literal block scalar (``|``); other text is plain;
- quotes only where YAML needs them: when a YAML 1.1 or 1.2 reader would take the plain text
  for something else (a number, boolean, null or date, ``2023-07`` included) or when the
  text cannot be written plain; single quotes, double quotes only for what single quotes
  cannot hold (control characters, trailing spaces before a line break);
- numbers, dates, booleans and nulls written exactly as they were (``1.50`` stays ``1.50``);
- no trailing spaces, one final newline.

Every text value passes through :func:`canonical_text`.
"""

from __future__ import annotations

import io
import re
import unicodedata
from functools import cache
from typing import Any

#: Widest ``key: value`` line written as plain text, in terminal columns.
LINE_WIDTH = 88

#: Fields written in flow style, as key paths (``[]`` stands for any list item).
FLOW_FIELDS = frozenset(
    {
        ("region",),
        ("agencies",),
        ("tags",),
        ("recognition",),
        ("related",),
        ("metrics", "[]", "approx"),
        ("source", "lines"),
    }
)

ITEM = "[]"

# Text that some reader takes for a date or a number even where YAML 1.1 and 1.2 do not
# (2023-07, 2023-7-1): quoted, as the bundled library writes partial dates.
_DATE_LIKE = re.compile(r"^\d{4}-\d{1,2}(-\d{1,2})?$")
_TRAILING_SPACE = re.compile(r"[ \t]+$", re.MULTILINE)
# What only double quotes can hold: control characters (a tab aside), line breaks other
# than \n (U+0085, U+2028, U+2029), the BOM and non-characters; there they are escaped.
_DOUBLE_QUOTES_ONLY = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff\ufffe\uffff]")


def canonical_text(value: str) -> str:
    """The canonical form of one text value of a case file: Chinese punctuation per
    GB/T 15834 (``reformkit.text.punctuation``), nothing else.

    Every string scalar the formatter writes (values and list items, not keys) passes through
    this one function; the data check compares a file's data with this applied to the original.
    """
    from reformkit.text.punctuation import fix_punctuation

    return fix_punctuation(value)


class LayoutError(Exception):
    """ruamel.yaml could not read the text; ``line`` and ``column`` are 1-based."""

    def __init__(self, message: str, line: int = 1, column: int = 1) -> None:
        super().__init__(message)
        self.line = line
        self.column = column


def format_yaml(text: str) -> str:
    """``text`` (one YAML mapping) in the canonical layout, comments kept."""
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    yaml = _yaml()
    try:
        document = yaml.load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise LayoutError(f"YAML syntax error: {exc.problem or exc}", line, column) from None
    except (YAMLError, ValueError, TypeError) as exc:
        raise LayoutError(f"YAML syntax error: {exc}") from None
    _arrange(document, ())
    out = io.StringIO()
    yaml.dump(document, out)
    return _TRAILING_SPACE.sub("", out.getvalue()).rstrip("\n") + "\n"


def display_width(text: str) -> int:
    """Terminal columns of ``text``: wide and full-width characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


@cache
def _yaml_classes() -> tuple[Any, Any]:
    """A round-trip constructor that keeps numbers, dates, booleans and nulls verbatim,
    and the representer that writes them back as they were."""
    from ruamel.yaml.constructor import RoundTripConstructor
    from ruamel.yaml.representer import RoundTripRepresenter

    class Constructor(RoundTripConstructor):
        pass

    class Representer(RoundTripRepresenter):
        pass

    def construct_verbatim(self: Any, node: Any) -> Verbatim:
        return Verbatim(node.value, node.tag)

    def represent_verbatim(self: Any, data: Verbatim) -> Any:
        return self.represent_scalar(data.tag, str(data))

    for kind in ("int", "float", "bool", "null", "timestamp"):
        Constructor.add_constructor(f"tag:yaml.org,2002:{kind}", construct_verbatim)
    Representer.add_representer(Verbatim, represent_verbatim)
    return Constructor, Representer


def _yaml() -> Any:
    from ruamel.yaml import YAML

    constructor, representer = _yaml_classes()
    yaml = YAML(typ="rt")
    yaml.Constructor = constructor
    yaml.Representer = representer
    yaml.preserve_quotes = True
    yaml.allow_duplicate_keys = False
    yaml.width = 1_000_000  # never wrap a line: lines break only where the text does
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.allow_unicode = True
    return yaml


class Verbatim(str):
    """A plain scalar that is not text (number, date, boolean, null), kept as written."""

    tag: str

    def __new__(cls, value: str, tag: str) -> Verbatim:
        made = super().__new__(cls, value)
        made.tag = tag
        return made


@cache
def _schema() -> dict[str, Any]:
    from reformkit.case.schemacheck import case_schema

    return case_schema()


def _resolve(node: dict[str, Any] | None) -> dict[str, Any] | None:
    while node is not None and "$ref" in node:
        name = node["$ref"].rsplit("/", 1)[-1]
        node = _schema().get("$defs", {}).get(name)
    return node


@cache
def _schema_node(path: tuple[str, ...]) -> dict[str, Any] | None:
    node = _resolve(_schema())
    for step in path:
        if node is None:
            return None
        node = _resolve(node.get("items") if step == ITEM else node.get("properties", {}).get(step))
    return node


@cache
def key_order(path: tuple[str, ...]) -> tuple[str, ...]:
    """The schema's order of the keys of the mapping at ``path`` (empty when unknown)."""
    node = _schema_node(path)
    if node is None:
        return ()
    if "properties" in node:
        return tuple(node["properties"])
    return tuple(node.get("propertyNames", {}).get("enum", ()))


def _arrange(node: Any, path: tuple[str, ...]) -> None:
    """Lay out ``node`` (found at key ``path``) and everything below it, in place."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    from reformkit.yamltext.comments import has_end_of_line_comment

    if isinstance(node, CommentedMap):
        for key in list(node):
            value = node[key]
            if isinstance(key, str) and not isinstance(key, Verbatim) and type(key) is not str:
                _restyle_key(node, key)
            if isinstance(value, (CommentedMap, CommentedSeq)):
                _arrange(value, (*path, str(key)))
            elif isinstance(value, str) and not isinstance(value, Verbatim):
                # A folded value would push an end-of-line comment off its line.
                in_flow = _goes_flow(node, path)
                flat = in_flow or has_end_of_line_comment(node, key)
                room = None if flat else LINE_WIDTH - 2 * len(path) - display_width(f"{key}: ")
                node[key] = _text_style(
                    value, plain_as_written=type(value) is str, room=room, in_flow=in_flow
                )
        _sort_keys(node, key_order(path), in_list=path[-1:] == (ITEM,))
    elif isinstance(node, CommentedSeq):
        in_flow = _goes_flow(node, path)
        for index, value in enumerate(node):
            if isinstance(value, (CommentedMap, CommentedSeq)):
                _arrange(value, (*path, ITEM))
            elif isinstance(value, str) and not isinstance(value, Verbatim):
                node[index] = _text_style(
                    value, plain_as_written=type(value) is str, room=None, in_flow=in_flow
                )
    if _goes_flow(node, path) or not node:
        # An empty collection is written ``[]`` or ``{}`` whatever its style; in block style
        # ruamel puts its end-of-line comment in front of it and breaks the file.
        node.fa.set_flow_style()
    else:
        node.fa.set_block_style()


def _goes_flow(node: Any, path: tuple[str, ...]) -> bool:
    """Flow style for the fields that take it, unless the collection nests or holds comments."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    from reformkit.yamltext.comments import has_inner_comments

    values = node.values() if isinstance(node, CommentedMap) else node
    nested = any(isinstance(v, (CommentedMap, CommentedSeq)) for v in values)
    return path in FLOW_FIELDS and not nested and not has_inner_comments(node)


def _sort_keys(node: Any, order: tuple[str, ...], *, in_list: bool = False) -> None:
    """Put the keys in schema order; unknown keys keep their order after the known ones."""
    from reformkit.yamltext.comments import reorder

    rank = {key: position for position, key in enumerate(order)}
    keys = list(node)
    wanted = sorted(keys, key=lambda k: (0, rank[k]) if k in rank else (1, keys.index(k)))
    if wanted != keys:
        reorder(node, wanted, in_list=in_list)


def _restyle_key(node: Any, old: Any) -> None:
    """Write a quoted key plain when plain keeps it (keys are names: never re-worded),
    keeping its place and its comments."""
    from ruamel.yaml.scalarstring import PlainScalarString, SingleQuotedScalarString

    text = str(old)
    if _plain_keeps_text(text):
        new: str = PlainScalarString(text)
    elif "\n" in text or _DOUBLE_QUOTES_ONLY.search(text):
        return
    else:
        new = SingleQuotedScalarString(text)
    if type(new) is type(old):
        return
    keys = list(node)
    value = node[old]
    comment = node.ca.items.pop(old, None)
    del node[old]
    node[new] = value
    if comment is not None:
        node.ca.items[new] = comment
    for key in keys[keys.index(old) + 1 :]:
        node.move_to_end(key)


def _text_style(value: str, *, plain_as_written: bool, room: int | None, in_flow: bool) -> str:
    """``value`` as the scalar type that carries its canonical style.

    ``plain_as_written``: the text was plain in the file, so plain keeps its meaning.
    ``room``: columns left for the value on its line in a block mapping (None elsewhere,
    where block scalars cannot go). ``in_flow``: the value goes inside ``[…]`` or ``{…}``,
    where more characters need quotes than in block style.
    """
    from ruamel.yaml.scalarstring import (
        DoubleQuotedScalarString,
        FoldedScalarString,
        LiteralScalarString,
        PlainScalarString,
        SingleQuotedScalarString,
    )

    text = canonical_text(value)
    if _DOUBLE_QUOTES_ONLY.search(text):
        # Only double quotes escape them (a raw U+0085 is a line break to YAML 1.1).
        return DoubleQuotedScalarString(text)  # type: ignore[no-any-return]
    blockable = room is not None and text[:1] not in (" ", "\n")
    if "\n" in text:
        if blockable and not _TRAILING_SPACE.search(text):
            return LiteralScalarString(text)  # type: ignore[no-any-return]
        # Spaces before a line break would be trailing spaces in a block scalar; in double
        # quotes the break is written as \n and the line ends with a quote.
        return DoubleQuotedScalarString(text)  # type: ignore[no-any-return]
    if blockable and room is not None and display_width(text) > room and text.strip() == text:
        return FoldedScalarString(text)  # type: ignore[no-any-return]
    if in_flow and not _flow_plain_safe(text):
        return SingleQuotedScalarString(text)  # type: ignore[no-any-return]
    if (plain_as_written and text == value) or _plain_keeps_text(text):
        # Not a bare str: ruamel keeps the old style when a bare str replaces a styled one.
        return PlainScalarString(text)  # type: ignore[no-any-return]
    return SingleQuotedScalarString(text)  # type: ignore[no-any-return]


def _flow_plain_safe(text: str) -> bool:
    """Whether ``text`` can be a plain scalar inside ``[…]`` or ``{…}`` for every reader (PyYAML
    takes a leading ``?`` or ``:`` there for an indicator even before a non-space)."""
    if not text or text != text.strip() or text[0] in "-?:,[]{}#&*!|>'\"%@`":
        return False
    return (
        not any(ch in text for ch in ",[]{}")
        and ": " not in text
        and " #" not in text
        and not text.endswith(":")
    )


def _plain_keeps_text(text: str) -> bool:
    """Whether ``text`` written plain is read back as this text by YAML 1.1 and 1.2 alike."""
    import yaml

    if not text or _DATE_LIKE.match(text):
        return False
    tag_11 = _resolver_11().resolve(yaml.ScalarNode, text, (True, False))
    tag_12 = _resolver_12().resolve(_ruamel_scalar_node(), text, (True, False))
    return bool(tag_11 == tag_12 == "tag:yaml.org,2002:str")


@cache
def _resolver_11() -> Any:
    import yaml

    return yaml.resolver.Resolver()


@cache
def _resolver_12() -> Any:
    from ruamel.yaml.resolver import VersionedResolver

    return VersionedResolver(version=(1, 2))


@cache
def _ruamel_scalar_node() -> Any:
    from ruamel.yaml.nodes import ScalarNode

    return ScalarNode
