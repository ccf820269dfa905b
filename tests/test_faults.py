"""Faults survived, with nothing lost: concurrent runs while files change, a run killed while
it writes the cache, a read-only checkout, the cache folder replaced by a file, a full disk.

Every run here is a real ``python -m reformkit`` process on a copy of the bundled library.
"""

from __future__ import annotations

import json
import os
import random
import resource
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reformkit.library.cache.checks import unpack

from .conftest import REPO, TODAY

TIMEOUT = 120
#: The note of a skipped file, in Chinese (the default) or English.
LOCATED_SKIP = r"^cases/[^:\n]+:\d+:\d+: RK\d{3} .*(?:（此文件有错误，已跳过）| \(skipped\))$"


@pytest.fixture
def root(isolated: Path) -> Path:
    """The 17 bundled Hainan cases (enough to race on, small enough to run often; no links out)."""
    (isolated / "cases").mkdir()
    for path in sorted((REPO / "cases").glob("hn*.yaml")):
        shutil.copy2(path, isolated / "cases" / path.name)
    # without the thesaurus, which is written for all 51 cases (17 leave some targets dead)
    config = (REPO / "reformkit.toml").read_text("utf-8").split("\n[thesaurus]")[0]
    (isolated / "reformkit.toml").write_text(config, "utf-8")
    return isolated


def environment(root: Path, cache: Path | None = None) -> dict[str, str]:
    return {**os.environ, "REFORMKIT_TODAY": TODAY, "REFORMKIT_CACHE_DIR": str(cache or root / ".cache")}


def command(*args: str) -> list[str]:
    return [sys.executable, "-m", "reformkit", *args]


def polite() -> None:
    """Run at low priority: these tests check outcomes, not speed, and share the CPU with the suite."""
    os.nice(10)


def run(
    root: Path, *args: str, cache: Path | None = None, limit: int | None = None
) -> subprocess.CompletedProcess:
    def full_disk() -> None:
        polite()
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return subprocess.run(
        command(*args),
        cwd=root,
        env=environment(root, cache),
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        preexec_fn=full_disk if limit is not None else polite,
    )


def files(root: Path, skip: tuple[str, ...] = (".cache",)) -> dict[str, bytes]:
    found = {}
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root).as_posix()
        if path.is_file() and not relative.startswith(skip):
            found[relative] = path.read_bytes()
    return found


def uncached(root: Path, *args: str) -> subprocess.CompletedProcess:
    return run(root, *args, "--no-cache")


def assert_fresh(root: Path) -> None:
    """A cached run gives exactly what a run without the cache gives."""
    for args in (
        ("validate", "--format", "json"),
        ("search", "--format", "json"),
        ("search", "改革", "--lines"),
    ):
        cached, fresh = run(root, *args), uncached(root, *args)
        assert (cached.returncode, cached.stdout, cached.stderr) == (
            fresh.returncode,
            fresh.stdout,
            fresh.stderr,
        ), args


def assert_cache_sound(cache: Path) -> None:
    """Every cache file is whole: it loads, and has the shape the cache writes."""
    for path in cache.glob("*.marshal"):
        stored = unpack(path.read_bytes())
        assert isinstance(stored, dict) and isinstance(stored["entries"], dict), path


# Concurrent readers while a writer changes files.

WRITER = r"""
import os, random, sys, time
from pathlib import Path

cases = Path(sys.argv[1])
rng = random.Random(int(sys.argv[2]))
stop = time.time() + float(sys.argv[3])
names = sorted(p.name for p in cases.glob("*.yaml"))
originals = {n: (cases / n).read_text("utf-8") for n in names}
count = 0
while time.time() < stop:
    name = rng.choice(names)
    path = cases / name
    choice = rng.random()
    if choice < 0.4:  # edit in place: same size, new title
        path.write_text(originals[name].replace("title: ", f"title: 改{count % 10}", 1), "utf-8")
    elif choice < 0.6:  # break it
        path.write_text(originals[name] + "  - : [\n", "utf-8")
    elif choice < 0.8:  # replace it atomically
        temp = cases / f".{name}.tmp"
        temp.write_text(originals[name].replace("title: ", f"title: 新{count}", 1), "utf-8")
        os.replace(temp, path)
    else:  # add or remove an extra case
        extra = cases / "zz-extra.yaml"
        if extra.exists():
            extra.unlink()
        else:
            extra.write_text(originals[name].replace(f"id: {name[:-5]}", "id: zz-extra"), "utf-8")
    count += 1
    time.sleep(rng.random() * 0.02)
print(count)
"""

