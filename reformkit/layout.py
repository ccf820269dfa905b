"""The canonical layout of a case file, applied to YAML text with its comments kept.

The text is read with ``ruamel.yaml`` in round-trip mode, which keeps every comment attached
to the node it follows, then laid out by these rules and written back:

- keys in the schema's order, at every depth (a case, ``region``, ``source``, practice and
  outcome items, metrics, ``approx``); keys the schema does not know keep their order after
  the known ones;
- ``region``, ``agencies``, ``tags``, ``recognition``, ``related`` and a metric's ``approx``
  in flow style (``{province: 海南省}``, ``[a, b]``), everything else in block style; a
  collection that holds a comment, or a nested collection, stays in block style;
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
    }
)

ITEM = "[]"

# Text that some reader takes for a date or a number even where YAML 1.1 and 1.2 do not
# (2023-07, 2023-7-1): quoted, as the bundled library writes partial dates.
_DATE_LIKE = re.compile(r"^\d{4}-\d{1,2}(-\d{1,2})?$")
_TRAILING_SPACE = re.compile(r"[ \t]+$", re.MULTILINE)


def canonical_text(value: str) -> str:
    """The canonical form of one text value of a case file.

    It returns the value unchanged: the layout never alters text, so that a formatted file
    loads to exactly the data it held. Every string scalar the formatter writes (values and
    list items, not keys) passes through this one function, so a text normalisation (such
    as restoring full-width Chinese punctuation) is applied everywhere by changing it alone.
    """
    return value


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
    from reformkit.schemacheck import case_schema

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

    if isinstance(node, CommentedMap):
        for key in list(node):
            value = node[key]
            if isinstance(key, str) and not isinstance(key, Verbatim) and type(key) is not str:
                _replace_key(node, key, _text_style(str(key), plain_as_written=False, room=None))
            if isinstance(value, (CommentedMap, CommentedSeq)):
                _arrange(value, (*path, str(key)))
            elif isinstance(value, str) and not isinstance(value, Verbatim):
                # A folded value would push an end-of-line comment off its line.
                token = _comment_token(node, key)
                flat = _goes_flow(node, path) or (token is not None and not token.value.startswith("\n"))
                room = None if flat else LINE_WIDTH - 2 * len(path) - display_width(f"{key}: ")
                node[key] = _text_style(value, plain_as_written=type(value) is str, room=room)
        _sort_keys(node, key_order(path), in_list=path[-1:] == (ITEM,))
    elif isinstance(node, CommentedSeq):
        for index, value in enumerate(node):
            if isinstance(value, (CommentedMap, CommentedSeq)):
                _arrange(value, (*path, ITEM))
            elif isinstance(value, str) and not isinstance(value, Verbatim):
                node[index] = _text_style(value, plain_as_written=type(value) is str, room=None)
    if _goes_flow(node, path):
        node.fa.set_flow_style()
    else:
        node.fa.set_block_style()


def _goes_flow(node: Any, path: tuple[str, ...]) -> bool:
    """Flow style for the fields that take it, unless the collection nests or holds comments."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    values = node.values() if isinstance(node, CommentedMap) else node
    nested = any(isinstance(v, (CommentedMap, CommentedSeq)) for v in values)
    return path in FLOW_FIELDS and not nested and not _has_inner_comments(node)


def _sort_keys(node: Any, order: tuple[str, ...], *, in_list: bool = False) -> None:
    """Put the keys in schema order, moving comments as lines, not as baggage.

    ruamel attaches the whole-line comments that follow an entry to that entry. They are
    about what comes next, so they are taken off and put back in front of the key they
    preceded (or at the end of the mapping, where they were at its end); a comment that
    cannot go there stays where ruamel had it.
    """
    rank = {key: position for position, key in enumerate(order)}
    keys = list(node)
    wanted = sorted(keys, key=lambda k: (0, rank[k]) if k in rank else (1, keys.index(k)))
    if wanted == keys:
        return
    leading: list[tuple[Any, Any, str]] = []  # (owner, key it precedes or _END, lines)
    for position, key in enumerate(keys):
        lines = _take_comment_lines(node, key)
        if lines:
            following = keys[position + 1] if position + 1 < len(keys) else _END
            leading.append((key, following, lines))
    for key in wanted:
        node.move_to_end(key)
    for owner, following, lines in leading:
        at = len(wanted) if following is _END else wanted.index(following)
        if at == 0:
            _add_leading_comment(node, lines, outdent=2 if in_list else 0)
            continue
        target = wanted[at - 1]
        if not _can_hold_comment_lines(node, target):
            target = owner
        _add_comment_lines(node, target, lines)


