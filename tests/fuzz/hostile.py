"""Faults beyond one changed value, run on the fuzzer's library copy: a damaged cache part of
each kind, template bombs, deep queries, arguments that are not UTF-8 and hostile config.

Each fault is a name and a function of a ``Workbench`` that sets the fault up, runs commands
through ``Workbench.invoke`` and raises ``Violation`` when the contract breaks: a traceback,
an undocumented exit code, a hang (every run is bounded by a limit the fault sets), or a wrong
accept (a damaged cache that changes an answer, a bomb that renders).
"""

from __future__ import annotations

import os
import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from click.testing import Result

from .harness import UNSAFE, Violation, Workbench

#: Cache parts by kind, and the damage done to each.
PARTS = ("checks", "index", "documents", "search")
DAMAGE = ("flip-byte", "flip-bytes", "truncate", "empty", "fifo", "dev-zero", "huge-length")
#: What a template bomb reports, by template (the first line is the template's line 1).
TEMPLATES = (
    "{{ range(10**9)|list }}",
    "{% macro f(n) %}{{ f(n) }}{% endmacro %}{{ f(1) }}",
    '{% include "bomb.j2" %}',
    '{{ "abc def"|wordwrap(0) }}',
    '{{ "abcdef"|truncate(-5) }}',
    "{{ cases|slice(0)|list }}",
    "{{ 10**5000 }}",
    "{{ 'a'*10**10 }}",
    "{{ lipsum(n=10**7) }}",
    "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
    "{{ 10**(10**9) }}",
    "{{ 'x'|center(10**9) }}",
    "{{ '%s'|format(cases) * 10**9 }}",
)
QUERIES = ("(" * 400 + "改革" + ")" * 400, "NOT " * 1000 + "改革", "-" * 5000 + "改革", "改革 " * 3000)
QUERY_COMMANDS = (("search",), ("report",), ("stats",), ("export",), ("compare", "--query"))
ARGUMENTS = (
    ("search", "\udcff"),
    ("report", "--title", "\udcff"),
    ("report", "--title", "\udcff", "--to", "html"),
    ("new", "hnbiz", "--title", "\udcff"),
    ("new", "-p", "hnbiz", "--title", "\udcff"),
    ("new", "-p", "hnbiz", "--title", "一\ufffe二"),
    ("new", "-p", "hnbiz", "--title", "一\x1b[31m二"),
    ("show", "\udcff"),
    ("search", "tag:\x1b]0;x\x07"),
)
CONFIGS = (
    ("[rules]", "tolerance = nan"),
    ("[rules]", "tolerance = inf"),
    ("[rules]", "max_file_bytes = 9223372036854775807"),
    ("[rules]", "max_depth = -1"),
    ("[vocab]", "tagz = []"),
    ("[report]", "template_seconds = nan"),
    ("[report]", "template_max_output = 0"),
    ("[report]", "templates = 1"),
    ("", "deep = " + "[" * 5000 + "]" * 5000),
)


@dataclass(frozen=True)
class Fault:
    label: str
    run: Callable[[Workbench], None]


def _clean(shown: str, result: Result, codes: tuple[int, ...]) -> Result:
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise Violation(f"{shown}: traceback {result.exception!r}")
    if result.exit_code not in codes:
        raise Violation(f"{shown}: exit {result.exit_code}, expected {codes}: {result.stderr[-300:]!r}")
    for name, stream in (("stdout", result.stdout), ("stderr", result.stderr)):
        if "Traceback" in stream:
            raise Violation(f"{shown}: traceback on {name}")
        if UNSAFE.search(stream.replace("\n", "").replace("\t", "")):
            raise Violation(f"{shown}: a raw control character on {name}")
    return result


def _part(bench: Workbench, kind: str) -> Path | None:
    found = sorted((bench.root / ".cache").glob(f"{kind}-*"))
    return found[0] if found else None


