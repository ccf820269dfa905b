"""reformkit fmt: the canonical layout, comments kept, data never changed, files with errors left alone."""

from __future__ import annotations

import json
import os
import re
import textwrap
from pathlib import Path

import pytest
import yaml
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from reformkit.case.model import LoadedFile
from reformkit.config import load_config
from reformkit.edit.fmt import canonical_data, format_entry, same_data
from reformkit.edit.layout import format_yaml
from reformkit.library.files import Entry
from reformkit.library.loader import load_file, parse_text

from .conftest import REPO

BUNDLED = sorted((REPO / "cases").glob("*.yaml"))
HOSTILE = sorted((REPO / "tests" / "hostile" / "cases").glob("*.yaml"))


def data_of(text: str) -> object:
    """What reformkit's own loader reads from ``text`` (and that it reads it cleanly)."""
    loaded = LoadedFile("x.yaml", None)
    parse_text(text, loaded)
    assert loaded.problems == [], loaded.problems
    return loaded.data


def comments_of(text: str) -> list[str]:
    """Every comment of a YAML text without quoted '#' (enough for the texts used here)."""
    return sorted(m.group().rstrip() for m in re.finditer(r"(?<![^\s])#.*", text))


# -- the layout ------------------------------------------------------------------------


@pytest.mark.parametrize("path", BUNDLED, ids=[p.stem for p in BUNDLED])
def test_the_bundled_cases_are_canonical_and_formatting_keeps_their_data(path):
    text = path.read_text("utf-8")
    assert format_yaml(text) == text
    assert data_of(format_yaml(text)) == canonical_data(load_file(str(path), path.name).data)


