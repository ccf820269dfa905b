"""The walk over PyYAML's event stream that builds a case file's document with the position
of every key and value, refusing what case files have no use for."""

from __future__ import annotations

from typing import Any, NoReturn

from reformkit.case.model import KEY, LoadedFile, NodePath, Problem, dotted
from reformkit.config import DEFAULT_MAX_DEPTH
from reformkit.library.loader.scalars import resolver as scalar_resolver
from reformkit.library.loader.scalars import scalar_value
from reformkit.rules.base import Rule, problem
from reformkit.rules.loading import (
    ANCHOR_ALIAS,
    DUPLICATE_KEY,
    EMPTY_FILE,
    EXPLICIT_TAG,
    MULTIPLE_DOCUMENTS,
    NOT_A_MAPPING,
    TOO_DEEP,
    YAML_SYNTAX,
)

_MISSING = object()
_SAFE_TAGS = {None, "!", "tag:yaml.org,2002:str"}


def _refuse_anchor_and_tag(event: Any, display: str, problems: list[Problem], node_path: NodePath) -> None:
    mark = event.start_mark
    anchor = getattr(event, "anchor", None)
    if anchor is not None:
        problems.append(
            problem(
                display,
                mark.line + 1,
                mark.column + 1,
                ANCHOR_ALIAS,
                f"defines the anchor &{anchor}; case files do not use anchors: remove it",
                dotted(node_path),
            )
        )
    tag = getattr(event, "tag", None)
    if tag is not None and tag not in _SAFE_TAGS:
        shown = tag.replace("tag:yaml.org,2002:", "!!")
        problems.append(
            problem(
                display,
                mark.line + 1,
                mark.column + 1,
                EXPLICIT_TAG,
                f"uses the tag {shown}; case files use no tags: remove it (quote the value if "
                "it should be text)",
                dotted(node_path),
            )
        )


def parse_text(text: str, result: LoadedFile, *, max_depth: int = DEFAULT_MAX_DEPTH) -> None:
    """Parse YAML text into ``result.data`` and its positions."""
    import yaml

    try:
        _build(text, result, max_depth)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        if mark is not None and _flow_depth_at(text, mark.index) >= max_depth:
            # The parser's own nesting limit (libyaml's scanner looks ahead, so it can stop
            # before the event walk sees the depth): reformkit's limit, reformkit's message.
            result.data = None
            result.problems.append(problem(result.path, line, column, TOO_DEEP, _too_deep_message(max_depth)))
            return
        what = exc.problem or "invalid YAML"
        context = ""
        if exc.context and exc.problem:
            opened = exc.context_mark
            started = f" started at line {opened.line + 1}, column {opened.column + 1}" if opened else ""
            context = f" ({exc.context}{started})"
        result.data = None
        message = f"YAML syntax error: {what}{context}"
        from reformkit.yamltext.ime import diagnose

        opened_line = exc.context_mark.line + 1 if exc.context_mark else None
        found = diagnose(text, line, column, opened_line, f"{what}{context}")
        if found is not None:
            line, column, message = found.line, found.column, f"YAML syntax error: {found.message}"
        result.problems.append(problem(result.path, line, column, YAML_SYNTAX, message))
    except yaml.reader.ReaderError as exc:
        line, column = _char_position(text, exc.position)
        result.data = None
        result.problems.append(
            problem(
                result.path,
                line,
                column,
                YAML_SYNTAX,
                f"YAML syntax error: control character {exc.character!r} is not allowed; remove it",
            )
        )
    except yaml.YAMLError as exc:  # any other parser complaint, still the file's fault
        result.data = None
        result.problems.append(problem(result.path, 1, 1, YAML_SYNTAX, f"YAML syntax error: {exc}"))


def _char_position(text: str, index: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index) + 1, index - line_start + 1


class _Stop(Exception):
    """Abandon building the document after a fatal problem was recorded."""


def _build(text: str, result: LoadedFile, max_depth: int) -> None:
    """Parse ``text`` into ``result.data``; a fault becomes a problem and leaves data None."""
    import yaml

    loader_class = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        documents, top = _read_events(loader_class(text), result, max_depth)
    except _Stop:
        result.data = None
        return
    result.data = _one_mapping(documents, top, result)


def _read_events(parser: Any, result: LoadedFile, max_depth: int) -> tuple[int, Any]:
    """Build the document from the parser's events: (documents started, top-level value).

    The hot loop of loading a library; rare events (aliases, a second document) call out.
    """
    from yaml import events as ev

    resolver = scalar_resolver()
    scalar_event, mapping_start = ev.ScalarEvent, ev.MappingStartEvent
    ends = (ev.MappingEndEvent, ev.SequenceEndEvent)
    skipped = (ev.StreamStartEvent, ev.DocumentEndEvent)
    documents = 0
    top: Any = _MISSING
    # Each frame: [container, node_path, pending_key_or_None, next_index, is_mapping]
    stack: list[list[Any]] = []
    while True:
        event = parser.get_event()
        cls = type(event)
        if cls is scalar_event:
            pass
        elif cls in ends:
            stack.pop()
            continue
        elif event is None or cls is ev.StreamEndEvent:
            return documents, top
        elif cls in skipped:
            continue
        elif cls is ev.DocumentStartEvent:
            documents += 1
            if documents > 1:
                _second_document(event, result)
            continue

        frame = stack[-1] if stack else None
        if cls is ev.AliasEvent:
            _refuse_alias(event, frame, result)
        if frame is not None and frame[4] and frame[2] is None:
            # A scalar in key position of a mapping is a key, not a value.
            if cls is not scalar_event:
                _fatal(result, event, YAML_SYNTAX, "a mapping key must be plain text, not a list or mapping")
            frame[2] = _take_key(event, frame, result)
            continue

        node_path = _node_path(event, frame, result)
        if cls is scalar_event:
            value = scalar_value(event, resolver, result, node_path)
        else:  # the start of a mapping or a sequence: every other event was handled above
            value = {} if cls is mapping_start else []
        if frame is None:
            top = value
        elif frame[4]:
            frame[0][frame[2]] = value
            frame[2] = None
        else:
            frame[0].append(value)
            frame[3] += 1
        if cls is not scalar_event:
            if len(stack) >= max_depth:
                _too_deep(event, max_depth, result)
            stack.append([value, node_path, None, 0, cls is mapping_start])


