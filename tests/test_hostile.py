"""Every command against every hostile file: documented exit code, located message, no
traceback, no hang, bounded memory, nothing written outside the output target, and case
text that comes out inert (no raw escape byte, no live link or HTML, no formula, no
template evaluation).

The corpus is tests/hostile/cases (one hostile file each, first line: what it tries and what
validate must report) plus files only a test can make (20 MB, 1 MB lines, 10,000-deep
nesting, symlink loops and escapes, a directory, a FIFO, an unreadable file).
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from reformkit.rules.registry import RULES

from .conftest import minimal_case, old

CORPUS = Path(__file__).parent / "hostile"
CASES = sorted((CORPUS / "cases").glob("*.yaml"))
CONFIGS = sorted((CORPUS / "configs").glob("*.toml"))
TIME_LIMIT = 20  # seconds for one command; a hang fails the test instead of the run
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
COMPANIONS = ("zz-valid", "zz-valid-2")
#: A non-finite metric that validation still passes (issue 12 item 1 will reject it): every
#: JSON writer refuses it with exit 2 rather than write NaN or Infinity, which are not JSON.
NOT_JSON = {"trap-nan.yaml", "trap-inf.yaml"}


def header(path: Path) -> tuple[str, list[str]]:
    raw = path.read_bytes()
    for encoding in ("utf-8", "utf-16", "utf-16-be"):
        text = raw.decode(encoding, errors="replace").lstrip("\ufeff")
        first = re.split(r"\r\n|\r|\n", text, maxsplit=1)[0]
        if first.startswith("# hostile: "):
            what, _, expect = first.removeprefix("# hostile: ").partition(" | expect: ")
            return what, [] if expect == "clean" else sorted(expect.split())
    raise AssertionError(f"{path.name} has no '# hostile:' first line")


def snapshot(root: Path, ignore: set[str]) -> dict[str, tuple[int, int]]:
    found = {}
    for folder, dirs, names in os.walk(root):
        dirs[:] = [d for d in dirs if d not in ignore]
        for name in names:
            path = os.path.join(folder, name)
            relative = os.path.relpath(path, root)
            if relative in ignore:
                continue
            info = os.lstat(path)
            found[relative] = (info.st_size, info.st_mtime_ns)
    return found


class Guard:
    """Run one command with a time limit and check what every command must do."""

    def __init__(self, invoke, root: Path) -> None:
        self.invoke = invoke
        self.root = root

    def __call__(self, *args: str, code: int | tuple[int, ...], writes: str | None = None):
        before = snapshot(self.root, {".cache", writes or ""})

        def timeout(*_):
            raise TimeoutError(f"reformkit {' '.join(args)} ran over {TIME_LIMIT}s")

        previous = signal.signal(signal.SIGALRM, timeout)
        signal.alarm(TIME_LIMIT)
        try:
            result = self.invoke(*args)
        finally:
            signal.alarm(0)
            signal.signal(signal.SIGALRM, previous)
        codes = code if isinstance(code, tuple) else (code,)
        assert result.exit_code in codes, (
            f"{args}: exit {result.exit_code}\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}"
        )
        for stream in (result.stdout, result.stderr):
            assert "Traceback" not in stream, args
            bad = UNSAFE.search(stream.replace("\n", "").replace("\t", ""))
            assert bad is None, f"{args}: raw control character {bad.group()!r} in output"
        if result.exit_code == 2:
            assert result.stdout == "", args
        after = snapshot(self.root, {".cache", writes or ""})
        assert after == before, f"{args} changed files it should not: {set(after) ^ set(before)}"
        return result


def markdown_is_inert(text: str) -> None:
    md = MarkdownIt("commonmark").enable("table")
    html = md.render(text)
    assert not re.search(r"<(script|img|iframe)\b", html), html
    for token in md.parse(text):
        for child in token.children or []:
            if child.type == "link_open":
                assert child.attrs["href"].startswith("#"), child.attrs["href"]
            assert child.type != "image", child
            assert child.type != "html_inline" or child.content == "<br>", (
                child.content
            )  # ours, for cell line breaks
        assert token.type != "html_block"


csv.field_size_limit(64 * 1024 * 1024)


def csv_is_inert(text: str) -> None:
    for row in csv.reader(io.StringIO(text)):
        for cell in row:
            if cell[:1] in ("=", "+", "-", "@", "\t", "\r"):
                float(cell)  # only a plain (negative) number may start like a formula


def place(library, path: Path) -> None:
    shutil.copy(path, library.cases / path.name)
    if path.stem.startswith("id-dup"):
        for other in ("id-dup-a.yaml", "id-dup-b.yaml"):
            shutil.copy(CORPUS / "cases" / other, library.cases / other)
    for name in COMPANIONS:
        library.write(f"{name}.yaml", minimal_case(name))


def settled(library) -> None:
    """Date every file of the library an hour back: the first command of a test reads each
    file afresh and the rest are served from the cache and search index, as a user's are, so
    hostile text goes through both paths (files younger than the trust window would be read
    again by every command)."""
    for path in library.cases.iterdir():
        with contextlib.suppress(OSError):  # a loop, a dangling link
            old(path)


def run_every_command(
    guard: Guard, library, name: str, errors: bool, skipped: bool, hostile_id: str | None
) -> None:
    """The whole command matrix against a library holding one hostile file and two valid ones."""
    located = f"cases/{name}"
    result = guard("validate", code=1 if errors else 0)
    if errors:
        assert re.search(rf"^{re.escape(located)}:\d+:\d+: error RK\d{{3}} ", result.stdout, re.M), (
            result.stdout
        )
    guard("validate", "--format", "json", code=1 if errors else 0)
    guard("validate", "--format", "github", code=1 if errors else 0)

    json_code = 2 if name in NOT_JSON else 0

    def read(*args: str, writes: str | None = None, code: int = 0):
        outcome = guard(*args, code=code, writes=writes)
        if code == 2:
            assert outcome.stderr.startswith("Error: cannot write JSON: "), outcome.stderr
        elif skipped:
            assert re.search(
                rf"^{re.escape(located)}:\d+:\d+: RK\d{{3}} .*(?:（此文件有错误，已跳过）|\(skipped\))$",
                outcome.stderr,
                re.M,
            ), (args, outcome.stderr)
        return outcome

    if skipped:
        # The file never reaches a formatter: each read command once shows it is skipped,
        # names it and leaves the rest intact; the formats are covered by readable files.
        read("search")
        read("search", "标题", "--lines")
        read("stats", "--format", "json")
        markdown_is_inert(read("report").stdout)
        json.loads(read("export", "--format", "json").stdout)
        read("export", "--format", "sqlite", "-o", "out.db", writes="out.db")
        guard("show", COMPANIONS[0], code=0)
        guard("compare", *COMPANIONS, code=0)
        guard("init", "fresh", code=0, writes="fresh")
        assert guard("new", "--program", "t", code=0, writes="cases").stdout.strip() == "cases/t-01.yaml"
        return
    for fmt in ("table", "json", "jsonl", "csv", "yaml", "ids", "paths"):
        out = read("search", "--format", fmt, code=json_code if "json" in fmt else 0).stdout
        if fmt == "csv":
            csv_is_inert(out)
        if fmt == "json" and not json_code:
            json.loads(out)
    read("search", "标题", "--lines")
    ids = [hostile_id] if hostile_id else []
    for case_id in [*ids, COMPANIONS[0]]:
        for fmt in ("text", "yaml", "json", "markdown"):
            code = json_code if fmt == "json" and case_id == hostile_id else 0
            out = guard("show", case_id, "--format", fmt, code=code).stdout
            if fmt == "markdown":
                markdown_is_inert(out)
    pair = [hostile_id or COMPANIONS[1], COMPANIONS[0]]
    for fmt in ("table", "markdown", "json"):
        out = guard("compare", *pair, "--format", fmt, code=json_code if fmt == "json" else 0).stdout
        if fmt == "markdown":
            markdown_is_inert(out)
    for fmt in ("table", "json", "csv", "markdown"):
        out = read("stats", "--format", fmt).stdout
        if fmt == "csv":
            csv_is_inert(out)
        if fmt == "markdown":
            markdown_is_inert(out)
    for template in ("briefing", "digest", "table"):
        out = read("report", "--template", template).stdout
        markdown_is_inert(out)
        assert "49" not in out.replace("2049", "")  # {{ 7*7 }} in a case is never evaluated
    for fmt in ("json", "jsonl", "csv", "toml"):
        out = read("export", "--format", fmt, code=json_code if "json" in fmt else 0).stdout
        if fmt == "csv":
            csv_is_inert(out)
    read("export", "--format", "sqlite", "-o", "out.db", writes="out.db")
    guard("init", "fresh", code=0, writes="fresh")
    created = guard("new", "--program", "t", code=0, writes="cases").stdout.strip()
    assert created == "cases/t-01.yaml"


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_every_command_on_a_hostile_file(library, invoke, path):
    what, expected = header(path)
    place(library, path)
    settled(library)
    guard = Guard(invoke, library.root)
    found = json.loads(guard("validate", "--format", "json", f"cases/{path.name}", code=(0, 1)).stdout)
    assert sorted({p["code"] for p in found["problems"]}) == expected, what
    errors = any(RULES[c].severity == "error" for c in expected)
    # Cross-file problems (RK202, RK206) skip the file in read commands like any other error.
    skipped = errors
    for problem in found["problems"]:
        assert problem["path"] == f"cases/{path.name}" and problem["line"] >= 1 and problem["column"] >= 1
    run_every_command(guard, library, path.name, errors, skipped, None if skipped else path.stem)


def make_big(library) -> str:
    big = library.cases / "big.yaml"
    with open(big, "w", encoding="utf-8") as out:
        out.write(minimal_case("big"))
        out.write("summary: >-\n")
        line = "  " + "很长的文字" * 2000 + "\n"
        while out.tell() < 20 * 1024 * 1024:
            out.write(line)
    return "big.yaml"


def make_long_line(library) -> str:
    library.write("long-line.yaml", minimal_case("long-line", summary="x" * 1_000_000))
    return "long-line.yaml"


def make_deep(library) -> str:
    library.write("deep.yaml", minimal_case("deep") + "metrics: " + "[" * 10_000 + "]" * 10_000 + "\n")
    return "deep.yaml"


def make_loop(library) -> str:
    os.symlink("loop.yaml", library.cases / "loop.yaml")
    return "loop.yaml"


def make_outside(library) -> str:
    (library.root / "secret.yaml").write_text(minimal_case("escape"))
    os.symlink("../secret.yaml", library.cases / "escape.yaml")
    return "escape.yaml"


def make_directory(library) -> str:
    (library.cases / "folder.yaml").mkdir()
    return "folder.yaml"


def make_fifo(library) -> str:
    os.mkfifo(library.cases / "pipe.yaml")
    return "pipe.yaml"


def make_broken_link(library) -> str:
    os.symlink("nowhere.yaml", library.cases / "broken.yaml")
    return "broken.yaml"


def make_unreadable(library) -> str:
    path = library.write("locked.yaml", minimal_case("locked"))
    path.chmod(0)
    return "locked.yaml"


SLOW = pytest.mark.slow
MADE = {
    "20MB-file": (make_big, "RK012", False, SLOW),
    "1MB-line": (make_long_line, None, True, SLOW),
    "10000-deep": (make_deep, "RK011", False, SLOW),
    "symlink-loop": (make_loop, "RK013", False, SLOW),
    "symlink-outside": (make_outside, "RK014", False, SLOW),
    "directory": (make_directory, "RK013", False, None),
    "fifo": (make_fifo, "RK013", False, SLOW),
    "broken-symlink": (make_broken_link, "RK013", False, None),
    "unreadable": (make_unreadable, "RK013", False, None),
}
MEMORY_LIMIT_MB = 300


#: Runs the command as its grandchild and prints its peak memory (KiB). On Linux a process
#: keeps the peak of the process it was forked from: a command forked straight from a large
#: pytest worker would report the worker's memory, not its own.
_MEASURE = """
import os, subprocess, sys
child = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
_, status, usage = os.wait4(child.pid, 0)
print(os.waitstatus_to_exitcode(status), usage.ru_maxrss)
"""


def peak_memory_mb(root: Path, *args: str) -> float:
    """Peak resident memory of ``reformkit ARGS`` run as its own process in ``root``."""
    out = subprocess.run(
        [sys.executable, "-c", _MEASURE, sys.executable, "-m", "reformkit", *args],
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert int(out[0]) in (0, 1), (args, out)
    return int(out[1]) / 1024


@pytest.mark.parametrize("kind", [pytest.param(k, marks=MADE[k][3] or ()) for k in sorted(MADE)])
def test_every_command_on_files_only_a_test_can_make(library, invoke, kind):
    make, code, clean, _ = MADE[kind]
    if kind == "unreadable" and os.geteuid() == 0:
        pytest.skip("root reads any file")
    for name in COMPANIONS:
        library.write(f"{name}.yaml", minimal_case(name))
    name = make(library)
    settled(library)
    guard = Guard(invoke, library.root)
    found = json.loads(guard("validate", "--format", "json", code=0 if clean else 1).stdout)
    run_every_command(guard, library, name, not clean, not clean, Path(name).stem if clean else None)
    if code:
        assert [(p["path"], p["code"]) for p in found["problems"]] == [(f"cases/{name}", code)]
    for args in (("validate", "--no-cache"), ("search", "--no-cache", "--format", "json")):
        peak = peak_memory_mb(library.root, *args)
        assert peak < MEMORY_LIMIT_MB, f"{kind}: reformkit {' '.join(args)} peaked at {peak:.0f} MB"


@pytest.mark.parametrize("path", CONFIGS, ids=[p.stem for p in CONFIGS])
def test_every_command_refuses_a_hostile_config(library, invoke, path):
    library.write("zz-valid.yaml", minimal_case("zz-valid"))
    (library.root / "reformkit.toml").write_bytes(path.read_bytes())
    guard = Guard(invoke, library.root)
    commands = [
        ["validate"],
        ["search"],
        ["show", "zz-valid"],
        ["compare", "zz-valid", "zz-valid"],
        ["stats"],
        ["report"],
        ["export"],
        ["new", "--program", "t"],
    ]
    for args in commands:
        result = guard(*args, code=2)
        assert "reformkit.toml" in result.stderr, (args, result.stderr)
    assert guard("schema", code=0).stdout.startswith("{")


def test_corpus_size_and_headers():
    assert len(CASES) + len(MADE) + len(CONFIGS) >= 80
    for path in CASES:
        what, _ = header(path)
        assert what
    for path in CONFIGS:
        assert path.read_bytes().startswith(b"# hostile: ")