_END = object()


def _comment_token(node: Any, key: Any) -> Any:
    entry = node.ca.items.get(key)
    return entry[2] if entry and len(entry) > 2 else None


def _take_comment_lines(node: Any, key: Any) -> str:
    """Remove and return the whole-line comments after ``key``'s (scalar or flow) value."""
    token = _comment_token(node, key)
    if token is None or not _can_hold_comment_lines(node, key):
        return ""
    end_of_line, _, lines = token.value.partition("\n")
    if not lines.strip():
        return ""
    if end_of_line:
        token.value = end_of_line + "\n"
    else:
        node.ca.items[key][2] = None
    return str(lines)


def _can_hold_comment_lines(node: Any, key: Any) -> bool:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    value = node[key]
    return not isinstance(value, (CommentedMap, CommentedSeq)) or bool(value.fa.flow_style())


def _add_comment_lines(node: Any, key: Any, lines: str) -> None:
    from ruamel.yaml.error import CommentMark
    from ruamel.yaml.tokens import CommentToken

    token = _comment_token(node, key)
    if token is None:
        entry = node.ca.items.setdefault(key, [None, None, None, None])
        entry[2] = CommentToken("\n" + lines, CommentMark(0), None)
    else:
        token.value = token.value.rstrip("\n") + "\n" + lines if token.value.strip() else "\n" + lines


def _add_leading_comment(node: Any, lines: str, *, outdent: int) -> None:
    """Put comment lines in front of the mapping's first key (``outdent``: to the column of
    the "- " of a list item)."""
    from ruamel.yaml.error import CommentMark
    from ruamel.yaml.tokens import CommentToken

    if not node.ca.comment:
        node.ca.comment = [None, []]
    while len(node.ca.comment) < 2:
        node.ca.comment.append([])
    if node.ca.comment[1] is None:
        node.ca.comment[1] = []
    for line in lines.splitlines():
        text = line.lstrip(" ")
        node.ca.comment[1].append(
            CommentToken(text + "\n", CommentMark(max(0, len(line) - len(text) - outdent)))
        )


def _replace_key(node: Any, old: Any, new: str) -> None:
    """Rename a key to an equal string of another style, keeping its place and comments."""
    if type(new) is type(old) or (
        type(old) is str and isinstance(new, str) and new.__class__.__name__ == "PlainScalarString"
    ):
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


def _has_inner_comments(node: Any) -> bool:
    """Comments on the items of ``node`` or before its first item (flow style has no room
    for them); the comment after a flow collection's closing bracket does not count."""
    ca = node.ca
    before_first = bool(ca.comment and len(ca.comment) > 1 and ca.comment[1])
    return before_first or any(any(part for part in entry if part) for entry in ca.items.values())


def _text_style(value: str, *, plain_as_written: bool, room: int | None) -> str:
    """``value`` as the scalar type that carries its canonical style.

    ``plain_as_written``: the text was plain in the file, so plain keeps its meaning.
    ``room``: columns left for the value on its line in a block mapping (None elsewhere,
    where block scalars cannot go).
    """
    from ruamel.yaml.scalarstring import (
        DoubleQuotedScalarString,
        FoldedScalarString,
        LiteralScalarString,
        PlainScalarString,
        SingleQuotedScalarString,
    )

    text = canonical_text(value)
    if "\n" in text:
        if room is not None and not _TRAILING_SPACE.search(text):
            return LiteralScalarString(text)  # type: ignore[no-any-return]
        # Spaces before a line break would be trailing spaces in a block scalar; in double
        # quotes the break is written as \n and the line ends with a quote.
        return DoubleQuotedScalarString(text)  # type: ignore[no-any-return]
    if room is not None and display_width(text) > room and text.strip() == text:
        return FoldedScalarString(text)  # type: ignore[no-any-return]
    if (plain_as_written and text == value) or _plain_keeps_text(text):
        # Not a bare str: ruamel keeps the old style when a bare str replaces a styled one.
        return PlainScalarString(text)  # type: ignore[no-any-return]
    return SingleQuotedScalarString(text)  # type: ignore[no-any-return]


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