def _dates_back(value, key=""):
    """Loaded data with full dates as dates again, so PyYAML writes them plain."""
    import datetime

    if isinstance(value, dict):
        return {k: _dates_back(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_dates_back(v) for v in value]
    if key in ("published", "date") and isinstance(value, str) and re.fullmatch(r"\d{4}-\d\d-\d\d", value):
        return datetime.date.fromisoformat(value)
    return value


class _Literal(str):
    pass


def _literal_dumper():
    class Dumper(yaml.SafeDumper):
        pass

    Dumper.add_representer(
        str, lambda d, v: d.represent_scalar("tag:yaml.org,2002:str", v, style="|" if len(v) > 3 else None)
    )
    return Dumper


MUTATIONS = {
    # alphabetical keys, everything block, long text wrapped over several plain lines
    "sorted-wrapped": lambda text, data: yaml.safe_dump(data, sort_keys=True, allow_unicode=True, width=30),
    # one flow mapping, wrapped
    "all-flow": lambda text, data: yaml.safe_dump(
        data, sort_keys=False, allow_unicode=True, default_flow_style=True, width=60
    ),
    # JSON is YAML: every string double-quoted, keys too
    "json": lambda text, data: json.dumps(data, ensure_ascii=False, indent=1, default=str),
    # every longer string a literal block
    "literal": lambda text, data: yaml.dump(
        data, Dumper=_literal_dumper(), allow_unicode=True, sort_keys=False
    ),
    # the file itself: CRLF, a document marker, trailing spaces, no final newline
    "crlf-marker-spaces": lambda text, data: (
        "---\r\n"
        + "\r\n".join(line + ("   " if line.endswith(("]", "}")) else "") for line in text.splitlines())
    ),
}


@pytest.mark.parametrize("mutation", sorted(MUTATIONS))
def test_formatting_a_mutated_case_keeps_its_data_and_is_idempotent(mutation):
    for path in BUNDLED[::4]:
        original = path.read_text("utf-8")
        mutant = MUTATIONS[mutation](original, _dates_back(data_of(original)))
        once = format_yaml(mutant)
        assert data_of(once) == canonical_data(data_of(mutant)), path.name
        assert format_yaml(once) == once, path.name
        assert not re.search(r"[ \t]$", once, re.M) and once.endswith("\n") and not once.endswith("\n\n")
        if mutation == "crlf-marker-spaces":
            assert once == original, path.name


def test_the_canonical_layout():
    messy = textwrap.dedent(
        """\
        "title": "标题"
        id: t-4-01
        tags:
          - 政务服务
        region: {city: 海口市, "province": 海南省}
        program: t
        published: 2023-09-19
        due: "2020-12"
        batch: 4
        practices: [{detail: "这是一段很长的说明文字，超过了一行能放下的宽度，所以写成折叠的块，让每一行都不至于太宽而难以阅读。", title: 做法}]
        summary: |-
          短文
        metrics:
        - {unit: "%", label: 满意度, kind: rate, after: 99.50, approx: {after: over}}
        - label: "NO"
          kind: count
          value: 1.0e+3
          unit: 个
          note: "第一行\\n第二行"
        source:
          document: 'a.txt'
          title: "2021"
        """
    )
    assert format_yaml(messy) == textwrap.dedent(
        """\
        id: t-4-01
        title: 标题
        program: t
        batch: 4
        published: 2023-09-19
        region: {province: 海南省, city: 海口市}
        tags: [政务服务]
        due: '2020-12'
        summary: 短文
        practices:
          - title: 做法
            detail: >-
              这是一段很长的说明文字，超过了一行能放下的宽度，所以写成折叠的块，让每一行都不至于太宽而难以阅读。
        metrics:
          - label: 满意度
            kind: rate
            after: 99.50
            unit: '%'
            approx: {after: over}
          - label: 'NO'
            kind: count
            value: 1.0e+3
            unit: 个
            note: |-
              第一行
              第二行
        source:
          title: '2021'
          document: a.txt
        """
    )
    assert data_of(format_yaml(messy)) == data_of(messy)


def test_text_that_a_block_would_change_is_double_quoted():
    text = 'id: x\nnote: "line  \\nnext"\ntitle: " leading space and a long text that does not fit on one line of eighty-eight columns"\n'
    out = format_yaml(text)
    assert out == (
        "id: x\ntitle: ' leading space and a long text that does not fit on one line of eighty-eight columns'\n"
        'note: "line  \\nnext"\n'
    )
    assert data_of(out) == data_of(text)


def test_plain_text_that_yaml_11_reads_as_something_else_stays_as_written():
    # 'NO' plain is False to reformkit (YAML 1.1) and text to YAML 1.2: it is left plain, so
    # the data stays what it was (validate reports it); quoted, it stays quoted.
    text = "a: NO\nb: 'NO'\nc: 'on'\nd: \"1:20\"\ne: 2023-7\nf: '2023-07-01'\n"
    out = format_yaml(text)
    assert out == "a: NO\nb: 'NO'\nc: 'on'\nd: '1:20'\ne: 2023-7\nf: '2023-07-01'\n"
    assert data_of(out) == data_of(text)


COMMENTED = """\
# top of the file
# second line of the top
title: 标题  # end of a line
id: t-4-01
program: t
published: 2023-09-19
region:
  city: 海口市  # kept: the region stays in block style to hold it
  province: 海南省
tags: [政务服务]  # after a flow list
practices:
  # before the first practice
  - detail: 细节
    title: 做法一
  # between practices
  - title: 做法二  # end of a line in an item
metrics:
  - kind: time  # inside a metric
    label: 审批时间
    # a line inside a metric
    change_pct: -50
source:
  document: a.txt
# end of the file
"""


def test_every_comment_survives_in_its_place():
    out = format_yaml(COMMENTED)
    assert comments_of(out) == comments_of(COMMENTED)
    assert out == textwrap.dedent(
        """\
        # top of the file
        # second line of the top
        id: t-4-01
        title: 标题  # end of a line
        program: t
        published: 2023-09-19
        region:
          province: 海南省
          city: 海口市  # kept: the region stays in block style to hold it
        tags: [政务服务]  # after a flow list
        practices:
          # before the first practice
          - title: 做法一
            detail: 细节
          # between practices
          - title: 做法二  # end of a line in an item
        metrics:
          - label: 审批时间
            kind: time  # inside a metric
            # a line inside a metric
            change_pct: -50
        source:
          document: a.txt
        # end of the file
        """
    )
    assert format_yaml(out) == out
    assert data_of(out) == data_of(COMMENTED)


def test_a_whole_line_comment_moves_with_the_key_it_stood_before():
    text = "title: 标题\n# about the id\nid: x\nprogram: t\n"
    assert format_yaml(text) == "# about the id\nid: x\ntitle: 标题\nprogram: t\n"
    text = "practices:\n  - detail: 细节\n    # about the title\n    title: 做法\n"
    assert format_yaml(text) == "practices:\n  # about the title\n  - title: 做法\n    detail: 细节\n"
    text = "id: x\nprogram: t  # p\n# before title\ntitle: 标题\nsummary: 概要\n"
    assert format_yaml(text) == "id: x\n# before title\ntitle: 标题\nprogram: t  # p\nsummary: 概要\n"


def test_a_long_value_with_an_end_of_line_comment_stays_on_its_line():
    long = "很长的标题" * 12
    text = f"practices:\n  - title: {long}  # why\n"
    assert format_yaml(text) == text


def test_canonical_text_is_the_one_hook_for_text(monkeypatch):
    import reformkit.edit.layout

    monkeypatch.setattr(reformkit.edit.layout, "canonical_text", lambda value: value.replace(",", "，"))
    text = "id: x\ntitle: 甲,乙\ntags: ['丙,丁']\npractices:\n  - title: 戊,己\n"
    out = format_yaml(text)
    assert out == "id: x\ntitle: 甲，乙\ntags: [丙，丁]\npractices:\n  - title: 戊，己\n"
    assert data_of(out) == canonical_data(data_of(text))


def test_the_hostile_corpus_is_formatted_without_a_change_of_data_or_left_alone(tmp_path):
    config = load_config(str(REPO / "tests" / "data" / "reformkit.toml"))
    for path in HOSTILE:
        result = format_entry(Entry(str(path), path.name), config)
        assert not result.data_changed, path.name
        if result.skipped is None and result.changed:
            assert format_yaml(result.after) == result.after, path.name


# -- the command -----------------------------------------------------------------------


def test_check_on_the_bundled_library_passes(invoke):
    result = invoke("--config", str(REPO / "reformkit.toml"), "fmt", "--check")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert result.stderr == f"0 files would be reformatted, {len(BUNDLED)} files already formatted\n"


MESSY = "title: 标题\nid: t-4-01\nprogram: t\npublished: 2023-09-19\nregion:\n  province: 海南省\ntags: [政务服务]\npractices: [{title: 做法}]\nsource: {document: a.txt}\n"
TIDY = "id: t-4-01\ntitle: 标题\nprogram: t\npublished: 2023-09-19\nregion: {province: 海南省}\ntags: [政务服务]\npractices:\n  - title: 做法\nsource:\n  document: a.txt\n"


def test_check_lists_what_would_change_and_writes_nothing(library, invoke):
    messy = library.write("t-4-01.yaml", MESSY)
    library.write("t-4-02.yaml", TIDY.replace("t-4-01", "t-4-02"))
    result = invoke("fmt", "--check")
    assert result.exit_code == 1
    assert result.stdout == "would reformat cases/t-4-01.yaml\n"
    assert result.stderr == "1 file would be reformatted, 1 file already formatted\n"
    assert messy.read_text("utf-8") == MESSY


def test_diff_prints_a_unified_diff_and_writes_nothing(library, invoke):
    messy = library.write("t-4-01.yaml", MESSY)
    result = invoke("fmt", "--diff", "cases/t-4-01.yaml")
    assert result.exit_code == 1
    assert result.stdout == textwrap.dedent(
        """\
        --- cases/t-4-01.yaml
        +++ cases/t-4-01.yaml
        @@ -1,9 +1,10 @@
        +id: t-4-01
         title: 标题
        -id: t-4-01
         program: t
         published: 2023-09-19
        -region:
        -  province: 海南省
        +region: {province: 海南省}
         tags: [政务服务]
        -practices: [{title: 做法}]
        -source: {document: a.txt}
        +practices:
        +  - title: 做法
        +source:
        +  document: a.txt
        """
    )
    assert messy.read_text("utf-8") == MESSY
    tidy = library.write("t-4-02.yaml", TIDY.replace("t-4-01", "t-4-02"))
    result = invoke("fmt", "--diff", str(tidy))
    assert (result.exit_code, result.stdout) == (0, "")


def test_fmt_rewrites_in_place_keeping_the_mode_and_twice_is_once(library, invoke):
    messy = library.write("t-4-01.yaml", MESSY)
    os.chmod(messy, 0o640)
    result = invoke("fmt")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "reformatted cases/t-4-01.yaml\n"
    assert result.stderr == "1 file reformatted, 0 files left unchanged\n"
    assert messy.read_text("utf-8") == TIDY
    assert messy.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in library.cases.iterdir()] == ["t-4-01.yaml"]  # no temporary file left
    again = invoke("fmt")
    assert (again.exit_code, again.stdout, again.stderr) == (
        0,
        "",
        "0 files reformatted, 1 file left unchanged\n",
    )
    assert invoke("validate").exit_code == 0


