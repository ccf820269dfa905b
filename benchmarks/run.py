"""Benchmark reformkit beside its peers on synthetic libraries, in one run.

Measures the bundled library and synthetic ones of 1,000 and 10,000 cases
(benchmarks/generate.py), installs the peers
(check-jsonschema, yamllint) into their own virtual environment, then measures each command's
whole-process wall time (median of --runs runs after one warm-up) and peak memory (max RSS).
Prints one table of medians with the ratios reformkit/peer and writes it to
benchmarks/RESULTS.md.

Usage: python benchmarks/run.py [--sizes 1000 10000] [--runs 5] [--skip-peers]
(a command under two seconds is run at least eleven times: see QUICK_RUNS)
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from generate import write_library  # noqa: E402

COMMON, RARE, QUALIFIERS = "改革", "苏州河", "tag:通关便利 year:2023"
#: The same kind of searches typed in pinyin: full syllables of COMMON, and the initials of
#: 一网通办 (a phrase the synthetic libraries use); RARE also runs the homophone search.
PINYIN, INITIALS = "gaige", "ywtb"
#: An everyday phrasing no case writes, found through the thesaurus (营业执照, 企业开办…).
PHRASE = "办执照"
#: The words the bundled thesaurus widens PHRASE to, searched as typed: the same cases.
PHRASE_WORDS = ["企业开办", "OR", "营业执照", "OR", "商事登记"]


#: Commands whose median is under QUICK_SECONDS are measured QUICK_RUNS times (at least).
QUICK_SECONDS, QUICK_RUNS = 2.0, 11


@dataclass
class Measure:
    name: str
    size: int
    median: float
    peak_mb: float
    runs: int
    note: str = ""


def run_once(argv: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, float, int]:
    """(wall seconds, peak RSS in MB, exit code) of one whole process."""
    start = time.perf_counter()
    process = subprocess.Popen(argv, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    return elapsed, usage.ru_maxrss / 1024, process.returncode


def measure(
    name: str,
    size: int,
    argv: list[str],
    cwd: Path,
    env: dict[str, str],
    runs: int,
    before=None,
    warmup: bool = True,
    ok_codes=(0, 1),
) -> Measure:  # type: ignore[no-untyped-def]
    times, peaks = [], []
    for attempt in range(runs + (1 if warmup else 0)):
        if before:
            before()
        elapsed, peak, code = run_once(argv, cwd, env)
        if code not in ok_codes:
            raise SystemExit(f"{name}: exit {code} from {' '.join(argv)}")
        if warmup and attempt == 0:
            continue
        times.append(elapsed)
        peaks.append(peak)
    # A command of well under a second varies by half its time on a shared machine: repeat it
    # until its median rests on QUICK_RUNS runs (a few seconds more in all).
    while statistics.median(times) < QUICK_SECONDS and len(times) < max(runs, QUICK_RUNS):
        if before:
            before()
        elapsed, peak, _ = run_once(argv, cwd, env)
        times.append(elapsed)
        peaks.append(peak)
    result = Measure(name, size, statistics.median(times), max(peaks), len(times))
    printed(result)
    return result


def printed(result: Measure) -> None:
    """One line of progress: the command, the library's size, its median and peak."""
    print(f"  {result.name:<34} {result.size:>6}  {result.median:8.3f} s  {result.peak_mb:7.1f} MB", flush=True)


def measure_side_by_side(
    size: int, commands: list[tuple[str, list[str], dict[str, str]]], cwd: Path, runs: int
) -> list[Measure]:
    """Commands whose ratio is the figure, run in turns (one of each, then again) after a
    warm-up of each, so a change in the machine's load falls on all of them alike."""
    times: list[list[float]] = [[] for _ in commands]
    peaks: list[list[float]] = [[] for _ in commands]
    for round_ in range(1 + max(runs, QUICK_RUNS)):
        for at, (name, argv, env) in enumerate(commands):
            elapsed, peak, code = run_once(argv, cwd, env)
            if code not in (0, 1):
                raise SystemExit(f"{name}: exit {code} from {' '.join(argv)}")
            if round_:  # the first round warms each command's cache
                times[at].append(elapsed)
                peaks[at].append(peak)
    results = []
    for (name, _, _), taken, peak in zip(commands, times, peaks, strict=True):
        result = Measure(name, size, statistics.median(taken), max(peak), len(taken))
        printed(result)
        results.append(result)
    return results


