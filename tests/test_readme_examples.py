"""Every README console example that runs reformkit on the bundled library prints what the
README shows, at the width it says (80 columns), run as a user would type it.

A ```console block is a transcript: ``$ command`` lines, each followed by its output (stdout
and stderr as a terminal interleaves them). Each command runs through click's CliRunner in a
copy of the bundled library; a block that writes files gets a copy of its own. ``SKIPPED``
lists the blocks left out, with the reason; a block added to the README is checked unless it
is listed there.
"""

from __future__ import annotations

import re
import shlex
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
#: The width the README's outputs are shown at.
COLUMNS = "80"

#: Blocks not run, by their first command, and why.
SKIPPED: dict[str, str] = {
    "pip install . && reformkit validate": "installs the package",
    "pip install -e '.[test]' && pytest": "installs the package and runs the suite",
    "pip install -e '.[test]' && pytest     # the test suite, in random order on every core": "runs the suite",
    "reformkit import sources/002_ac56779b124b8375.txt --program hnftp": "writes case files into the library",
    "reformkit validate                      # the whole library": "a list of commands, not a transcript",
    "reformkit validate cases/hnbiz-4-09.yaml": "runs on the file shown above it (test_write_path checks it)",
    "reformkit validate cases/hnbiz-4-10.yaml": "runs on the file shown above it (test_write_path checks it)",
    "reformkit fmt --check": "runs on an edited case file the README describes but does not show",
    "python benchmarks/ranking.py | head -17": "a benchmark, not a reformkit command",
    'eval "$(_REFORMKIT_COMPLETE=bash_source reformkit)"        # ~/.bashrc': "shell set-up",
    "reformkit report program:hnbiz --to docx -o brief.docx          # Word": "writes binary files; no output",
    "reformkit export --format sqlite -o cases.db": "its output is sqlite3's",
    "python benchmarks/run.py                  # about 30 minutes with the peers": "a benchmark",
    "reformkit schema > case.schema.json": "a redirection; no output",
    "sed 's/^id: hnbiz-4-03$/id: hnbiz-4-09/; s/^number: 3$/number: 9/' cases/hnbiz-4-03.yaml > cases/hnbiz-4-09.yaml": (
        "copies a case with the shell (tests/test_near_duplicates.py checks the warning)"
    ),
    "printf '简报\\n{{ 10**5000 }}\\n' > bomb.md.j2": "writes a template with the shell (tests/test_template_box.py checks the message)",
}
#: Blocks that write files: each runs in a copy of the library of its own.
WRITES = ("reformkit templates ", "reformkit init ", "reformkit new ")


@dataclass
class Block:
    line: int  # the README line of its opening fence
    runs: list[tuple[str, str]]  # (command, output)

    @property
    def first(self) -> str:
        return self.runs[0][0]


def blocks(text: str) -> list[Block]:
    """The console blocks of ``text`` with their commands and outputs."""
    from markdown_it import MarkdownIt

    found = []
    for token in MarkdownIt("commonmark").parse(text):
        if token.type != "fence" or token.info.strip() != "console":
            continue
        runs: list[tuple[str, str]] = []
        for line in token.content.splitlines(keepends=True):
            if line.startswith("$ "):
                runs.append((line[2:].rstrip("\n"), ""))
            elif runs:
                runs[-1] = (runs[-1][0], runs[-1][1] + line)
        if runs:
            assert token.map is not None
            found.append(Block(token.map[0] + 1, runs))
    return found


def checked() -> list[Block]:
    return [block for block in blocks((REPO / "README.md").read_text("utf-8")) if block.first not in SKIPPED]


def copy_library(folder: Path) -> None:
    for name in ("cases", "sources"):
        shutil.copytree(REPO / name, folder / name)
    for name in ("reformkit.toml", "thesaurus.toml"):
        shutil.copy(REPO / name, folder / name)


def run(command: str) -> str:
    """What ``command`` prints in a terminal of COLUMNS columns, in the current folder."""
    from click.testing import CliRunner

    from reformkit.cli import cli

    words = shlex.split(command, comments=True)
    env = {"COLUMNS": COLUMNS}
    while words and re.fullmatch(r"[A-Z_]+=\S*", words[0]):
        name, _, value = words.pop(0).partition("=")
        env[name] = value
    assert words[0] == "reformkit", command
    result = CliRunner().invoke(cli, words[1:], env=env, prog_name="reformkit", catch_exceptions=False)
    return result.output


@pytest.fixture(scope="module")
def shared_library(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("readme")
    copy_library(folder)
    return folder


def test_every_block_is_checked_or_skipped_for_a_reason():
    found = blocks((REPO / "README.md").read_text("utf-8"))
    firsts = {block.first for block in found}
    assert set(SKIPPED) <= firsts, sorted(set(SKIPPED) - firsts)  # no stale entry
    for block in found:
        if block.first in SKIPPED:
            continue
        for command, _ in block.runs:
            words = shlex.split(command, comments=True)
            assert "reformkit" in words[:2], f"README line {block.line}: {command}"
            assert not {"|", ">", "&&", ";"} & set(words), f"README line {block.line}: {command}"


def test_the_readme_says_the_width_it_shows_outputs_at():
    assert f"shown as printed at {COLUMNS} columns\n(`COLUMNS={COLUMNS}`)" in (REPO / "README.md").read_text(
        "utf-8"
    )


@pytest.mark.parametrize("block", checked(), ids=lambda block: f"line{block.line}")
def test_a_readme_console_block_prints_what_it_shows(block, shared_library, tmp_path, monkeypatch):
    if block.first.startswith(WRITES):
        copy_library(tmp_path)
        monkeypatch.chdir(tmp_path)
    else:
        monkeypatch.chdir(shared_library)
        monkeypatch.setenv("REFORMKIT_CACHE_DIR", str(shared_library / ".cache"))  # warm after the first
    for command, shown in block.runs:
        assert run(command) == shown, f"README line {block.line}: $ {command}"