READER = r"""
import subprocess, sys, json
args = [sys.executable, "-m", "reformkit"]
runs = []
for n in range(int(sys.argv[1])):
    what = ["validate"] if n % 2 == 0 else ["search", "--format", "ids"]
    done = subprocess.run(args + what, capture_output=True, text=True)
    runs.append([what[0], done.returncode, done.stdout, done.stderr])
print(json.dumps(runs))
"""


def readers_with_a_writer(root: Path, readers: int, rounds: int, seconds: float) -> None:
    import re

    env = environment(root)
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(root / "cases"), "7", str(seconds)],
        cwd=root,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
        preexec_fn=polite,
    )
    group = [
        subprocess.Popen(
            [sys.executable, "-c", READER, str(rounds)],
            cwd=root,
            env=env,
            stdout=subprocess.PIPE,
            text=True,
            preexec_fn=polite,
        )
        for _ in range(readers)
    ]
    results = [json.loads(p.communicate(timeout=TIMEOUT)[0]) for p in group]
    edits = int(writer.communicate(timeout=TIMEOUT)[0])
    assert edits > 10, "the writer barely ran"
    for what, code, stdout, stderr in (r for result in results for r in result):
        assert "Traceback" not in stderr + stdout, stderr
        if what == "validate":
            assert code in (0, 1), stderr
            assert code == 0 or re.search(r"^cases/[^:\n]+:\d+:\d+: error RK\d{3} ", stdout, re.M)
        else:
            assert code == 0, stderr
            for line in stderr.splitlines():
                assert re.match(LOCATED_SKIP, line), line
    # The writers have stopped: restore a known state, then a cached run equals an uncached one.
    time.sleep(0.05)
    assert_fresh(root)
    assert_cache_sound(root / ".cache")


@pytest.mark.slow
def test_two_readers_while_a_writer_changes_files(root):
    readers_with_a_writer(root, readers=2, rounds=2, seconds=2.0)


@pytest.mark.slow
def test_eight_readers_while_a_writer_changes_files(root):
    readers_with_a_writer(root, readers=8, rounds=4, seconds=6.0)


def test_an_edit_in_the_same_clock_tick_as_a_slow_read_is_never_served_stale(root, monkeypatch):
    """Same size, same mtime, new text: an entry is judged by when its run started reading,
    not by when the cache was saved, which for a slow run (a big library, a loaded machine)
    can be long after the file was read."""
    from reformkit.library.cache import FileCache

    path = sorted((root / "cases").glob("*.yaml"))[0]
    path.write_bytes(path.read_bytes())  # changed just now
    info = path.stat()
    cache = FileCache(root / ".cache", root / "cases", "key")
    cache.put(path.name, info.st_size, info.st_mtime_ns, "as read")
    later = time.time_ns() + 60_000_000_000
    monkeypatch.setattr(time, "time_ns", lambda: later)  # the run took a minute
    cache.save()
    monkeypatch.undo()
    again = FileCache(root / ".cache", root / "cases", "key")
    assert again.state == "warm"
    assert again.get(path.name, info.st_size, info.st_mtime_ns) is None


