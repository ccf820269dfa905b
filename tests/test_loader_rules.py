"""The loading family on its own: each loader rule from bytes or a YAML string, and selection."""

from __future__ import annotations

import json
import os

import pytest

from reformkit.case.model import LoadedFile
from reformkit.library.documents import load_entry
from reformkit.library.files import Entry
from reformkit.rules import check_file, loading, structure
from reformkit.rules.base import FileContext

from .conftest import minimal_case
from .rule_fixtures import PATH, TODAY, VALID, config, found, loaded, loaded_bytes


def test_valid_file_has_no_problem():
    result = loaded(VALID)
    assert result.problems == [] and result.data is not None and result.data["id"] == "t-4-01"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "id: a\n---\nid: b\n",
            ("RK005", 2, 1, "", "holds more than one YAML document ('---'); keep one case per file"),
        ),
        ("", ("RK006", 1, 1, "", "is empty; write a case (see `reformkit new`) or delete it")),
        (
            "- a\n- b\n",
            (
                "RK007",
                1,
                1,
                "",
                "is a list, not a mapping of fields; a case file is one mapping (id: …, title: …)",
            ),
        ),
        (
            "id: a\nid: b\n",
            (
                "RK008",
                2,
                1,
                "id",
                "duplicate key 'id' (first at line 1); YAML would keep only the last one: remove or merge one of them",
            ),
        ),
        (
            "id: &x a\n",
            ("RK009", 1, 5, "id", "defines the anchor &x; case files do not use anchors: remove it"),
        ),
        (
            "a: b\nid: *x\n",
            (
                "RK009",
                2,
                5,
                "id",
                "uses the alias *x; case files do not use anchors or aliases: write the value out in full",
            ),
        ),
        ("id: !!str a\n", None),
        (
            "id: !!python/name:os.system a\n",
            (
                "RK010",
                1,
                5,
                "id",
                "uses the tag !!python/name:os.system; case files use no tags: remove it (quote the value if it should be text)",
            ),
        ),
        (
            "number: 012\n",
            (
                "RK015",
                1,
                9,
                "number",
                "'012' is read by YAML 1.1 as 10 (not decimal); write the number plainly, or quote it if it is text",
            ),
        ),
        (
            "number: 1:20\n",
            (
                "RK015",
                1,
                9,
                "number",
                "'1:20' is read by YAML 1.1 as the base-60 number 80; write the number plainly, or quote it if it is text",
            ),
        ),
        ("number: 12\n", None),
    ],
    ids=[
        "documents",
        "empty",
        "list",
        "duplicate",
        "anchor",
        "alias",
        "safe-tag",
        "tag",
        "octal",
        "base60",
        "plain-number",
    ],
)
def test_yaml_rules(text, expected):
    assert found(loaded(text).problems) == ([expected] if expected else [])


def test_rk001_yaml_syntax():
    # The wording of the parser's complaint depends on libyaml; the rest is reformkit's.
    ((code, line, column, field, message),) = found(loaded("id: [a\n").problems)
    assert (code, line, column, field) == ("RK001", 2, 1, "")
    assert message.startswith("YAML syntax error: ")
    assert message.endswith("(while parsing a flow sequence started at line 1, column 5)")
    assert found(loaded("id: a\nkey: [text]\n").problems) == []


def test_rk011_too_deep_and_just_deep_enough(tmp_path):
    deep = b"a: " + b"[" * 4 + b"1" + b"]" * 4 + b"\n"
    assert found(loaded_bytes(tmp_path, deep, max_depth=5).problems) == []
    assert found(loaded_bytes(tmp_path, deep, max_depth=4).problems) == [
        (
            "RK011",
            1,
            7,
            "",
            "nests deeper than 4 levels; case files are shallow: flatten it (or raise [rules].max_depth)",
        )
    ]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("id: x\n".encode("utf-16"), ("RK002", 1, 1, "", "is UTF-16 or UTF-32 text; save it as UTF-8")),
        (
            b"id: x\ntitle: \xb1\xea\n",
            (
                "RK002",
                2,
                8,
                "",
                "is not valid UTF-8 (bytes b1 ea 0a); re-save the file as UTF-8 (it may be GBK or another legacy encoding)",
            ),
        ),
        (
            b"\xef\xbb\xbfid: x\n",
            ("RK003", 1, 1, "", "starts with a UTF-8 byte-order mark; save the file as UTF-8 without BOM"),
        ),
        (
            b"id: x\ntitle: a\x00b\n",
            ("RK004", 2, 9, "", "contains a NUL byte; remove it (is this a binary file?)"),
        ),
    ],
    ids=["utf16", "gbk", "bom", "nul"],
)
def test_byte_rules(tmp_path, data, expected):
    assert found(loaded_bytes(tmp_path, data).problems) == [expected]


