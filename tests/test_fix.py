"""validate --fix: each mechanical fix, what it reports, --diff, and what it leaves alone."""

from __future__ import annotations

from tests.conftest import minimal_case

FIVE = """\
id: t-01
title: 标题
program: t
published: 2023-09-19
region:
\tprovince: 海南省
tags: [政务服务]
summary：推行智能审批。
practices:
  - title: 做法
    detail: 做法: 具体内容
  - title: 第二项
\u3000\u3000detail: 具体内容
metrics:
  - label: 办理时间
    kind: time
    change_pct: -80%
source: {document: a.txt}
"""

FIXED = """\
id: t-01
title: 标题
program: t
published: 2023-09-19
region:
  province: 海南省
tags: [政务服务]
summary: 推行智能审批。
practices:
  - title: 做法
    detail: '做法: 具体内容'
  - title: 第二项
    detail: 具体内容
metrics:
  - label: 办理时间
    kind: time
    change_pct: -80
source: {document: a.txt}
"""

REPORT = """\
cases/t-01.yaml: {verb} RK001 at 6:1 (indentation with a tab made 2 spaces)
cases/t-01.yaml: {verb} RK001 at 8:8 (full-width colon after key 'summary' replaced by ':')
cases/t-01.yaml: {verb} RK001 at 11:15 (quoted the value of 'detail')
cases/t-01.yaml: {verb} RK001 at 13:1 (indentation with an ideographic space made 4 spaces)
cases/t-01.yaml: {verb} RK102 at 17:20 ('-80%' made -80)
1 file {done}
"""


def test_the_five_input_method_mistakes_are_fixed(library, invoke):
    path = library.write("t-01.yaml", FIVE)
    result = invoke("validate", "--fix")
    assert result.exit_code == 0, result.output
    assert path.read_text("utf-8") == FIXED
    assert result.stderr == REPORT.format(verb="fixed", done="fixed")
    assert result.stdout == "1 file, 0 errors, 0 warnings\n"
    assert sorted(p.name for p in library.cases.iterdir()) == ["t-01.yaml"]  # no temporary file left
    again = invoke("validate", "--fix")
    assert again.exit_code == 0
    assert again.stderr == "0 files fixed\n"
    assert path.read_text("utf-8") == FIXED


def test_diff_shows_the_fixes_and_writes_nothing(library, invoke):
    path = library.write("t-01.yaml", FIVE)
    result = invoke("validate", "--fix", "--diff")
    assert result.exit_code == 1
    assert path.read_text("utf-8") == FIVE
    assert result.stderr == REPORT.format(verb="would fix", done="would be fixed")
    assert result.stdout.startswith("--- cases/t-01.yaml\n+++ cases/t-01.yaml\n@@ -3,16 +3,16 @@\n")
    assert "-\tprovince: 海南省\n+  province: 海南省\n" in result.stdout
    assert "-    change_pct: -80%\n+    change_pct: -80\n" in result.stdout
    # The problems shown are those of the file as it would be.
    assert result.stdout.endswith("1 file, 0 errors, 0 warnings\n")


def test_diff_needs_fix(library, invoke):
    library.write("a.yaml", minimal_case("a"))
    result = invoke("validate", "--diff")
    assert result.exit_code == 2
    assert "--diff shows what --fix would change: pass --fix too" in result.stderr
    assert result.stdout == ""


def test_byte_order_mark_and_crlf(library, invoke):
    path = library.write_bytes("a.yaml", b"\xef\xbb\xbf" + minimal_case("a").replace("\n", "\r\n").encode())
    result = invoke("validate", "--fix")
    assert result.exit_code == 0
    assert path.read_bytes() == minimal_case("a").encode()
    assert result.stderr == (
        "cases/a.yaml: fixed RK003 at 1:1 (removed the byte-order mark)\n"
        "cases/a.yaml: fixed RK020 at 1:6 (CRLF line ends made LF (8 lines))\n"
        "1 file fixed\n"
    )