def _damage(path: Path, damage: str, rng: random.Random) -> None:
    data = path.read_bytes()
    if damage in ("flip-byte", "flip-bytes"):
        changed = bytearray(data)
        for _ in range(1 if damage == "flip-byte" else 8):
            at = rng.randrange(len(changed))
            changed[at] ^= 1 << rng.randrange(8)
        path.write_bytes(bytes(changed))
    elif damage == "truncate":
        path.write_bytes(data[: len(data) // 2])
    elif damage == "empty":
        path.write_bytes(b"")
    elif damage == "huge-length":  # a length field near the start set to 2**62
        at = min(8, max(0, len(data) - 8))
        path.write_bytes(data[:at] + (2**62).to_bytes(8, "little") + data[at + 8 :])
    else:
        path.unlink()
        if damage == "fifo":
            os.mkfifo(path)
        else:
            path.symlink_to("/dev/zero")


def cache_fault(kind: str, damage: str, seed: int) -> Fault:
    """Damage one cache part; every command answers as on a sound cache, the part rebuilt."""

    def run(bench: Workbench) -> None:
        commands = (
            ("search", "改革", "--format", "json"),
            ("show", bench.ids[seed % len(bench.ids)], "--format", "json"),
            ("validate",),
            ("search", "tag:政务服务", "--sort", "title", "--format", "ids"),
        )
        expected = [bench.invoke(*args) for args in commands]
        path = _part(bench, kind)
        if path is None:
            return  # a part this library does not have
        _damage(path, damage, random.Random(seed))
        for args, sound in zip(commands, expected, strict=True):
            shown = f"{damage} {kind}: reformkit {' '.join(args)}"
            result = _clean(shown, bench.invoke(*args), (sound.exit_code,))
            if result.stdout != sound.stdout:
                raise Violation(f"{shown}: a damaged cache changed the answer (wrong accept)")
            notes = [line for line in result.stderr.splitlines() if line not in sound.stderr.splitlines()]
            if any(not line.startswith("reformkit: the cache part ") for line in notes) or len(notes) > 2:
                raise Violation(f"{shown}: unexpected stderr {notes!r}")
        # One file touched: the parts an unchanged library never opens are read too.
        touched = bench.cases / sorted(bench.originals)[seed % len(bench.originals)]
        stamp = touched.stat().st_mtime
        os.utime(touched, (stamp + 7, stamp + 7))
        try:
            shown = f"{damage} {kind}, a file touched: reformkit search"
            result = _clean(shown, bench.invoke(*commands[0]), (expected[0].exit_code,))
            if result.stdout != expected[0].stdout:
                raise Violation(f"{shown}: a damaged cache changed the answer (wrong accept)")
        finally:
            os.utime(touched, (stamp, stamp))
        if any(not (p.is_file() and not p.is_symlink()) for p in (bench.root / ".cache").iterdir()):
            raise Violation(f"{damage} {kind}: the damaged part was left in the cache")

    return Fault(f"cache-{kind}-{damage}-{seed}", run)


def template_fault(template: str) -> Fault:
    def run(bench: Workbench) -> None:
        (bench.root / "bomb.j2").write_text("简报\n" + template + "\n", "utf-8")
        config = bench.root / "reformkit.toml"
        original = config.read_bytes()
        config.write_bytes(original + b"\n[report]\ntemplate_seconds = 2\ntemplate_max_output = 10000000\n")
        try:
            result = _clean(f"template {template!r}", bench.invoke("report", "--template", "bomb.j2"), (2,))
        finally:
            config.write_bytes(original)
            (bench.root / "bomb.j2").unlink()
        if not result.stderr.startswith("Error: bomb.j2"):
            raise Violation(f"template {template!r}: the message does not name the template: {result.stderr!r}")

    return Fault(f"template-{TEMPLATES.index(template)}", run)


def query_fault(query: str, command: tuple[str, ...]) -> Fault:
    def run(bench: Workbench) -> None:
        _clean(f"{command} {query[:20]!r}…", bench.invoke(*command, query), (0, 1, 2))

    return Fault(f"query-{QUERIES.index(query)}-{'-'.join(command)}", run)


def argument_fault(args: tuple[str, ...]) -> Fault:
    def run(bench: Workbench) -> None:
        _clean(f"arguments {args!r}", bench.invoke(*args), (1, 2))
        leftovers = sorted(p.name for p in bench.cases.iterdir() if p.name not in bench.originals)
        for name in leftovers:
            (bench.cases / name).unlink()
        if leftovers:
            raise Violation(f"arguments {args!r}: wrote {leftovers}")

    return Fault(f"argument-{ARGUMENTS.index(args)}", run)


def config_fault(table: str, line: str) -> Fault:
    def run(bench: Workbench) -> None:
        config = bench.root / "reformkit.toml"
        original = config.read_bytes()
        text = original.decode("utf-8")
        text = (line + "\n" + text) if not table else text + f"\n{table}\n{line}\n"
        if table and f"\n{table}\n" in original.decode("utf-8"):  # a table the config has: add the key in it
            text = original.decode("utf-8").replace(f"\n{table}\n", f"\n{table}\n{line}\n", 1)
        config.write_text(text, "utf-8")
        try:
            for args in (("validate",), ("search", "改革"), ("report",)):
                result = _clean(f"config {line[:40]!r}: {args}", bench.invoke(*args), (2,))
                if "reformkit.toml" not in result.stderr:
                    raise Violation(f"config {line[:40]!r}: the message does not name the file: {result.stderr!r}")
        finally:
            config.write_bytes(original)

    return Fault(f"config-{CONFIGS.index((table, line))}", run)


def every_fault(seeds: int = 3) -> list[Fault]:
    """Every fault: each cache part with each damage (the random ones with ``seeds`` seeds),
    every template bomb, deep query, non-UTF-8 argument and hostile config."""
    faults = [
        cache_fault(kind, damage, seed)
        for kind in PARTS
        for damage in DAMAGE
        for seed in range(seeds if damage.startswith("flip") else 1)
    ]
    faults += [template_fault(template) for template in TEMPLATES]
    faults += [query_fault(query, command) for query in QUERIES for command in QUERY_COMMANDS]
    faults += [argument_fault(args) for args in ARGUMENTS]
    faults += [config_fault(table, line) for table, line in CONFIGS]
    return faults
