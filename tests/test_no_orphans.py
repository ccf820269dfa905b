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


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux") or (os.cpu_count() or 1) < 2, reason="Linux, 2 cores")
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL])
def test_killing_a_cold_validate_leaves_no_worker(tmp_path, sig):
    subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "generate.py"), str(tmp_path / "lib"), "--cases", "1000"],
        check=True,
        capture_output=True,
    )
    main = subprocess.Popen(
        [sys.executable, "-m", "reformkit", "validate", "--no-cache"],
        cwd=tmp_path / "lib",
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