def test_an_old_unchanged_file_is_served_from_the_cache(root):
    from reformkit.library.cache import FileCache

    path = sorted((root / "cases").glob("*.yaml"))[0]
    os.utime(path, (time.time() - 60, time.time() - 60))
    info = path.stat()
    cache = FileCache(root / ".cache", root / "cases", "key")
    cache.put(path.name, info.st_size, info.st_mtime_ns, "as read")
    cache.save()
    assert FileCache(root / ".cache", root / "cases", "key").get(
        path.name, info.st_size, info.st_mtime_ns
    ) == ("as read")


# A run killed while it writes the cache.


def killed_runs(root: Path, tries: int, seed: int) -> int:
    """Kill ``validate`` at random moments around its cache write; each next run is correct.

    Returns how many kills left a temporary cache file behind (a kill inside the write)."""
    rng = random.Random(seed)
    cache = root / ".cache"
    expected = uncached(root, "validate", "--format", "json")
    start = time.monotonic()
    run(root, "validate")  # how long a run takes, cache cold
    span = time.monotonic() - start
    inside = 0
    for attempt in range(tries):
        shutil.rmtree(cache, ignore_errors=True)
        if attempt % 2:  # half the tries with a warm cache and one changed file
            run(root, "validate")
            path = root / "cases" / rng.choice(sorted(os.listdir(root / "cases")))
            path.write_bytes(path.read_bytes())
        process = subprocess.Popen(
            command("validate"), cwd=root, env=environment(root), stdout=subprocess.DEVNULL, preexec_fn=polite
        )
        time.sleep(rng.uniform(0.5, 1.2) * span)
        process.send_signal(signal.SIGKILL)
        process.wait(TIMEOUT)
        leftovers = list(cache.glob(".*.tmp")) if cache.is_dir() else []
        inside += bool(leftovers)
        for leftover in leftovers:  # as if the kill had happened long ago
            os.utime(leftover, (time.time() - 3600, time.time() - 3600))
        assert_cache_sound(cache)
        after = run(root, "validate", "--format", "json")
        assert (after.returncode, after.stdout, after.stderr) == (
            expected.returncode,
            expected.stdout,
            expected.stderr,
        )
        assert list(cache.glob(".*.tmp")) == [], "a killed run's temporary file was never cleaned"
    assert_fresh(root)
    return inside


@pytest.mark.slow
def test_a_run_killed_while_writing_the_cache_leaves_the_next_run_correct(root):
    killed_runs(root, tries=2, seed=1)


@pytest.mark.slow
def test_many_runs_killed_at_random_moments(root):
    killed_runs(root, tries=30, seed=2)


# Read-only checkouts and a cache that cannot be a folder.


@pytest.mark.slow
def test_a_cache_folder_that_is_a_file_means_no_cache(root):
    cache = root / ".cache"
    cache.write_text("not a folder\n", "utf-8")
    for args in (("validate",), ("search", "--format", "ids")):
        done = run(root, *args)
        fresh = uncached(root, *args)
        assert (done.returncode, done.stdout, done.stderr) == (0, fresh.stdout, "")
    assert cache.read_text("utf-8") == "not a folder\n"


@pytest.mark.slow
def test_a_cache_folder_that_cannot_be_created_means_no_cache(root):
    """What a read-only checkout looks like to a root user, whom permissions do not stop."""
    (root / "blocker").write_text("x", "utf-8")
    cache = root / "blocker" / "cache"
    before = files(root)
    for args in (("validate",), ("search", "审批", "--format", "ids")):
        done = run(root, *args, cache=cache)
        assert done.returncode == 0 and done.stderr == "", done.stderr
        assert done.stdout == uncached(root, *args).stdout
    assert files(root) == before


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores file permissions; emulated by the tests above")
def test_a_read_only_checkout(root):
    subprocess.run(["chmod", "-R", "a-w", str(root)], check=True)
    try:
        before = files(root)
        for args in (("validate",), ("search", "--format", "ids"), ("report", "-o", "brief.md")):
            done = run(root, *args, cache=root / ".reformkit-cache")
            assert "Traceback" not in done.stderr
            if args[0] == "report":
                assert done.returncode == 2 and "cannot write brief.md" in done.stderr
            else:
                assert done.returncode == 0, done.stderr
        assert files(root) == before
    finally:
        subprocess.run(["chmod", "-R", "u+w", str(root)], check=True)