def test_utf8_without_bom_reads(tmp_path):
    assert loaded_bytes(tmp_path, "id: 中文\n".encode()).problems == []


def test_rk012_too_large(tmp_path):
    assert found(loaded_bytes(tmp_path, b"id: x\n", max_bytes=6).problems) == []
    assert found(loaded_bytes(tmp_path, b"id: xy\n", max_bytes=6).problems) == [
        (
            "RK012",
            1,
            1,
            "",
            "is 7 bytes, over the limit of 6; split the case or raise [rules].max_file_bytes in reformkit.toml",
        )
    ]


def test_rk013_unreadable(tmp_path):
    (tmp_path / "t-4-01.yaml").mkdir()
    from reformkit.library.loader import load_file

    result = load_file(str(tmp_path / "t-4-01.yaml"), PATH)
    assert found(result.problems) == [
        ("RK013", 1, 1, "", "is a directory, not a case file; rename it or move it out")
    ]


def test_rk014_outside_library_comes_from_load_entry(tmp_path):
    target = tmp_path / "t-4-01.yaml"
    target.write_text(minimal_case("t-4-01"), encoding="utf-8")
    inside = load_entry(Entry(str(target), PATH), config())
    assert inside.problems == [] and inside.data is not None
    outside = load_entry(Entry(str(target), PATH, outside=True), config())
    assert outside.data is None
    assert found(outside.problems) == [
        (
            "RK014",
            1,
            1,
            "",
            "is a symlink leading outside the cases folder; copy the file in or remove the link",
        )
    ]


def test_loading_check_reports_only_enabled_codes():
    result = loaded("id: a\nid: b\nnumber: 012\n")
    assert [p.code for p in loading.check(FileContext(result, config(), TODAY))] == ["RK008", "RK015"]
    only = FileContext(result, config(), TODAY, enabled=frozenset({"RK015"}))
    assert [p.code for p in loading.check(only)] == ["RK015"]


def test_check_file_runs_no_family_without_an_enabled_rule(monkeypatch):
    def boom(ctx):
        raise AssertionError("a disabled family ran")

    monkeypatch.setattr(structure, "check", boom)
    text = VALID.replace("title: 标题", "titel: 标题").replace("tags: [政务服务]\n", "")
    ctx = FileContext(loaded(text), config(), TODAY, enabled=frozenset({"RK210"}))
    assert [p.code for p in check_file(ctx)] == ["RK210"]
    with pytest.raises(AssertionError, match="a disabled family ran"):
        check_file(FileContext(loaded(text), config(), TODAY))


def test_check_file_stops_after_loading_when_there_is_no_document():
    broken = LoadedFile(PATH, None)
    assert check_file(FileContext(broken, config(), TODAY)) == []


# Selection and the cache, through validate: a run that selects must not leave a cache that
# hides other codes from the next run, and without the cache disabled rules are not run.


def codes_of(invoke, *args):
    result = invoke("validate", "--format", "json", *args)
    return sorted({p["code"] for p in json.loads(result.stdout)["problems"]})


def test_select_then_plain_validate_with_the_cache(library, invoke):
    library.write(
        "a.yaml", minimal_case("a").replace("tags: [政务服务]", "tags: [政务]").replace("title:", "titel:")
    )
    old = 1_600_000_000
    os.utime(library.cases / "a.yaml", (old, old))
    assert codes_of(invoke, "--select", "RK205") == ["RK205"]
    assert list((library.root / ".cache").glob("checks-*"))  # the second run reads the cache
    assert codes_of(invoke) == ["RK101", "RK103", "RK205"]
    assert codes_of(invoke, "--ignore", "RK103,RK101") == ["RK205"]
    assert codes_of(invoke, "--no-cache") == ["RK101", "RK103", "RK205"]


def test_no_cache_validate_does_not_run_disabled_rules(library, invoke, monkeypatch):
    from reformkit.rules import case

    def boom(*args):
        raise AssertionError("a disabled rule ran")

    library.write("a.yaml", minimal_case("a").replace("tags: [政务服务]", "tags: [政务]"))
    monkeypatch.setattr(case, "_tags_known", boom)
    assert codes_of(invoke, "--no-cache", "--ignore", "RK205") == []
    with pytest.raises(AssertionError):
        invoke("validate", "--no-cache")
