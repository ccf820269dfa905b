"""Syntax errors an input method causes: the offending character's place, name and fix."""

from __future__ import annotations

import pytest

CASE = """\
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
    detail: 具体内容
metrics:
  - label: 办理时间
    kind: time
    change_pct: -80
source: {document: a.txt}
"""

FIXES = "(`reformkit validate --fix` fixes it)"


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "summary: 推行",
            "summary：推行",
            "cases/t-01.yaml:8:8: error RK001 YAML syntax error: full-width colon '：' (U+FF1A) "
            f"after key 'summary'; use ':' followed by a space {FIXES}. YAML says: could not find "
            "expected ':' (while scanning a simple key started at line 8, column 1)",
        ),
        (
            "  - title: 做法\n    detail",
            "  - title: 做法\n  \u3000detail",
            "cases/t-01.yaml:11:3: error RK001 YAML syntax error: an ideographic space '\u3000' "
            f"(U+3000) used as indentation; indent with ASCII spaces {FIXES}. YAML says: did not "
            "find expected '-' indicator (while parsing a block collection started at line 10, column 3)",
        ),
        (
            "    detail",
            "\u3000\u3000detail",
            "cases/t-01.yaml:11:1: error RK103 unknown field '\u3000\u3000detail': an ideographic "
            "space '\u3000' (U+3000) used as indentation before key 'detail'; indent with ASCII "
            f"spaces {FIXES}",
        ),
        (
            "  province",
            "\tprovince",
            "cases/t-01.yaml:6:1: error RK001 YAML syntax error: a tab (U+0009) used as indentation; "
            f"indent with ASCII spaces {FIXES}. YAML says: found character that cannot start any "
            "token (while scanning for the next token started at line 6, column 1)",
        ),
        (
            "detail: 具体内容",
            "detail: 做法: 具体内容",
            "cases/t-01.yaml:11:15: error RK001 YAML syntax error: ': ' inside the plain value of "
            f"'detail' starts a mapping in YAML; quote the value: detail: '做法: 具体内容' {FIXES}. "
            "YAML says: mapping values are not allowed in this context",
        ),
        (
            "change_pct: -80",
            "change_pct: -80%",
            "cases/t-01.yaml:15:20: error RK102 the percent sign '%' (U+0025) after -80 makes "
            "metrics[0].change_pct text; change_pct is a number of percent already: write "
            f"change_pct: -80 {FIXES}",
        ),
        (
            "  - title: 做法",
            "  - title：做法",
            "cases/t-01.yaml:10:10: error RK001 YAML syntax error: full-width colon '：' (U+FF1A) "
            f"after key 'title'; use ':' followed by a space {FIXES}. YAML says: mapping values are "
            "not allowed in this context",
        ),
    ],
    ids=[
        "fullwidth-colon",
        "ideographic-space",
        "ideographic-space-parsed",
        "tab",
        "colon-in-value",
        "percent",
        "fullwidth-colon-nested",
    ],
)
def test_each_input_method_mistake_is_named_where_it_is(library, invoke, old, new, expected):
    assert old in CASE
    library.write("t-01.yaml", CASE.replace(old, new, 1))
    result = invoke("validate")
    assert result.exit_code == 1
    assert result.stdout == expected + "\n1 file, 1 error, 0 warnings\n"


def test_a_syntax_error_that_is_no_input_method_mistake_keeps_libyamls_words(library, invoke):
    library.write("t-01.yaml", CASE.replace("tags: [政务服务]", "tags: [政务服务"))
    result = invoke("validate")
    assert "YAML says" not in result.stdout
    assert "RK001 YAML syntax error: did not find expected ',' or ']'" in result.stdout