# A full disk (RLIMIT_FSIZE: writes past the limit fail with EFBIG).


@pytest.mark.parametrize(
    ("args", "target"),
    [
        (("export", "--format", "json", "-o", "out.json"), "out.json"),
        (("export", "--format", "sqlite", "-o", "out.db"), "out.db"),
        (("report", "-o", "brief.md"), "brief.md"),
    ],
    ids=["export-json", "export-sqlite", "report"],
)
@pytest.mark.slow
def test_a_full_disk_while_writing_the_output(root, args, target):
    before = files(root)
    done = run(root, *args, limit=16_000)
    assert done.returncode == 2, done.stderr
    assert done.stdout == ""
    assert done.stderr.startswith(f"Error: cannot write {target}: "), done.stderr
    assert "Traceback" not in done.stderr
    assert files(root) == before  # no partial output, no temporary file, library untouched
    assert not (root / target).exists()


@pytest.mark.parametrize("directory", ["new-library", "a/b/c", "."])
def test_init_on_a_full_disk_leaves_nothing_behind(isolated, directory):
    (isolated / "work").mkdir()
    done = run(isolated / "work", "init", directory, limit=100)
    assert (done.returncode, done.stdout) == (2, "")
    shown = "reformkit.toml" if directory == "." else f"{directory}/reformkit.toml"
    assert done.stderr == f"Error: cannot write {shown}: File too large\n"
    assert list((isolated / "work").iterdir()) == []  # no empty folder, no half-written config
    again = run(isolated / "work", "init", directory)
    assert again.returncode == 0, again.stderr


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs a device that is always full")
@pytest.mark.parametrize(
    "args",
    [("export",), ("search", "--format", "ids"), ("validate", "--format", "json"), ("--version",)],
    ids=" ".join,
)
def test_standard_output_on_a_full_disk_is_exit_2_with_a_message(root, args):
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            command(*args), cwd=root, env=environment(root), stdout=full, stderr=subprocess.PIPE, text=True,
            timeout=TIMEOUT,
        )
    assert (done.returncode, done.stderr) == (2, "Error: cannot write the output: No space left on device\n")


@pytest.mark.slow
def test_a_full_disk_while_writing_the_cache(root):
    before = files(root)
    for args in (("validate",), ("search", "--format", "ids")):
        done = run(root, *args, limit=100)  # reading is not limited; any cache file is too big
        assert (done.returncode, done.stderr) == (0, ""), done.stderr
        assert done.stdout == uncached(root, *args).stdout
    assert files(root) == before
    assert [p.name for p in (root / ".cache").iterdir() if p.name != ".gitignore"] == []


@pytest.mark.slow
def test_what_a_kill_inside_the_cache_write_leaves_behind_is_harmless(root):
    """The kill window of a cache write is milliseconds wide, so random kills seldom land in
    it: make its aftermath directly. A half-written temporary file (the write is interrupted
    before the atomic rename) and, worse than a kill can do, a truncated cache file itself."""
    cache = root / ".cache"
    expected = uncached(root, "validate", "--format", "json")
    assert run(root, "search", "--format", "ids").returncode == 0
    for stored in sorted(cache.glob("*.marshal")):
        data = stored.read_bytes()
        leftover = cache / f".{stored.stem}-killed.tmp"
        leftover.write_bytes(data[: len(data) // 2])
        os.utime(leftover, (time.time() - 3600, time.time() - 3600))
        stored.write_bytes(data[: len(data) // 3])
    after = run(root, "validate", "--format", "json")
    assert (after.returncode, after.stdout, after.stderr) == (
        expected.returncode,
        expected.stdout,
        expected.stderr,
    )
    assert_fresh(root)
    assert_cache_sound(cache)
    assert sorted(p.name for p in cache.glob(".*.tmp")) == []
