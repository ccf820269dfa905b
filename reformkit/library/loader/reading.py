"""A case file's bytes: read without blocking or reading past a limit, and decoded as UTF-8
or refused with the reason."""

from __future__ import annotations

import errno
import os
import stat

from reformkit.case.model import LoadedFile
from reformkit.rules.base import Rule, problem
from reformkit.rules.loading import (
    BYTE_ORDER_MARK,
    NOT_UTF8,
    NUL_BYTE,
    TOO_LARGE,
    UNREADABLE,
)


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
