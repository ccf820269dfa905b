"""The maintainers' write path: what ``new`` and ``init`` write is accepted by ``fmt --check``
and ``validate --strict`` as it is (once the person fills in what only a person can)."""

from __future__ import annotations

import json
import re
import tomllib

import pytest

from tests.conftest import REPO, copy_bundled_config

BUNDLED_PROGRAMS = sorted(tomllib.loads((REPO / "reformkit.toml").read_text("utf-8"))["programs"])


def _fill_in(text: str, tag: str) -> str:
    """What a person adds to a new case: a date, a tag and the texts left empty."""
    text = text.replace("published: ''", "published: '2024-05-06'")
    text = re.sub(r"^tags: \[\]", f"tags: [{tag}]", text, flags=re.MULTILINE)
    return text.replace("title: ''", "title: 一项改革").replace("detail: ''", "detail: 具体做法")


@pytest.mark.parametrize("program", BUNDLED_PROGRAMS)
@pytest.mark.parametrize("batch", [None, "3"])
def test_a_new_case_of_every_program_passes_fmt_and_validate_as_written(isolated, invoke, program, batch):
    copy_bundled_config(isolated)
    (isolated / "cases").mkdir()
    args = ["new", "-p", program, "-t", "新案例：测试（一）"] + (["-b", batch] if batch else [])
    made = invoke(*args)
    assert made.exit_code == 0, made.stderr
    path = made.stdout.strip()
    assert invoke("fmt", "--check").exit_code == 0
    found = json.loads(invoke("validate", "--strict", "--format", "json").stdout)["problems"]
    # Only what a person must fill in is pointed at.
    assert {(p["code"], p["field"]) for p in found} == {
        ("RK104", "published"),
        ("RK210", "tags"),
        ("RK106", "practices[0].title"),
        ("RK106", "practices[0].detail"),
        ("RK106", "source.title"),
    }
    target = isolated / path
    tag = tomllib.loads((REPO / "reformkit.toml").read_text("utf-8"))["vocab"]["tags"][0]
    target.write_text(_fill_in(target.read_text("utf-8"), tag), "utf-8")
    checked = invoke("validate", "--strict")
    assert checked.exit_code == 0, checked.stdout
    assert invoke("fmt", "--check").exit_code == 0


def test_init_then_new_passes_fmt_and_validate(isolated, invoke):
    assert invoke("init").exit_code == 0
    assert invoke("fmt", "--check").exit_code == 0
    assert invoke("validate", "--strict").exit_code == 0
    assert invoke("new", "-p", "example", "-t", "示例").stdout == "cases/example-01.yaml\n"
    assert invoke("fmt", "--check").exit_code == 0
    target = isolated / "cases" / "example-01.yaml"
    target.write_text(_fill_in(target.read_text("utf-8"), "企业开办"), "utf-8")
    checked = invoke("validate", "--strict")
    assert checked.exit_code == 0, checked.stdout
    assert invoke("fmt", "--check").exit_code == 0


def test_fmt_keeps_the_comment_after_an_empty_block_list(library, invoke):
    library.write("t-01.yaml", "id: t-01\noutcomes: []  # 待补充\nmetrics: {}  # 也待补充\n")
    assert invoke("fmt").exit_code == 0
    assert (library.cases / "t-01.yaml").read_text("utf-8") == (
        "id: t-01\noutcomes: []  # 待补充\nmetrics: {}  # 也待补充\n"
    )


def test_new_overwrites_only_with_force(isolated, invoke):
    assert invoke("init").exit_code == 0
    assert invoke("new", "-p", "example", "-t", "旧").exit_code == 0
    refused = invoke("new", "-p", "example", "-n", "1", "-t", "新")
    assert refused.exit_code == 2
    assert refused.stderr == "Error: cases/example-01.yaml already exists; pass --force to overwrite it\n"
    assert invoke("new", "-p", "example", "-n", "1", "-t", "新", "--force").exit_code == 0
    text = (isolated / "cases" / "example-01.yaml").read_text("utf-8")
    assert text.startswith("id: example-01\ntitle: 新 ")
    assert list((isolated / "cases").glob(".*")) == []


