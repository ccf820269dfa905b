"""Shared fixtures: every test runs in its own folder with a pinned clock and no colour."""

from __future__ import annotations

import contextlib
import gc
import os
import shutil
import signal
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hypothesis import settings as hypothesis_settings
from hypothesis.configuration import set_hypothesis_home_dir

DATA = Path(__file__).parent / "data"
REPO = Path(__file__).parent.parent
TODAY = "2026-11-21"

# Hypothesis keeps no example database in the working tree, and the default run draws the same
# examples every time (derandomize), so CI is reproducible; HYPOTHESIS_PROFILE=explore draws
# fresh ones, and a failure prints its reproducing example.
# Its other store, the constants it collects from the source, goes to the system's temporary
# folder too (HYPOTHESIS_STORAGE_DIRECTORY still wins).
if not os.environ.get("HYPOTHESIS_STORAGE_DIRECTORY"):
    set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "reformkit-hypothesis")
hypothesis_settings.register_profile("reformkit", database=None, derandomize=True)
hypothesis_settings.register_profile("explore", database=None)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "reformkit"))


def _open_fds() -> dict[int, str]:
    """Every descriptor this process holds, with what it points at."""
    found: dict[int, str] = {}
    for name in os.listdir("/proc/self/fd"):
        with contextlib.suppress(OSError):  # the descriptor listdir itself used, closed by now
            found[int(name)] = os.readlink(f"/proc/self/fd/{name}")
    return found


def _standard_streams() -> list[tuple[int, int] | None]:
    """What descriptors 0, 1 and 2 are (device and inode), so a dup2 over one is seen."""
    found: list[tuple[int, int] | None] = []
    for fd in (0, 1, 2):
        try:
            stat = os.fstat(fd)
            found.append((stat.st_dev, stat.st_ino))
        except OSError:
            found.append(None)
    return found


def _environment() -> dict[str, str]:
    """The environment, less the variable pytest itself sets for each phase of a test."""
    return {k: v for k, v in os.environ.items() if k != "PYTEST_CURRENT_TEST"}


def _handlers() -> dict[int, object]:
    return {sig: signal.getsignal(sig) for sig in signal.valid_signals() if sig not in (signal.SIGKILL, signal.SIGSTOP)}


@pytest.fixture(autouse=True)
def leaves_nothing_behind() -> object:
    """Fail a test that changes process-wide state and does not put it back: a descriptor left
    open or pointed elsewhere (a dup2 over pytest's capture breaks every later test on the
    worker), the working folder, the environment, signal handlers, sys.stdout or sys.stderr."""
    if not os.path.isdir("/proc/self/fd"):  # pragma: no cover - every CI machine is Linux
        yield
        return
    before = (_open_fds(), _standard_streams(), os.getcwd(), _environment(), _handlers(), sys.stdout, sys.stderr)
    yield
    fds, streams, cwd, environ, handlers, stdout, stderr = before
    leaked = {fd: target for fd, target in _open_fds().items() if fds.get(fd) != target}
    if leaked:  # objects the test dropped may hold them until the collector runs
        gc.collect()
        leaked = {fd: target for fd, target in _open_fds().items() if fds.get(fd) != target}
    faults = []
    if leaked:
        faults.append(f"descriptors left open or repointed: {leaked}")
    if _standard_streams() != streams:
        faults.append("a standard descriptor (0, 1 or 2) was pointed elsewhere")
    if os.getcwd() != cwd:
        faults.append(f"the working folder changed to {os.getcwd()}")
    if _environment() != environ:
        changed = sorted(set(_environment().items()) ^ set(environ.items()))
        faults.append(f"the environment changed: {changed}")
    if _handlers() != handlers:
        faults.append("a signal handler was left changed")
    if sys.stdout is not stdout or sys.stderr is not stderr:
        faults.append("sys.stdout or sys.stderr was left replaced")
    if faults:
        pytest.fail("the test left process-wide state changed: " + "; ".join(faults), pytrace=False)


