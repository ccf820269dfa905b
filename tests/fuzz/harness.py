"""Run every command on a library holding one mutant, and check the contract's invariants.

One library copy (the real config and cases) serves every mutant: the mutant is written over
its file, the commands run, and the original is put back with its old modification time, so
the cache (kept in the library's own folder) re-reads only the mutated file.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from click.testing import CliRunner, Result

from .mutate import Mutant

REPO = Path(__file__).resolve().parents[2]
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
LOCATED = re.compile(r"^(?P<path>[^:\n]+):(?P<line>\d+):(?P<col>\d+): ", re.M)
SIMPLE_ID = re.compile(r"[a-z0-9][a-z0-9-]*")
OLD = 1_600_000_000  # seconds: the copied cases look long unchanged, so the cache trusts them
#: A command of a library this small that runs longer is a hang (the slowest take a few seconds).
HANG_SECONDS = 30
#: A command still running after this long is stopped and reported as one that never ends.
STOP_SECONDS = 4 * HANG_SECONDS


class Violation(AssertionError):
    """A broken invariant, with the command that broke it."""


class NeverEnded(BaseException):
    """Raised in the main thread by the watchdog: a command ran past its stop (a
    ``BaseException``, so that neither click nor reformkit's error boundary catches it)."""


@contextmanager
def watchdog(seconds: float) -> Iterator[None]:
    """Stop the code run inside when it takes over ``seconds``: a timer thread sends SIGUSR1 to
    the main thread, whose handler raises ``NeverEnded`` (a real signal, so a blocking call is
    interrupted too). The previous handler is put back. Where there is no such signal, or off
    the main thread, it only waits (the caller still times the run after the fact)."""
    usable = hasattr(signal, "pthread_kill") and hasattr(signal, "SIGUSR1")
    if not usable or threading.current_thread() is not threading.main_thread():
        yield
        return
    main = threading.main_thread().ident
    assert main is not None

    def stop(signum: int, frame: object) -> None:
        raise NeverEnded(f"still running after {seconds:g} s")

    previous = signal.signal(signal.SIGUSR1, stop)
    timer = threading.Timer(seconds, signal.pthread_kill, (main, signal.SIGUSR1))
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        try:  # a stop sent just as the code ended is raised here: the handler is put back still
            timer.cancel()
            timer.join()
        finally:
            signal.signal(signal.SIGUSR1, previous)


def _no_constant(name: str) -> object:
    raise Violation(f"not JSON: {name} written as a number")


def strict_json(text: str) -> object:
    """Parse JSON as a strict reader would: NaN and Infinity are errors."""
    try:
        return json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise Violation(f"not JSON: {exc}: {text[max(0, exc.pos - 40) : exc.pos + 40]!r}") from None


def strict_jsonl(text: str) -> list[object]:
    return [strict_json(line) for line in text.splitlines() if line]


def csv_inert(text: str) -> None:
    csv.field_size_limit(64 * 1024 * 1024)
    for row in csv.reader(io.StringIO(text)):
        for cell in row:
            if cell[:1] in ("=", "+", "-", "@", "\t", "\r"):
                try:
                    float(cell)
                except ValueError:
                    raise Violation(f"CSV cell would run as a formula: {cell[:60]!r}") from None


def markdown_inert(text: str) -> None:
    """No raw HTML, image or link from case text survives into rendered Markdown."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark").enable("table")
    if re.search(r"<(script|img|iframe)\b", md.render(text)):
        raise Violation(f"live HTML in Markdown: {text[:200]!r}")
    for token in md.parse(text):
        if token.type == "html_block":
            raise Violation(f"raw HTML block in Markdown: {token.content[:80]!r}")
        for child in token.children or []:
            live = (
                child.type == "image"
                or (child.type == "link_open" and not str(child.attrs.get("href", "")).startswith("#"))
                or (child.type == "html_inline" and child.content != "<br>")  # ours, in table cells
            )
            if live:
                raise Violation(f"live {child.type} in Markdown: {child.content or child.attrs!r}")


def snapshot(root: Path, ignore: set[str]) -> dict[str, tuple[int, int]]:
    found = {}
    for folder, dirs, names in os.walk(root):
        dirs[:] = [d for d in dirs if os.path.relpath(os.path.join(folder, d), root) not in ignore]
        for name in names:
            path = os.path.join(folder, name)
            relative = os.path.relpath(path, root)
            if relative not in ignore:
                info = os.lstat(path)
                found[relative] = (info.st_size, info.st_mtime_ns)
    return found


REQUIRED_TEXT = {"title", "summary", "practices.*.title", "outcomes.*.title", "metrics.*.label"}
DATE_FIELDS = {"published", "due", "source.date", "metrics.*.as_of"}
NON_NEGATIVE = {"time", "materials", "steps", "visits", "cost", "count", "volume", "amount"}


def should_be_rejected(mutant: Mutant) -> str | None:
    """What the contract says validate must reject in this mutant (None: nothing in particular)."""
    mutator, field = mutant.mutator, mutant.target.field
    if mutator.startswith(("nonfinite-", "number-overflow", "number-long")):
        return "a non-finite number"
    if mutator == "number-float-for-int" and field in ("batch", "number"):
        return "a float where an integer belongs"
    if mutator.startswith("blank-") and field in REQUIRED_TEXT:
        return "blank text in a required text field"
    if mutator in ("control-nul", "control-ansi", "control-osc", "control-nel"):
        return "a control character in text"
    if mutator.startswith("date-") and field in DATE_FIELDS:
        return "a date outside the library's years"
    if mutator in ("number-minus-one", "number-negative-float") and re.fullmatch(
        r"metrics\.\*\.(before|after|value)", field
    ):
        import yaml

        metrics = yaml.safe_load(mutant.text).get("metrics")
        metric = metrics[mutant.target.path[1]] if isinstance(metrics, list) else None
        if isinstance(metric, dict) and metric.get("kind") in NON_NEGATIVE:
            return f"a negative {field.rsplit('.', 1)[1]} for a {metric['kind']} metric"
    return None


@dataclass
class Outcome:
    """What one mutant did: each command's exit code (for the report) and the failures."""

    mutant: Mutant
    codes: dict[str, int] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)
    valid: bool | None = None