def test_a_symlinked_case_is_formatted_through_the_link(library, invoke):
    real = library.write("t-4-01.yaml", MESSY)
    (library.cases / "t-4-02.yaml").symlink_to(real.name)
    result = invoke("fmt", "cases/t-4-02.yaml")
    assert result.exit_code == 0, result.stderr
    assert real.read_text("utf-8") == TIDY
    assert (library.cases / "t-4-02.yaml").is_symlink()


BROKEN = {
    "syntax.yaml": ("id: x\ntitle: [a\n", "RK001"),
    "dupe.yaml": ("id: x\ntitle: a\ntitle: b\n", "RK008"),
    "anchor.yaml": ("id: &a x\ntitle: *a\n", "RK009"),
    "tag.yaml": ("id: x\ntitle: !!python/name:os.system a\n", "RK010"),
    "number.yaml": ("id: x\nbatch: 012\n", "RK015"),
}


def test_files_with_errors_are_left_alone_and_reported(library, invoke):
    for name, (text, _) in BROKEN.items():
        library.write(name, text)
    library.write_bytes("gbk.yaml", "title: 标题\n".encode("gbk"))
    library.write_bytes("bom.yaml", b"\xef\xbb\xbfid: x\n")
    before = {p.name: p.read_bytes() for p in library.cases.iterdir()}
    result = invoke("fmt")
    assert result.exit_code == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[-1] == "0 files reformatted, 0 files left unchanged, 7 files skipped"
    codes = {line.split(":")[0]: line.split()[1] for line in lines[:-1]}
    assert codes == {
        **{f"cases/{name}": code for name, (_, code) in BROKEN.items()},
        "cases/gbk.yaml": "RK002",
        "cases/bom.yaml": "RK003",
    }
    assert "cases/dupe.yaml:3:1: RK008 " in result.stderr
    assert all(line.endswith(" (skipped)") for line in lines[:-1])
    assert {p.name: p.read_bytes() for p in library.cases.iterdir()} == before
    assert invoke("fmt", "--check").exit_code == 1