def test_yaml_11_traps_are_quoted_or_written_plainly(library, invoke):
    text = minimal_case("a").replace("title: 标题", "title: 2021").replace("batch", "x")
    text = text.replace("region: {province: 海南省}", "region: {province: NO}")
    text += "batch: 012\nmetrics:\n  - label: 012\n    kind: count\n    value: 3\n    unit: 个\n"
    path = library.write("a.yaml", text)
    result = invoke("validate", "--fix")
    assert result.stderr == (
        "cases/a.yaml: fixed RK102 at 2:8 (quoted '2021')\n"
        "cases/a.yaml: fixed RK102 at 5:20 (quoted 'NO')\n"
        "cases/a.yaml: fixed RK015 at 9:8 ('012' written as the decimal number 12)\n"
        "cases/a.yaml: fixed RK015 at 11:12 (quoted '012')\n"
        "1 file fixed\n"
    )
    fixed = path.read_text("utf-8")
    assert "title: '2021'\n" in fixed and "{province: 'NO'}" in fixed
    assert "batch: 12\n" in fixed and "  - label: '012'\n" in fixed
    # batch 12 without a number is no error; the id rule is not involved here.
    assert result.exit_code == 0, result.stdout


def test_punctuation_is_fixed_in_every_scalar_style(library, invoke):
    text = minimal_case("a").replace("title: 标题", "title: 标题(一),二") + (
        "summary: >-\n  第一行,第二\n  第三;第四\nsubtitle: '甲,乙'\n"
    )
    path = library.write("a.yaml", text)
    result = invoke("validate", "--fix")
    assert result.exit_code == 0
    fixed = path.read_text("utf-8")
    assert "title: 标题（一），二\n" in fixed
    assert "  第一行，第二\n  第三；第四\n" in fixed and "subtitle: '甲，乙'\n" in fixed
    assert result.stderr.count("fixed RK211") == 6
    assert "cases/a.yaml: fixed RK211 at 2:10 ('(' made '（')\n" in result.stderr


def test_a_suppressed_problem_is_not_fixed(library, invoke):
    text = minimal_case("a").replace("title: 标题", "title: 标题,一  # reformkit: ignore[RK211]")
    text += "summary: 甲,乙\n"
    path = library.write("a.yaml", text)
    result = invoke("validate", "--fix")
    assert result.exit_code == 0
    assert "title: 标题,一  # reformkit: ignore[RK211]\n" in path.read_text("utf-8")
    assert "summary: 甲，乙\n" in path.read_text("utf-8")
    assert result.stdout == "1 file, 0 errors, 0 warnings\n"


def test_fix_follows_the_selection(library, invoke):
    path = library.write("a.yaml", minimal_case("a").replace("title: 标题", "title: 标题,一"))
    result = invoke("validate", "--fix", "--ignore", "half-width-punctuation")
    assert result.stderr == "0 files fixed\n"
    assert "标题,一" in path.read_text("utf-8")


def test_unfixable_problems_are_reported_as_before(library, invoke):
    text = (
        minimal_case("a").replace("tags: [政务服务]", "tags: [没有]").replace("title: 标题", "title: 标题,一")
    )
    library.write("a.yaml", text)
    result = invoke("validate", "--fix")
    assert result.exit_code == 1
    assert result.stderr == "cases/a.yaml: fixed RK211 at 2:10 (',' made '，')\n1 file fixed\n"
    assert result.stdout.startswith("cases/a.yaml:6:8: error RK205 tag '没有' is not in [vocab].tags")
    assert result.stdout.endswith("1 file, 1 error, 0 warnings\n")


def test_a_paragraph_indent_inside_a_block_is_text_not_indentation(library, invoke):
    text = minimal_case("a") + "summary: |\n  \u3000\u3000第一段。\n\tnote: x\n"
    path = library.write("a.yaml", text)
    invoke("validate", "--fix")
    assert "  \u3000\u3000第一段。\n" in path.read_text("utf-8")


def test_a_file_that_cannot_be_decoded_is_left_alone(library, invoke):
    path = library.write_bytes("a.yaml", minimal_case("a").encode("gbk"))
    result = invoke("validate", "--fix")
    assert result.exit_code == 1
    assert path.read_bytes() == minimal_case("a").encode("gbk")
    assert "RK002" in result.stdout


def test_a_null_or_a_boolean_date_is_not_quoted(library, invoke):
    text = minimal_case("a").replace("title: 标题", "title: ~") + "due: true\n"
    path = library.write("a.yaml", text)
    result = invoke("validate", "--fix")
    assert result.stderr == "0 files fixed\n"
    assert path.read_text("utf-8") == text
    assert result.exit_code == 1