class Workbench:
    """A library copy in ``root`` whose cases can be swapped for mutants."""

    def __init__(self, root: Path, *, hang_seconds: float = HANG_SECONDS, stop_seconds: float = STOP_SECONDS) -> None:
        self.root = root
        self.hang_seconds = hang_seconds
        self.stop_seconds = stop_seconds
        self.cases = root / "cases"
        self.out = root / "out"
        shutil.copytree(REPO / "cases", self.cases)
        shutil.copy(REPO / "reformkit.toml", root / "reformkit.toml")
        shutil.copy(REPO / "thesaurus.toml", root / "thesaurus.toml")
        self.out.mkdir()
        for path in self.cases.iterdir():
            os.utime(path, (OLD, OLD))
        self.originals = {p.name: p.read_bytes() for p in self.cases.iterdir()}
        self.ids = sorted(p.stem for p in self.cases.iterdir())

    @property
    def env(self) -> dict[str, str]:
        return {"REFORMKIT_CACHE_DIR": str(self.root / ".cache"), "REFORMKIT_TODAY": "2026-11-21"}

    @contextmanager
    def placed(self, mutant: Mutant) -> Iterator[Path]:
        path = self.cases / mutant.name
        path.write_text(mutant.text, encoding="utf-8")
        try:
            yield path
        finally:
            path.write_bytes(self.originals[mutant.name])
            os.utime(path, (OLD, OLD))
            for leftover in self.out.iterdir():
                leftover.unlink()

    def invoke(self, *args: str) -> Result:
        """Run one command; one that takes over ``hang_seconds`` is a hang (timed after the
        fact: a report's template limit uses the process's one interval timer), and one still
        running at ``stop_seconds`` is stopped by a watchdog and reported as never ending."""
        from reformkit.cli import cli

        shown = " ".join(arg if len(arg) <= 40 else arg[:40] + "…" for arg in args)
        previous = os.getcwd()
        os.chdir(self.root)
        started = time.monotonic()
        try:
            with watchdog(self.stop_seconds):
                result = CliRunner(env=self.env).invoke(cli, ["--no-color", *args], catch_exceptions=True)
        except NeverEnded as stopped:
            raise Violation(f"reformkit {shown}: never ended ({stopped})") from None
        finally:
            os.chdir(previous)
        took = time.monotonic() - started
        if took > self.hang_seconds:
            raise Violation(f"reformkit {shown}: a hang (ran {took:.0f} s, over {self.hang_seconds:g} s)")
        return result

    def run(self, mutant: Mutant) -> Outcome:
        """Place ``mutant``, run the command matrix, and collect every broken invariant."""
        outcome = Outcome(mutant)
        with self.placed(mutant):
            try:
                self._matrix(mutant, outcome)
            except Violation as exc:
                outcome.failures.append(str(exc))
        return outcome

    def _check(
        self, outcome: Outcome, *args: str, codes: tuple[int, ...], writes: str | None = None
    ) -> Result:
        ignore = {".cache", "out"}
        before = snapshot(self.root, ignore)
        outputs = {p.name for p in self.out.iterdir()}
        result = self.invoke(*args)
        shown = "reformkit " + " ".join(args)
        outcome.codes[shown] = result.exit_code
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            import traceback

            trace = "".join(traceback.format_exception(result.exception)).splitlines()
            raise Violation(f"{shown}: traceback {result.exception!r} at {trace[-3:-1]}")
        if result.exit_code not in codes:
            raise Violation(f"{shown}: exit {result.exit_code}, expected {codes}: {result.stderr[-300:]!r}")
        if result.exit_code == 2 and result.stdout:
            raise Violation(f"{shown}: exit 2 with output on stdout")
        for name, stream in (("stdout", result.stdout), ("stderr", result.stderr)):
            if "Traceback" in stream:
                raise Violation(f"{shown}: traceback on {name}")
            bad = UNSAFE.search(stream.replace("\r\n", "\n").replace("\n", "").replace("\t", ""))
            if bad:
                raise Violation(f"{shown}: raw {bad.group()!r} on {name}")
        after = snapshot(self.root, ignore)
        if after != before:
            raise Violation(f"{shown}: changed {sorted(set(after.items()) ^ set(before.items()))}")
        unexpected = {p.name for p in self.out.iterdir()} - outputs - ({writes} if writes else set())
        if unexpected:
            raise Violation(f"{shown}: wrote {sorted(unexpected)}")
        return result

    def _matrix(self, mutant: Mutant, outcome: Outcome) -> None:
        located = f"cases/{mutant.name}"
        check = self._check

        # validate: text, json, github; a rejection is located in the mutated file.
        text = check(outcome, "validate", codes=(0, 1))
        reported = strict_json(check(outcome, "validate", "--format", "json", codes=(0, 1)).stdout)
        github = check(outcome, "validate", "--format", "github", codes=(0, 1))
        assert isinstance(reported, dict)
        problems = [p for p in reported["problems"] if p["path"] == located]
        errors = [p for p in problems if p["severity"] == "error"]
        outcome.valid = not errors
        others = [p for p in reported["problems"] if p["path"] != located and p["severity"] == "error"]
        if text.exit_code == 1:
            # An error fails the run; with [rules] strict (the bundled config), a warning too.
            failing = errors or [p for p in reported["problems"] if p["path"] == located] or others
            if not failing:
                failing = reported["problems"]
            if not failing:
                raise Violation("validate exits 1 without a problem")
            for problem in failing:
                # Located in its own file: the mutant, or another file a cross-file rule
                # reports in (a thesaurus entry the mutant left with nothing to find, RK601).
                where = self.root / problem["path"]
                own = mutant.text if problem["path"] == located else where.read_text("utf-8", "replace")
                lines = own.count("\n") + 2
                if not (1 <= problem["line"] <= lines and problem["column"] >= 1):
                    raise Violation(f"validate: problem not located in the file: {problem}")
            where = re.escape(failing[0]["path"])
            if not re.search(rf"^{where}:\d+:\d+: (error|warning) RK\d{{3}} ", text.stdout, re.M):
                raise Violation(f"validate text: no path:line:col: line:\n{text.stdout[-500:]}")
            if not re.search(r"^::(error|warning) file=", github.stdout, re.M):
                raise Violation("validate github: no annotation")
        elif errors:
            raise Violation("validate exits 0 with an error")
        if not errors:
            missed = should_be_rejected(mutant)
            if missed:
                outcome.failures.append(f"validate passes {missed}")

        # show and compare take the mutant's own id when it has one, else the file's name.
        case_id = mutant.name.removesuffix(".yaml")
        if outcome.valid:
            import yaml

            try:
                loaded = yaml.safe_load(mutant.text)
            except (yaml.YAMLError, ValueError):
                loaded = None
            if isinstance(loaded, dict) and isinstance(loaded.get("id"), str):
                case_id = loaded["id"]
        # The other case is one the mutant leaves clean: a changed id can make the cases that
        # relate to it fail too (RK206), and read commands skip them.
        failed = {p["path"] for p in reported["problems"] if p["severity"] == "error"}
        candidates = [i for i in self.ids if i not in (case_id, mutant.name.removesuffix(".yaml"))]
        other = next((i for i in candidates if f"cases/{i}.yaml" not in failed), candidates[0])
        # Commands that read whole cases read the mutant and one other (the other 49 are the
        # same for every mutant); the cheap listings read the whole library.
        narrow = [f"id:{case_id},{other}"] if SIMPLE_ID.fullmatch(case_id) else []

        check(outcome, "search", codes=(0,))
        csv_inert(check(outcome, "search", "--format", "csv", codes=(0,)).stdout)
        check(outcome, "search", "--format", "ids", codes=(0,))
        strict_json(check(outcome, "search", *narrow, "--format", "json", codes=(0,)).stdout)
        strict_jsonl(check(outcome, "search", *narrow, "--format", "jsonl", codes=(0,)).stdout)
        check(outcome, "search", "改革", *narrow, "--lines", codes=(0, 1))

        show_codes = (0,) if outcome.valid and case_id in self.ids else (0, 1, 2)
        check(outcome, "show", case_id, codes=show_codes)
        strict_json(check(outcome, "show", case_id, "--format", "json", codes=show_codes).stdout or "null")
        markdown_inert(check(outcome, "show", case_id, "--format", "markdown", codes=show_codes).stdout)
        check(outcome, "compare", case_id, other, codes=show_codes)
        out = check(outcome, "compare", case_id, other, "--format", "json", codes=show_codes).stdout
        strict_json(out or "null")

        strict_json(check(outcome, "stats", "--format", "json", codes=(0,)).stdout)
        check(outcome, "report", *narrow, "-o", "out/brief.md", codes=(0,), writes="brief.md")
        markdown_inert((self.out / "brief.md").read_text(encoding="utf-8"))
        strict_json(check(outcome, "export", *narrow, "--format", "json", codes=(0,)).stdout)
        check(
            outcome, "export", *narrow, "--format", "csv", "-o", "out/all.csv", codes=(0,), writes="all.csv"
        )
        csv_inert((self.out / "all.csv").read_text(encoding="utf-8"))