def test_the_readme_rules_table_is_one_table_with_a_row_per_rule():
    from markdown_it import MarkdownIt

    from reformkit.rules.registry import RULES

    tokens = MarkdownIt("commonmark").enable("table").parse((REPO / "README.md").read_text("utf-8"))
    tables: list[list[str]] = []
    for token in tokens:
        if token.type == "table_open":
            tables.append([])
        elif token.type == "tr_open" and tables:
            tables[-1].append("")
        elif token.type == "inline" and tables and tables[-1] and not tables[-1][-1]:
            tables[-1][-1] = token.content  # the row's first cell
    codes = {f"`{code}`" for code in RULES}
    # Every rule code is the first cell of a row of one and the same table.
    assert [codes <= set(rows) for rows in tables].count(True) == 1


def _readme_validate_examples() -> list[tuple[str, str, list[tuple[str, str]]]]:
    """(file name, its content, [(command, output)]) of each README example that shows a case
    file, then ``$ reformkit validate …`` runs on it."""
    from markdown_it import MarkdownIt

    fences = [t for t in MarkdownIt("commonmark").parse((REPO / "README.md").read_text("utf-8")) if t.type == "fence"]
    found = []
    for shown, console in zip(fences, fences[1:], strict=False):
        first = console.content.split("\n", 1)[0]
        if shown.info != "yaml" or console.info != "console" or not first.startswith("$ reformkit validate"):
            continue
        name = first.split()[-1]
        runs: list[tuple[str, str]] = []
        for line in console.content.splitlines():
            if line.startswith("$ "):
                runs.append((line[2:], ""))
            else:
                runs[-1] = (runs[-1][0], runs[-1][1] + line + "\n")
        found.append((name, shown.content, runs))
    return found


def test_the_readme_validate_examples_show_their_files_and_their_real_output(isolated, invoke):
    examples = _readme_validate_examples()
    assert len(examples) == 2
    copy_bundled_config(isolated)
    (isolated / "cases").mkdir()
    for name, content, runs in examples:
        (isolated / name).write_text(content, "utf-8")
        for command, output in runs:
            result = invoke(*command.split()[1:])
            assert result.stderr + result.stdout == output, command


def _temporaries(cases):  # type: ignore[no-untyped-def]
    """A killed writer's temporary file (an hour old), a live one's, and two files that only
    look alike; returns them in that order."""
    import os
    import time

    stale = cases / ".a.yaml.k3x_9q2z.tmp"
    live = cases / ".a.yaml.abcd1234.tmp"
    other = cases / ".notes.tmp"
    linked = cases / ".b.yaml.zzzz0000.tmp"
    for path in (stale, live, other):
        path.write_text("id: half-writ", "utf-8")
    linked.symlink_to(cases / "a.yaml")
    hour_ago = time.time() - 3600
    for path in (stale, other):
        os.utime(path, (hour_ago, hour_ago))
    os.utime(linked, (hour_ago, hour_ago), follow_symlinks=False)
    return stale, live, other, linked


@pytest.mark.parametrize("args", [["fmt"], ["validate", "--fix"]])
def test_a_killed_writers_temporary_file_is_swept_by_the_next_run_that_writes(library, invoke, args):
    from .conftest import minimal_case

    path = library.cases / "a.yaml"
    path.write_bytes(minimal_case("a").replace("\n", "\r\n").encode())  # fmt and --fix both rewrite it
    stale, live, other, linked = _temporaries(library.cases)
    result = invoke(*args)
    assert result.exit_code == 0, result.stderr
    assert b"\r" not in path.read_bytes()  # written
    assert not stale.exists()
    assert live.exists() and other.exists() and linked.is_symlink()


def test_a_run_that_writes_nothing_sweeps_nothing(library, invoke):
    from .conftest import minimal_case

    library.write("a.yaml", minimal_case("a"))
    stale, *_ = _temporaries(library.cases)
    invoke("validate")
    invoke("search", "标题")
    assert stale.exists()
