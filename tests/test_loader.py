"""The loader on malformed bytes and odd paths: each ends in a located problem, exit 1."""

from __future__ import annotations

import json
import os

import pytest

from reformkit.library.loader import load_file

from .conftest import minimal_case


def problems(invoke, *args):
    result = invoke("validate", "--format", "json", *args)
    assert "Traceback" not in result.stderr
    return result, [
        (p["path"], p["line"], p["column"], p["code"]) for p in json.loads(result.stdout)["problems"]
    ]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"\xef\xbb\xbf" + minimal_case("x").encode(), [(1, 1, "RK003")]),
        ("id: x\ntitle: 标题\n".encode("utf-16"), [(1, 1, "RK002")]),
        (b"id: x\ntitle: \xb1\xea\xcc\xe2\n", [(2, 8, "RK002")]),  # GBK
        (b"id: x\ntitle: \xe6\xa0\n", [(2, 8, "RK002")]),  # truncated sequence
        (b"id: x\ntitle: \xed\xa0\x80\n", [(2, 8, "RK002")]),  # an encoded lone surrogate
        (b"id: x\ntitle: a\x00b\n", [(2, 9, "RK004")]),
        (b"id: x\ntitle: a\x1b[2Jb\n", [(2, 9, "RK001")]),  # control characters are not YAML
        (b"", [(1, 1, "RK006")]),
        (b"---\n", [(1, 1, "RK007")]),
        (b"just text\n", [(1, 1, "RK007")]),
    ],
    ids=["bom", "utf16", "gbk", "truncated", "surrogate", "nul", "escape", "empty", "null-doc", "scalar"],
)
def test_bad_bytes_are_located_problems(library, invoke, data, expected):
    library.write_bytes("x.yaml", data)
    result, found = problems(invoke)
    assert [(line, col, code) for _, line, col, code in found] == expected
    assert result.exit_code == 1


def test_bom_file_is_still_checked_after_the_bom(library, invoke):
    library.write_bytes("x.yaml", b"\xef\xbb\xbf" + minimal_case("x", titel="t").encode())
    _, found = problems(invoke)
    assert [code for *_, code in found] == ["RK003", "RK103"]


def test_oversized_file(library, invoke):
    library.write("x.yaml", minimal_case("x", summary="a" * 2000))
    (library.root / "reformkit.toml").write_text(
        (library.root / "reformkit.toml").read_text() + "max_file_bytes = 1000\n"
    )
    result, found = problems(invoke)
    assert found == [("cases/x.yaml", 1, 1, "RK012")]
    assert result.exit_code == 1


def test_one_bad_file_never_hides_the_others(library, invoke):
    library.write("a.yaml", "id: [\n")
    library.write("b.yaml", minimal_case("b", titel="x"))
    library.write("c.yaml", minimal_case("c"))
    result, found = problems(invoke)
    assert [(p, code) for p, _, _, code in found] == [("cases/a.yaml", "RK001"), ("cases/b.yaml", "RK103")]
    assert json.loads(result.stdout)["files"] == 3


def test_symlink_loop_directory_and_outside_link(library, invoke, tmp_path):
    os.symlink("loop.yaml", library.cases / "loop.yaml")
    (library.cases / "dir.yaml").mkdir()
    outside = tmp_path / "elsewhere.yaml"
    outside.write_text(minimal_case("out"))
    os.symlink(outside, library.cases / "out.yaml")
    os.symlink("missing-target", library.cases / "broken.yaml")
    result, found = problems(invoke)
    assert sorted((p, code) for p, _, _, code in found) == [
        ("cases/broken.yaml", "RK013"),
        ("cases/dir.yaml", "RK013"),
        ("cases/loop.yaml", "RK013"),
        ("cases/out.yaml", "RK014"),
    ]
    assert result.exit_code == 1


def test_fifo_is_reported_not_read(library, invoke):
    os.mkfifo(library.cases / "pipe.yaml")
    library.write("ok.yaml", minimal_case("ok"))
    result, found = problems(invoke)  # would hang forever if the FIFO were opened
    assert found == [("cases/pipe.yaml", 1, 1, "RK013")]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file(library, invoke):
    path = library.write("x.yaml", minimal_case("x"))
    path.chmod(0)
    _, found = problems(invoke)
    assert found == [("cases/x.yaml", 1, 1, "RK013")]


def test_dates_become_strings_and_traps_are_kept_visible(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_text("published: 2021-04-10\nmonth: 2021-04\nflag: NO\nzero: 012\n")
    loaded = load_file(str(path), "x.yaml")
    assert loaded.data == {"published": "2021-04-10", "month": "2021-04", "flag": False, "zero": 10}
    assert loaded.raw_scalars[("flag",)] == "NO"
    assert [p.code for p in loaded.problems] == ["RK015"]


def test_positions_are_one_based_code_points(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_text("title: 中文中文\ntags: [甲乙, 丙]\n", encoding="utf-8")
    loaded = load_file(str(path), "x.yaml")
    assert loaded.positions[("title",)] == (1, 8)
    assert loaded.positions[("tags", 1)] == (2, 12)


def test_alias_bomb_is_refused_without_expanding(tmp_path):
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n" for i in range(20)
    )
    path = tmp_path / "bomb.yaml"
    path.write_text(bomb)
    loaded = load_file(str(path), "bomb.yaml")
    assert loaded.data is None
    assert {p.code for p in loaded.problems} == {"RK009"}


def test_deep_nesting_does_not_recurse(tmp_path):
    path = tmp_path / "deep.yaml"
    path.write_text("a: " + "[" * 10000 + "]" * 10000 + "\n")
    loaded = load_file(str(path), "deep.yaml")
    assert [p.code for p in loaded.problems] == ["RK011"]
