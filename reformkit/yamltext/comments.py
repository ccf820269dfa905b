"""Comments of a ruamel.yaml round-trip document: which a collection holds, and keeping them
with the lines they belong to when the keys of a mapping are put in another order."""

from __future__ import annotations

from typing import Any


def reorder(node: Any, wanted: list[Any], *, in_list: bool = False) -> None:
    """Put the keys of ``node`` (a CommentedMap) in the order ``wanted``, moving comments as
    lines, not as baggage.

    ruamel attaches the whole-line comments that follow an entry to that entry. They are
    about what comes next, so they are taken off and put back in front of the key they
    preceded (or at the end of the mapping, where they were at its end); a comment that
    cannot go there stays where ruamel had it. ``in_list``: the mapping is a list item, so
    comments in front of it sit at the column of its "- ".
    """
    keys = list(node)
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


def has_inner_comments(node: Any) -> bool:
    """Comments on the items of ``node`` or before its first item (flow style has no room
    for them); the comment after a flow collection's closing bracket does not count."""
    ca = node.ca
    before_first = bool(ca.comment and len(ca.comment) > 1 and ca.comment[1])
    return before_first or any(any(part for part in entry if part) for entry in ca.items.values())


def has_end_of_line_comment(node: Any, key: Any) -> bool:
    """Whether a comment follows ``key``'s value on its line."""
    token = _comment_token(node, key)
    return token is not None and not token.value.startswith("\n")
