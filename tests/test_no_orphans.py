"""Killing reformkit mid-run leaves no worker behind (issue 24)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.fixture(scope="module")
def large_library(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 1,000-case library: large enough for the process pool."""
    root = tmp_path_factory.mktemp("orphans") / "lib"
    subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "generate.py"), str(root), "--cases", "1000"],
        check=True,
        capture_output=True,
    )
    return root


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux") or (os.cpu_count() or 1) < 2, reason="Linux, 2 cores")
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL], ids=["TERM", "KILL"])
@pytest.mark.parametrize(
    "args",
    [("validate", "--no-cache"), ("search", "改革", "--no-cache"), ("fmt", "--check")],
    ids=["validate", "search", "fmt"],
)
def test_killing_a_cold_run_leaves_no_worker(large_library, tmp_path, sig, args):
    # This tree's reformkit, whatever is installed; its cache in this test's own folder.
    environment = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])),
        "REFORMKIT_CACHE_DIR": str(tmp_path / "cache"),
    }
    main = subprocess.Popen(
        [sys.executable, "-m", "reformkit", *args],
        cwd=large_library,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        workers: list[int] = []
        deadline = time.monotonic() + 60
        while not workers and time.monotonic() < deadline and main.poll() is None:
            time.sleep(0.05)
            workers = _children(main.pid)
        assert workers, "the run never started its workers"
        time.sleep(0.3)
        main.send_signal(sig)
        main.wait(timeout=30)
        deadline = time.monotonic() + 5
        while any(_alive(w) for w in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        left = [w for w in workers if _alive(w)]
        for worker in left:
            os.kill(worker, signal.SIGKILL)
        assert left == []
    finally:
        if main.poll() is None:
            main.kill()
            main.wait()