def _node_path(event: Any, frame: list[Any] | None, result: LoadedFile) -> NodePath:
    """The path of a value node, its position noted and any anchor or tag refused."""
    if frame is None:
        node_path: NodePath = ()
    elif frame[4]:
        node_path = frame[1] + (frame[2],)
    else:
        node_path = frame[1] + (frame[3],)
    mark = event.start_mark
    result.positions[node_path] = (mark.line + 1, mark.column + 1)
    if event.anchor is not None or event.tag not in _SAFE_TAGS:
        _refuse_anchor_and_tag(event, result.path, result.problems, node_path)
    return node_path


def _second_document(event: Any, result: LoadedFile) -> NoReturn:
    _fatal(
        result, event, MULTIPLE_DOCUMENTS, "holds more than one YAML document ('---'); keep one case per file"
    )


def _fatal(result: LoadedFile, event: Any, rule: Rule, message: str, field: str = "") -> NoReturn:
    """Record a problem at the event and abandon the document."""
    mark = event.start_mark
    result.problems.append(problem(result.path, mark.line + 1, mark.column + 1, rule, message, field))
    raise _Stop


def _refuse_alias(event: Any, frame: list[Any] | None, result: LoadedFile) -> NoReturn:
    where = ""
    if frame is not None and frame[4] and frame[2] is not None:
        where = dotted(frame[1] + (frame[2],))
    elif frame is not None and not frame[4]:
        where = dotted(frame[1] + (frame[3],))
    _fatal(
        result,
        event,
        ANCHOR_ALIAS,
        f"uses the alias *{event.anchor}; case files do not use anchors or "
        "aliases: write the value out in full",
        where,
    )


def _too_deep(event: Any, max_depth: int, result: LoadedFile) -> NoReturn:
    _fatal(result, event, TOO_DEEP, _too_deep_message(max_depth))


def _too_deep_message(max_depth: int) -> str:
    return f"nests deeper than {max_depth} levels; case files are shallow: flatten it (or raise [rules].max_depth)"


def _flow_depth_at(text: str, index: int) -> int:
    """How many flow collections (``[``, ``{``) are open at ``index`` of ``text``, quoted text
    and comments aside: what a parser error there owes to nesting. Only an error path runs it."""
    depth = 0
    quote = ""
    at = 0
    end = min(index, len(text))
    while at < end:
        char = text[at]
        if quote:
            if char == quote:
                if quote == "'" and text[at + 1 : at + 2] == "'":
                    at += 1  # '' inside single quotes
                else:
                    quote = ""
            elif char == "\\" and quote == '"':
                at += 1
        elif char in "[{":
            depth += 1
        elif char in "]}":
            depth = max(depth - 1, 0)
        elif char in "'\"" and (at == 0 or text[at - 1] in " \t\n[{,:"):
            quote = char
        elif char == "#" and (at == 0 or text[at - 1] in " \t\n"):
            newline = text.find("\n", at)
            at = end if newline < 0 else newline
            continue
        at += 1
    return depth


def _take_key(event: Any, frame: list[Any], result: LoadedFile) -> str:
    """Note where a mapping key is (or that it repeats one) and return it."""
    key: str = event.value
    key_path = frame[1] + (key,)
    mark = event.start_mark
    line, column = mark.line + 1, mark.column + 1
    positions = result.positions
    if key in frame[0]:
        first = positions.get(key_path + (KEY,), (line, column))
        result.problems.append(
            problem(
                result.path,
                line,
                column,
                DUPLICATE_KEY,
                f"duplicate key '{key}' (first at line {first[0]}); YAML would keep "
                "only the last one: remove or merge one of them",
                dotted(key_path),
            )
        )
    else:
        positions[key_path + (KEY,)] = (line, column)
    if event.anchor is not None or event.tag not in _SAFE_TAGS:
        _refuse_anchor_and_tag(event, result.path, result.problems, key_path)
    return key


def _one_mapping(documents: int, top: Any, result: LoadedFile) -> dict[str, Any] | None:
    """The document when it is one mapping; otherwise None, with the problem recorded."""
    if documents == 0 or top is _MISSING:
        result.problems.append(
            problem(
                result.path, 1, 1, EMPTY_FILE, "is empty; write a case (see `reformkit new`) or delete it"
            )
        )
        return None
    if not isinstance(top, dict):
        what = "a list" if isinstance(top, list) else "a single value"
        if top is None:
            what = "empty (null)"
        result.problems.append(
            problem(
                result.path,
                1,
                1,
                NOT_A_MAPPING,
                f"is {what}, not a mapping of fields; a case file is one mapping (id: …, title: …)",
            )
        )
        return None
    return top