def peers_venv(out: Path) -> Path:
    venv = out / "peers-venv"
    if not (venv / "bin" / "check-jsonschema").exists() or not (venv / "bin" / "yamllint").exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run(
            [str(venv / "bin" / "pip"), "install", "--quiet", "check-jsonschema", "yamllint"], check=True
        )
    return venv / "bin"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--out", type=Path, default=HERE / "out")
    parser.add_argument("--skip-peers", action="store_true", help="measure reformkit only")
    args = parser.parse_args()
    load_start = os.getloadavg()[0]
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    reformkit = shutil.which("reformkit") or str(Path(sys.executable).parent / "reformkit")
    python = sys.executable
    peer_bin = None if args.skip_peers else peers_venv(out)
    schema = out / "case.schema.json"
    schema.write_text(
        subprocess.run([reformkit, "schema"], capture_output=True, text=True, check=True).stdout
    )
    results: list[Measure] = []

    bundled = len(list((REPO / "cases").glob("*.yaml")))
    for size in [bundled, *args.sizes]:
        library = out / f"lib-{size}"
        if size == bundled:  # the bundled library itself, copied so its cache stays apart
            shutil.rmtree(library, ignore_errors=True)
            shutil.copytree(REPO / "cases", library / "cases")
            shutil.copy(REPO / "reformkit.toml", library / "reformkit.toml")
            shutil.copy(REPO / "thesaurus.toml", library / "thesaurus.toml")
        elif not (library / "cases").is_dir() or len(list((library / "cases").glob("*.yaml"))) != size:
            print(f"generating {size} cases…", flush=True)
            write_library(library, size)
        cache = out / f"cache-{size}"
        env = {**os.environ, "REFORMKIT_CACHE_DIR": str(cache), "NO_COLOR": "1"}
        env.pop("REFORMKIT_CASES_DIR", None)
        env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed reformkit runs from bytecode

        def clear_cache() -> None:
            shutil.rmtree(cache, ignore_errors=True)  # noqa: B023

        sqlite_out = out / f"export-{size}.db"

        def clear_export() -> None:
            sqlite_out.unlink(missing_ok=True)  # noqa: B023

        print(f"library of {size} cases", flush=True)
        m = lambda *a, **k: results.append(measure(*a, **k))  # noqa: E731
        results.extend(
            measure_side_by_side(
                size,
                [
                    ("python -c 'import click'", [python, "-c", "import click"], env),
                    ("reformkit --version", [reformkit, "--version"], env),
                ],
                library,
                args.runs,
            )
        )
        m("validate (cold)", size, [reformkit, "validate"], library, env, args.runs, before=clear_cache)
        m("validate (warm, unchanged)", size, [reformkit, "validate"], library, env, args.runs)
        m(
            "search common (cold)",
            size,
            [reformkit, "search", COMMON, "--format", "ids"],
            library,
            env,
            args.runs,
            before=clear_cache,
        )
        # The searches whose ratio to grep -r is a target, and stats (at most twice a search),
        # run in turns with grep: a shared machine's load then falls on both sides alike.
        results.extend(
            measure_side_by_side(
                size,
                [
                    ("grep -r common", ["grep", "-r", COMMON, "cases"], env),
                    ("search common (warm)", [reformkit, "search", COMMON, "--format", "ids"], env),
                    (
                        "search common --exact (warm)",
                        [reformkit, "search", COMMON, "--exact", "--format", "ids"],
                        env,
                    ),
                    ("search rare (warm)", [reformkit, "search", RARE, "--format", "ids"], env),
                    (
                        "search rare --exact (warm)",
                        [reformkit, "search", RARE, "--exact", "--format", "ids"],
                        env,
                    ),
                    ("search pinyin (warm)", [reformkit, "search", PINYIN, "--format", "ids"], env),
                    ("search initials (warm)", [reformkit, "search", INITIALS, "--format", "ids"], env),
                    (
                        "search qualifiers only (warm)",
                        [reformkit, "search", *QUALIFIERS.split(), "--format", "ids"],
                        env,
                    ),
                    ("stats (warm)", [reformkit, "stats", "--format", "json"], env),
                ],
                library,
                args.runs,
            )
        )
        m(
            "search common, table (warm)",
            size,
            [reformkit, "search", COMMON, "--limit", "20"],
            library,
            env,
            args.runs,
        )
        # The thesaurus's cost: the same searches with a copy of the config that has none (its
        # own cache, or each switch would re-check every file), in turns with the searches
        # with it; and a phrase the thesaurus widens beside a search of the words it widens to,
        # which finds the same cases.
        bare = library / "no-thesaurus.toml"
        bare.write_text((library / "reformkit.toml").read_text("utf-8").split("\n[thesaurus]")[0], "utf-8")
        bare_env = {**env, "REFORMKIT_CACHE_DIR": str(out / f"cache-{size}-no-thesaurus")}
        search = [reformkit, "search"]
        without = [reformkit, "--config", str(bare), "search"]
        results.extend(
            measure_side_by_side(
                size,
                [
                    ("search phrase (warm)", [*search, PHRASE, "--format", "ids"], env),
                    ("search phrase's words (warm)", [*search, *PHRASE_WORDS, "--format", "ids"], env),
                    ("search phrase --exact (warm)", [*search, PHRASE, "--exact", "--format", "ids"], env),
                    ("search phrase, no thesaurus (warm)", [*without, PHRASE, "--format", "ids"], bare_env),
                    ("search rare, thesaurus (warm)", [*search, RARE, "--format", "ids"], env),
                    ("search rare, no thesaurus (warm)", [*without, RARE, "--format", "ids"], bare_env),
                    ("search common, thesaurus (warm)", [*search, COMMON, "--format", "ids"], env),
                    ("search common, no thesaurus (warm)", [*without, COMMON, "--format", "ids"], bare_env),
                ],
                library,
                args.runs,
            )
        )
        if size <= 1000:
            m("report briefing (warm)", size, [reformkit, "report"], library, env, args.runs)
        first, second = first_ids(reformkit, library, env)
        m("show one case (warm)", size, [reformkit, "show", first], library, env, args.runs)
        m("compare 2 cases (warm)", size, [reformkit, "compare", first, second], library, env, args.runs)
        m("export jsonl (warm)", size, [reformkit, "export", "--format", "jsonl"], library, env, args.runs)
        m(
            "export sqlite (warm)",
            size,
            [reformkit, "export", "--format", "sqlite", "-o", str(sqlite_out)],
            library,
            env,
            args.runs,
            before=clear_export,
        )
        run_once(["grep", "-r", COMMON, "cases"], library, env)  # the files in the page cache for the peers
        if peer_bin is not None:
            files = sorted(str(p) for p in (library / "cases").glob("*.yaml"))
            m(
                "check-jsonschema",
                size,
                [str(peer_bin / "check-jsonschema"), "--schemafile", str(schema), *files],
                library,
                env,
                args.runs,
                warmup=False,  # the files are in the page cache already (grep -r just read them)
                ok_codes=(0, 1),
            )
            m(
                "yamllint -d relaxed",
                size,
                [str(peer_bin / "yamllint"), "-d", "relaxed", "cases"],
                library,
                env,
                args.runs,
                warmup=False,  # the files are in the page cache already (grep -r just read them)
                ok_codes=(0, 1),
            )

    write_results(results, args.runs, load_start)


