"""Output does not depend on the hash seed: the same commands run in processes with different
``PYTHONHASHSEED`` values write the same bytes (set and dict order never leaks into output).

Each process runs every command in-process (starting one process per command would cost
seconds), so the seeds vary between processes, and within one run the cold cache of one seed
is read warm by another.
"""

from __future__ import annotations

import difflib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import REPO, TODAY

#: Run inside each process: every command of argv[1] (a JSON list), each output to argv[2]/N.
DRIVER = """
import json, sys
from pathlib import Path
from click.testing import CliRunner
from reformkit.cli import cli

out = Path(sys.argv[2])
for number, args in enumerate(json.loads(sys.argv[1])):
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    (out / f"{number}.out").write_bytes(result.stdout_bytes)
    (out / f"{number}.code").write_text(str(result.exit_code))
"""

TEMPLATES = ("briefing", "digest", "table")
COMMANDS: list[list[str]] = [
    *(["report", "--template", template] for template in TEMPLATES),
    ["report", "--group-by", "tag"],
    ["report", "--group-by", "region", "--lang", "en", "--template", "digest"],
    *(["export", "--format", fmt] for fmt in ("json", "csv", "toml")),
    ["search", "--format", "json"],
    ["search", "制度创新", "--format", "json"],
    ["search", "tag:企业开办,政务服务 -改革", "--format", "json", "--sort", "title"],
    ["stats", "--format", "json"],
    ["stats", "--by", "tag", "--format", "json"],
    ["stats", "--by", "agency", "--format", "json"],
    ["stats", "--by", "kind", "--format", "json"],
]
SLOW_COMMANDS: list[list[str]] = [
    *(["report", "--group-by", by] for by in ("program", "year")),
    ["export", "--format", "jsonl"],
    *(["search", "--format", fmt, "--sort", "date"] for fmt in ("csv", "jsonl", "yaml", "ids", "paths")),
    ["search", "一网通办", "--lines"],
    *(["stats", "--by", by, "--format", "json"] for by in ("program", "batch", "region", "year", "status")),
    *(["stats", "--format", fmt] for fmt in ("csv", "markdown")),
]


def start(commands: list[list[str]], seed: str, out: Path, cache: Path) -> subprocess.Popen[bytes]:
    out.mkdir()
    env = {
        **os.environ,
        "PYTHONHASHSEED": seed,
        "REFORMKIT_TODAY": TODAY,
        "REFORMKIT_CACHE_DIR": str(cache),
        "NO_COLOR": "1",
        "COLUMNS": "100",
    }
    env.pop("REFORMKIT_CASES_DIR", None)
    return subprocess.Popen(
        [sys.executable, "-c", DRIVER, json.dumps(commands), str(out)],
        cwd=REPO,
        env=env,
        stderr=subprocess.PIPE,
    )


def finish(process: subprocess.Popen[bytes]) -> None:
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 0, stderr.decode("utf-8", "replace")


def outputs(out: Path, count: int) -> list[tuple[str, bytes]]:
    return [((out / f"{n}.code").read_text(), (out / f"{n}.out").read_bytes()) for n in range(count)]


def run_seeds(commands: list[list[str]], tmp_path: Path) -> None:
    # Seeds 0 and 12345 start cold, each with its own cache, side by side; seed 1 then reads
    # the cache seed 0 wrote.
    first = start(commands, "0", tmp_path / "seed0", tmp_path / "cache0")
    second = start(commands, "12345", tmp_path / "seed12345", tmp_path / "cache12345")
    finish(first)
    finish(second)
    finish(start(commands, "1", tmp_path / "seed1", tmp_path / "cache0"))

    expected = outputs(tmp_path / "seed0", len(commands))
    for seed in ("1", "12345"):
        found = outputs(tmp_path / f"seed{seed}", len(commands))
        for args, (code, data), (want_code, want) in zip(commands, found, expected, strict=True):
            assert code == want_code == "0", (args, seed, code)
            assert data, args
            if data != want:
                diff = difflib.unified_diff(
                    want.decode("utf-8", "replace").splitlines(),
                    data.decode("utf-8", "replace").splitlines(),
                    "PYTHONHASHSEED=0",
                    f"PYTHONHASHSEED={seed}",
                    lineterm="",
                    n=1,
                )
                pytest.fail(f"reformkit {' '.join(args)} differs:\n" + "\n".join(list(diff)[:40]))


@pytest.mark.slow
def test_output_is_the_same_under_every_hash_seed(tmp_path):
    run_seeds(COMMANDS, tmp_path)


@pytest.mark.slow
def test_every_format_is_the_same_under_every_hash_seed(tmp_path):
    run_seeds(SLOW_COMMANDS, tmp_path)