def test_a_layout_that_would_change_the_data_is_never_written(library, invoke, monkeypatch):
    import reformkit.edit.layout

    messy = library.write("t-4-01.yaml", MESSY)
    monkeypatch.setattr(reformkit.edit.layout, "format_yaml", lambda text: text.replace("标题", "别的"))
    result = invoke("fmt")
    assert result.exit_code == 1
    assert result.stderr.startswith(
        "cases/t-4-01.yaml: left alone: the canonical layout would change its data"
    )
    assert messy.read_text("utf-8") == MESSY


def test_a_missing_path_is_a_usage_error(library, invoke):
    result = invoke("fmt", "cases/nope.yaml")
    assert (result.exit_code, result.stdout) == (2, "")
    assert "cases/nope.yaml: no such file or folder" in result.stderr


def test_a_remembered_verdict_never_hides_a_change(library, invoke):
    path = library.write("t-4-01.yaml", TIDY)
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    assert invoke("fmt", "--check").exit_code == 0
    assert invoke("fmt", "--check").exit_code == 0  # from the cache
    path.write_text(MESSY, encoding="utf-8")
    os.utime(path, ns=(2_000_000_000, 2_000_000_000))
    result = invoke("fmt", "--check")
    assert (result.exit_code, result.stdout) == (1, "would reformat cases/t-4-01.yaml\n")


def test_the_cache_is_used(library, invoke, monkeypatch):
    import reformkit.edit.fmt

    path = library.write("t-4-01.yaml", TIDY)
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    assert invoke("fmt", "--check").exit_code == 0
    monkeypatch.setattr(reformkit.edit.fmt, "format_entry", lambda *a: pytest.fail("not from the cache"))
    assert invoke("fmt", "--check").exit_code == 0
    assert Path(".cache").is_dir()


# -- arbitrary documents (hypothesis) ----------------------------------------------------

FIELDS = ["id", "title", "summary", "note", "region", "tags", "practices", "metrics", "x-extra"]
any_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=60)
scalar = (
    any_text | st.integers(-(10**6), 10**6) | st.floats(allow_nan=False, allow_infinity=False) | st.booleans()
)


@st.composite
def document(draw) -> dict:
    keys = draw(st.lists(st.sampled_from(FIELDS), unique=True, min_size=1))
    out: dict = {}
    for key in keys:
        if key == "region":
            out[key] = draw(
                st.dictionaries(st.sampled_from(["city", "province", "district"]), any_text, max_size=3)
            )
        elif key == "tags":
            out[key] = draw(st.lists(any_text, max_size=4))
        elif key in ("practices", "metrics"):
            item = st.dictionaries(
                st.sampled_from(["detail", "title", "kind", "label", "value", "unit"]), scalar
            )
            out[key] = draw(st.lists(item, max_size=3))
        else:
            out[key] = draw(scalar)
    return out


@pytest.mark.fuzz
@settings(max_examples=int(os.environ.get("RK_EXAMPLES", "60")), deadline=None)
@given(
    doc=document(),
    style=st.sampled_from([None, "'", '"', "|", ">"]),
    flow=st.sampled_from([None, True, False]),
    width=st.integers(20, 200),
)
def test_formatting_any_document_that_loads_keeps_its_data(doc, style, flow, width):
    text = yaml.safe_dump(doc, allow_unicode=True, default_style=style, default_flow_style=flow, width=width)
    loaded = LoadedFile("x.yaml", None)
    parse_text(text, loaded)
    assume(not loaded.problems and loaded.data is not None)
    once = format_yaml(text)
    assert same_data(data_of(once), canonical_data(loaded.data))
    assert format_yaml(once) == once
    assert not re.search(r"[ \t]$", once, re.M)