def first_ids(reformkit: str, library: Path, env: dict[str, str]) -> tuple[str, str]:
    """The first two case ids of a library, for show and compare."""
    listed = subprocess.run(
        [reformkit, "search", "--format", "ids", "--sort", "id", "--limit", "2"],
        cwd=library,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return listed[0], listed[1]


def find(results: list[Measure], size: int, name: str) -> Measure | None:
    return next((r for r in results if r.size == size and r.name == name), None)


def ratio(
    results: list[Measure], size: int, ours: str, peer: str, peer_size: int | None = None
) -> float | None:
    a = find(results, size, ours)
    b = find(results, size if peer_size is None else peer_size, peer)
    return None if a is None or b is None else a.median / b.median


def write_results(results: list[Measure], runs: int, load_start: float) -> None:
    sizes = sorted({r.size for r in results})
    lines = [
        "# Benchmark results",
        "",
        f"Made by `python benchmarks/run.py` on {platform.system()} {platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}; median of {runs} runs ({QUICK_RUNS} "
        f"for a command under {QUICK_SECONDS:.0f} s) after a "
        "warm-up (the peers, which run after grep -r has read the files, without one), whole-process "
        f"wall time; 1-minute load average {load_start:.1f} at the start, {os.getloadavg()[0]:.1f} at "
        "the end (a shared machine: compare ratios within this run, not with other runs; the commands "
        "of a ratio with a target ran in turns with each other, so a change of load falls on both); "
        "peak = the largest max RSS of those runs. Libraries from "
        "`benchmarks/generate.py` (seed 7). Searches print `--format ids` unless the name says table.",
        "",
        "| command | cases | median (s) | peak (MB) |",
        "|---|---:|---:|---:|",
    ]
    lines += [f"| {r.name} | {r.size:,} | {r.median:.3f} | {r.peak_mb:.0f} |" for r in results]
    lines += [
        "",
        "## Ratios (reformkit / peer, same run, same files)",
        "",
        "| cases | comparison | ratio | target |",
        "|---:|---|---:|---|",
    ]
    for size in sizes:
        for ours, peer, target in (
            ("validate (cold)", "check-jsonschema", "≤ 0.067 (15× faster)"),
            ("search common (warm)", "grep -r common", "≤ 3"),
            ("search rare (warm)", "grep -r common", "≤ 3"),
            ("search qualifiers only (warm)", "grep -r common", "≤ 3"),
            ("search pinyin (warm)", "grep -r common", "≤ 3"),
            ("search common (warm)", "search common --exact (warm)", "pinyin's cost"),
            ("search rare (warm)", "search rare --exact (warm)", "homophones' cost"),
            ("search phrase (warm)", "search phrase's words (warm)", "thesaurus's cost ≤ 1.1"),
            ("search phrase (warm)", "search phrase, no thesaurus (warm)", "(finds none without it)"),
            ("search rare, thesaurus (warm)", "search rare, no thesaurus (warm)", "thesaurus's cost ≤ 1.1"),
            ("search common, thesaurus (warm)", "search common, no thesaurus (warm)", "thesaurus's cost ≤ 1.1"),
            ("export jsonl (warm)", "validate (cold)", "≤ 0.35"),
            ("stats (warm)", "search common (warm)", "≤ 2"),
            ("reformkit --version", "python -c 'import click'", "≤ 1.5"),
        ):
            value = ratio(results, size, ours, peer)
            if value is not None:
                lines.append(f"| {size:,} | {ours} / {peer} | {value:.2f} | {target} |")
        if size == max(sizes) and size != 1000:
            value = ratio(results, 1000, "report briefing (warm)", "search common (warm)", size)
            if value is not None:
                lines.append(
                    f"| {size:,} | report briefing (warm) of 1,000 cases / search common (warm) of "
                    f"{size:,} | {value:.2f} | ≤ 1.5 |"
                )
        warm = next((r for r in results if r.size == size and r.name == "validate (warm, unchanged)"), None)
        if warm:
            lines.append(f"| {size:,} | validate (warm) seconds | {warm.median:.3f} s | < 1 s |")
        peak = max(
            (
                r
                for r in results
                if r.size == size and not r.name.startswith(("grep", "check-", "yamllint", "python"))
            ),
            key=lambda r: r.peak_mb,
        )
        lines.append(
            f"| {size:,} | largest reformkit peak memory ({peak.name}) | {peak.peak_mb:.0f} MB | < 300 MB |"
        )
    text = "\n".join(lines) + "\n"
    (HERE / "RESULTS.md").write_text(text, encoding="utf-8")
    print()
    print(text)


if __name__ == "__main__":
    main()