@pytest.fixture(autouse=True)
def isolated(leaves_nothing_behind: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run in an empty folder, with the clock pinned and no user environment leaking in."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("REFORMKIT_TODAY", TODAY)
    monkeypatch.setenv("REFORMKIT_CACHE_DIR", str(tmp_path / ".cache"))
    monkeypatch.delenv("REFORMKIT_CASES_DIR", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("COLUMNS", "100")
    return tmp_path


class Invoker:
    def __call__(self, *args: str, input: str | None = None) -> Result:
        from reformkit.cli import cli

        runner = CliRunner()
        result = runner.invoke(cli, list(args), input=input, catch_exceptions=True)
        if result.exception and not isinstance(result.exception, SystemExit):
            raise AssertionError(
                f"reformkit {' '.join(args)} raised {result.exception!r}\n"
                f"stdout:\n{result.stdout}\nstderr:\n{result.stderr}"
            ) from result.exception
        return result


@pytest.fixture
def invoke() -> Invoker:
    """Run the CLI in-process; stdout and stderr are kept apart (result.stdout/.stderr)."""
    return Invoker()


class Library:
    """A throwaway case library: tests/data/reformkit.toml plus the files a test writes."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.cases = root / "cases"
        self.cases.mkdir()
        shutil.copy(DATA / "reformkit.toml", root / "reformkit.toml")

    def write(self, name: str, text: str) -> Path:
        path = self.cases / name
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    def write_bytes(self, name: str, data: bytes) -> Path:
        path = self.cases / name
        path.write_bytes(data)
        return path

    def copy(self, *names: str) -> None:
        for name in names:
            shutil.copy(DATA / "cases" / name, self.cases / name)


def copy_bundled_config(folder: Path, *, thesaurus: bool = False) -> None:
    """The bundled library's reformkit.toml in ``folder``; with ``thesaurus``, its thesaurus
    too, else without the [thesaurus] table (a library of a few cases would find most of its
    targets dead, RK601)."""
    text = (REPO / "reformkit.toml").read_text("utf-8")
    if thesaurus:
        shutil.copy(REPO / "thesaurus.toml", folder / "thesaurus.toml")
    else:
        text = text.split("\n[thesaurus]\n", 1)[0] + "\n"
    (folder / "reformkit.toml").write_text(text, "utf-8")


@pytest.fixture
def library(isolated: Path) -> Library:
    return Library(isolated)


#: An mtime well outside the cache's trust window (a file this old is served from the cache).
HOUR_AGO = time.time() - 3600


def old(path: Path, offset: float = 0) -> Path:
    """Give a file an mtime an hour ago (plus ``offset`` seconds), outside the trust window."""
    os.utime(path, (HOUR_AGO + offset, HOUR_AGO + offset))
    return path


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the files each scan had to read afresh (the rest came from the cache)."""
    from reformkit.library import check as store

    seen: list[str] = []
    real = store.check_file

    def counting(entry, config, today, enabled=None):  # type: ignore[no-untyped-def]
        seen.append(os.path.basename(entry.path))
        return real(entry, config, today, enabled)

    monkeypatch.setattr(store, "check_file", counting)
    return seen


@pytest.fixture
def lib(library: Library) -> Library:
    """A library of the three search cases of ``tests/test_search.py`` (t-4-01, t-4-02, zj-01)."""
    from tests.test_search import CASE_A, CASE_B, CASE_C

    library.write("t-4-01.yaml", CASE_A)
    library.write("t-4-02.yaml", CASE_B)
    library.write("zj-01.yaml", CASE_C)
    return library


MINIMAL = """\
id: {id}
title: 标题
program: t
published: 2023-09-19
region: {{province: 海南省}}
tags: [政务服务]
practices: [{{title: 做法}}]
source: {{document: a.txt}}
"""


def minimal_case(case_id: str, **extra: str) -> str:
    """A valid case's YAML; ``extra`` lines are appended as ``key: value``."""
    text = MINIMAL.format(id=case_id)
    return text + "".join(f"{k}: {v}\n" for k, v in extra.items())
