"""A closed pipe is not a failure: ``reformkit … | head`` exits with the code the command
earned for what it wrote, and says nothing on stderr (like grep and ripgrep)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import REPO, TODAY

TIMEOUT = 60


@pytest.fixture
def bundled(isolated: Path) -> Path:
    shutil.copytree(REPO / "cases", isolated / "cases")
    shutil.copy(REPO / "reformkit.toml", isolated / "reformkit.toml")
    shutil.copy(REPO / "thesaurus.toml", isolated / "thesaurus.toml")
    return isolated


def env(root: Path) -> dict[str, str]:
    return {
        **os.environ,
        "REFORMKIT_TODAY": TODAY,
        "REFORMKIT_CACHE_DIR": str(root / ".cache"),
        "PYTHONUNBUFFERED": "",
    }


def closed_after_first_line(root: Path, *args: str) -> tuple[bytes, int, bytes]:
    """Run reformkit with stdout into a pipe whose reader leaves after one line."""
    process = subprocess.Popen(
        [sys.executable, "-m", "reformkit", *args],
        cwd=root,
        env=env(root),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    first = process.stdout.readline()
    process.stdout.close()
    stderr = process.stderr.read()
    return first, process.wait(TIMEOUT), stderr


def closed_before_writing(root: Path, *args: str) -> tuple[int, bytes]:
    """Run reformkit with stdout into a pipe that nobody reads: the first write fails."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        done = subprocess.run(
            [sys.executable, "-m", "reformkit", *args],
            cwd=root,
            env=env(root),
            stdout=write_end,
            stderr=subprocess.PIPE,
            timeout=TIMEOUT,
        )
    finally:
        os.close(write_end)
    return done.returncode, done.stderr


def grow(root: Path, copies: int) -> None:
    """Enough cases that the output is far larger than a pipe's buffer."""
    source = (root / "cases" / "hnbiz-4-02.yaml").read_text("utf-8")
    for n in range(copies):
        case_id = f"hnbiz-4-{n + 20:02d}"
        text = source.replace("id: hnbiz-4-02", f"id: {case_id}").replace("number: 2", f"number: {n + 20}")
        (root / "cases" / f"{case_id}.yaml").write_text(text, "utf-8")


@pytest.mark.slow
def test_search_ids_piped_to_head_exits_0_silently(bundled):
    first, code, stderr = closed_after_first_line(bundled, "search", "--format", "ids")
    assert first == b"hnftp-03\n"
    assert (code, stderr) == (0, b"")


@pytest.mark.slow
def test_search_json_cut_after_one_line_exits_0_silently(bundled):
    grow(bundled, 60)
    first, code, stderr = closed_after_first_line(bundled, "search", "--format", "json")
    assert first == b"[\n"
    assert (code, stderr) == (0, b"")


@pytest.mark.parametrize(
    "args",
    [
        ("search", "--format", "ids"),
        pytest.param(("search", "改革", "--lines"), marks=pytest.mark.slow),
        pytest.param(("export", "--format", "jsonl"), marks=pytest.mark.slow),
        pytest.param(("show", "hnbiz-4-02"), marks=pytest.mark.slow),
        pytest.param(("report",), marks=pytest.mark.slow),
        ("--help",),
        ("search", "--help"),
    ],
    ids=" ".join,
)
def test_a_reader_gone_before_the_first_write_is_exit_0(bundled, args):
    assert closed_before_writing(bundled, *args) == (0, b"")


def test_validate_keeps_exit_1_for_problems_it_could_not_finish_writing(bundled):
    (bundled / "cases" / "broken.yaml").write_text("id: [\n", "utf-8")
    assert closed_before_writing(bundled, "validate") == (1, b"")


def test_validate_clean_library_piped_is_exit_0(bundled):
    assert closed_before_writing(bundled, "validate") == (0, b"")


@pytest.mark.slow
def test_no_match_is_still_exit_1(bundled):
    code, stderr = closed_before_writing(bundled, "search", "没有这个词")
    assert (code, stderr) == (1, "没有符合条件的案例\n".encode())
