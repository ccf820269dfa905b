"""Read one case file into plain data, keeping where every value came from.

The loader walks PyYAML's event stream (the C parser when it is available) instead of
letting PyYAML construct objects, so that it can refuse what case files have no use for
(anchors, aliases, tags, several documents), catch duplicate keys that PyYAML would silently
drop, bound the nesting depth without recursion, and record the line and column of every
key and value. Each fault becomes a Problem of that file; nothing here raises for bad input.
"""

from __future__ import annotations

import errno
import math
import os
import re
import stat
from functools import cache
from typing import Any, NoReturn

from reformkit.case.model import KEY, LoadedFile, NodePath, Problem, dotted
from reformkit.config import DEFAULT_MAX_DEPTH, DEFAULT_MAX_FILE_BYTES
from reformkit.rules.base import Rule, problem
from reformkit.rules.loading import (
    AMBIGUOUS_NUMBER,
    ANCHOR_ALIAS,
    BYTE_ORDER_MARK,
    DUPLICATE_KEY,
    EMPTY_FILE,
    EXPLICIT_TAG,
    MULTIPLE_DOCUMENTS,
    NON_FINITE_NUMBER,
    NOT_A_MAPPING,
    NOT_UTF8,
    NUL_BYTE,
    TOO_DEEP,
    TOO_LARGE,
    UNREADABLE,
    YAML_SYNTAX,
)

_SEXAGESIMAL = re.compile(r"^[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?$")
_TIMESTAMP_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


def read_bytes(path: str, display: str, max_bytes: int) -> tuple[bytes | None, LoadedFile]:
    """Read a file's bytes, or record why it cannot be read (never blocks on a FIFO)."""
    result = LoadedFile(display, None)

    def fail(rule: Rule, message: str) -> tuple[None, LoadedFile]:
        result.problems.append(problem(display, 1, 1, rule, message))
        return None, result

    try:
        info = os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return fail(UNREADABLE, "is a symlink loop; point the link at a real file or remove it")
        if exc.errno == errno.ENOENT and os.path.islink(path):
            return fail(UNREADABLE, "is a broken symlink; point it at a real file or remove it")
        return fail(UNREADABLE, f"cannot be read ({exc.strerror}); check the path and permissions")
    if stat.S_ISDIR(info.st_mode):
        return fail(UNREADABLE, "is a directory, not a case file; rename it or move it out")
    if not stat.S_ISREG(info.st_mode):
        return fail(UNREADABLE, "is not a regular file (a FIFO, socket or device); remove it")
    if info.st_size > max_bytes:
        return fail(
            TOO_LARGE,
            f"is {info.st_size:,} bytes, over the limit of {max_bytes:,}; split the case or "
            "raise [rules].max_file_bytes in reformkit.toml",
        )
    try:
        with open(path, "rb") as handle:
            raw = handle.read(max_bytes + 1)
    except OSError as exc:
        return fail(UNREADABLE, f"cannot be read ({exc.strerror}); check the file's permissions")
    if len(raw) > max_bytes:
        return fail(TOO_LARGE, f"is over the limit of {max_bytes:,} bytes; split the case")
    return raw, result


def decode(raw: bytes, result: LoadedFile) -> str | None:
    """Bytes to text, recording BOMs, NUL bytes and invalid UTF-8 as problems."""
    display = result.path
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        result.problems.append(problem(display, 1, 1, NOT_UTF8, "is UTF-16 or UTF-32 text; save it as UTF-8"))
        return None
    if raw.startswith(b"\xef\xbb\xbf"):
        result.problems.append(
            problem(
                display,
                1,
                1,
                BYTE_ORDER_MARK,
                "starts with a UTF-8 byte-order mark; save the file as UTF-8 without BOM",
            )
        )
        raw = raw[3:]
    nul = raw.find(b"\0")
    if nul >= 0:
        line, column = _byte_position(raw, nul)
        # UTF-16 text without a byte-order mark has a NUL beside every ASCII character.
        sample = raw[:200]
        if sample.count(b"\0") * 3 >= len(sample):
            hint = "it looks like UTF-16 text: save it as UTF-8"
        else:
            hint = "remove it (is this a binary file?)"
        result.problems.append(problem(display, line, column, NUL_BYTE, f"contains a NUL byte; {hint}"))
        return None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = _byte_position(raw, exc.start)
        bad = raw[exc.start : exc.start + 4].hex(" ")
        result.problems.append(
            problem(
                display,
                line,
                column,
                NOT_UTF8,
                f"is not valid UTF-8 (bytes {bad}); re-save the file as UTF-8 "
                "(it may be GBK or another legacy encoding)",
            )
        )
        return None


def _byte_position(raw: bytes, offset: int) -> tuple[int, int]:
    """1-based line and code-point column of a byte offset (valid UTF-8 before it assumed)."""
    line_start = raw.rfind(b"\n", 0, offset) + 1
    line = raw.count(b"\n", 0, offset) + 1
    column = len(raw[line_start:offset].decode("utf-8", errors="replace")) + 1
    return line, column


def load_file(
    path: str,
    display: str,
    *,
    max_bytes: int = DEFAULT_MAX_FILE_BYTES,
    max_depth: int = DEFAULT_MAX_DEPTH,
) -> LoadedFile:
    """Load one case file; problems are recorded on the result, never raised."""
    raw, result = read_bytes(path, display, max_bytes)
    if raw is None:
        return result
    text = decode(raw, result)
    if text is None:
        return result
    result.text = text
    parse_text(text, result, max_depth=max_depth)
    return result


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

    resolver = _resolver()
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
            value = _scalar(event, resolver, result, node_path)
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
    return (
        f"nests deeper than {max_depth} levels; case files are shallow: flatten it (or raise [rules].max_depth)"
    )


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


@cache
def _resolver() -> Any:
    import yaml

    return yaml.resolver.Resolver()


@cache
def _resolver_first_chars() -> frozenset[str]:
    return frozenset(k for k in _resolver().yaml_implicit_resolvers if k)


def _scalar(event: Any, resolver: Any, result: LoadedFile, node_path: NodePath) -> Any:
    """Turn a scalar event into str/int/float/bool/None, dates into YYYY-MM-DD strings."""
    value: str = event.value
    if not event.implicit[0]:  # quoted, block or tagged: text as written
        return value
    if value and value[0] not in _resolver_first_chars():
        return value  # no implicit type starts with this character: plain text
    import yaml

    tag = resolver.resolve(yaml.ScalarNode, value, (True, False))
    if tag == "tag:yaml.org,2002:str":
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


def _ambiguous(value: str, reading: str, result: LoadedFile, node_path: NodePath, event: Any) -> None:
    mark = event.start_mark
    result.problems.append(
        problem(
            result.path,
            mark.line + 1,
            mark.column + 1,
            AMBIGUOUS_NUMBER,
            f"'{value}' is read by YAML 1.1 as {reading}; write the number plainly, or quote it "
            "if it is text",
            dotted(node_path),
        )
    )


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
    mark = event.start_mark
    result.problems.append(
        problem(
            result.path,
            mark.line + 1,
            mark.column + 1,
            NON_FINITE_NUMBER,
            f"{dotted(node_path) or 'the value'} is {what}; write the figure the source states "
            "(quote it if it is text)",
            dotted(node_path),
        )
    )
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
