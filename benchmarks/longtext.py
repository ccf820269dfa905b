"""Measure the terminal layout of very long case text: show, search and compare.

Writes a library of three valid cases into a temporary folder (the bundled reformkit.toml, with
its file size limit raised to 4 MB and no thesaurus): one with a summary of --summary
characters (300,000), one with a title of --title characters (200,000), and a short one; runs
each command once to warm the cache, then --runs times, and prints the median whole-process
wall time and the user+system CPU time of each (on a shared machine the CPU time is the steadier
figure). Before the layout was made linear, `show` of the long summary took about a minute.

Usage: python benchmarks/longtext.py [--summary 300000] [--title 200000] [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CASE = """\
id: {id}
title: {title}
program: hnbiz
published: 2023-09-19
region: {{province: 海南省}}
tags: [政务服务]
practices: [{{title: 做法}}]
source: {{document: a.txt}}
summary: {summary}
"""
SENTENCE = "推行“一网通办”改革，企业开办时间由5个工作日压缩至1个工作日。"
COMMANDS = (
    ("show, long summary", ["show", "long-summary"]),
    ("show, long title", ["show", "long-title"]),
    ("search, long title hit (table)", ["search", "长标题"]),
    ("search, long summary hit (table)", ["search", "一网通办"]),
    ("compare, all three", ["compare", "long-summary", "long-title", "short"]),
    ("show, short case", ["show", "short"]),
)


def repeated(text: str, length: int) -> str:
    return (text * (length // len(text) + 1))[:length]


def write_library(root: Path, summary: int, title: int) -> None:
    config = (REPO / "reformkit.toml").read_text("utf-8").split("\n[thesaurus]\n", 1)[0] + "\n"
    config = re.sub(r"(?m)^max_file_bytes = \d+", "max_file_bytes = 4194304", config)
    (root / "reformkit.toml").write_text(config, "utf-8")
    cases = root / "cases"
    cases.mkdir()
    texts = {
        "long-summary": ("长摘要案例", repeated(SENTENCE, summary)),
        "long-title": (repeated("长标题改革", title), "一网通办"),
        "short": ("短案例", "一网通办"),
    }
    for case_id, (case_title, case_summary) in texts.items():
        text = CASE.format(id=case_id, title=case_title, summary=case_summary)
        (cases / f"{case_id}.yaml").write_text(text, "utf-8")


def run(argv: list[str], cwd: Path) -> tuple[float, float, int]:
    """(wall seconds, user+system CPU seconds, exit code) of one whole process."""
    env = dict(os.environ, PYTHONPATH=str(REPO), COLUMNS="100")
    start = time.perf_counter()
    process = subprocess.Popen(argv, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    return time.perf_counter() - start, usage.ru_utime + usage.ru_stime, os.waitstatus_to_exitcode(status)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--summary", type=int, default=300_000, help="characters in the long summary")
    parser.add_argument("--title", type=int, default=200_000, help="characters in the long title")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        write_library(root, args.summary, args.title)
        reformkit = [sys.executable, "-m", "reformkit"]
        _, _, code = run([*reformkit, "validate"], root)
        if code != 0:
            sys.exit(f"the generated library does not validate clean (exit {code})")
        print(f"| command ({args.summary:,}-character summary, {args.title:,}-character title) | wall (s) | CPU (s) |")
        print("|---|---:|---:|")
        for name, argv in COMMANDS:
            run([*reformkit, *argv], root)  # warm
            measured = [run([*reformkit, *argv], root) for _ in range(args.runs)]
            if any(code != 0 for _, _, code in measured):
                sys.exit(f"{name}: reformkit {' '.join(argv)} failed")
            wall = statistics.median(m[0] for m in measured)
            cpu = statistics.median(m[1] for m in measured)
            print(f"| {name} | {wall:.2f} | {cpu:.2f} |", flush=True)


if __name__ == "__main__":
    main()
