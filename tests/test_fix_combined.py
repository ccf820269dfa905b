"""validate --fix on every pair and triple of the input-method mistakes it knows, combined in
one file: the file ends valid, or is left untouched (never rewritten and still invalid)."""

from __future__ import annotations

import itertools

import pytest

VALID = """\
id: t-01
title: 标题
program: t
published: 2023-09-19
region:
  province: 海南省
tags: [政务服务, 企业开办]
summary: 推行智能审批。
practices:
  - title: 做法
    detail: 具体内容
  - title: 第二项
    detail: 其他内容
metrics:
  - label: 办理时间
    kind: time
    change_pct: -80
source: {document: a.txt}
"""

#: Each mistake: (what the valid file says, what an input method typed instead).
MISTAKES = {
    "tabs": [("\n  province:", "\n\tprovince:"), ("\n    detail: 具体内容", "\n\tdetail: 具体内容")],
    "ideographic-spaces": [("\n    detail: 其他内容", "\n\u3000\u3000\u3000\u3000detail: 其他内容")],
    "full-width-colon": [("summary: 推行", "summary：推行")],
    "full-width-comma": [("[政务服务, 企业开办]", "[政务服务，企业开办]")],
    "full-width-digits": [("published: 2023-09-19", "published: ２０２３-09-19")],
    "full-width-minus": [("change_pct: -80", "change_pct: －80%")],
}


def _typed(names: tuple[str, ...]) -> str:
    text = VALID
    for name in names:
        for right, wrong in MISTAKES[name]:
            assert right in text
            text = text.replace(right, wrong, 1)
    return text


COMBINATIONS = [c for size in (1, 2, 3) for c in itertools.combinations(sorted(MISTAKES), size)]


def test_the_valid_file_is_valid(library, invoke):
    library.write("t-01.yaml", VALID)
    result = invoke("validate", "--strict")
    assert result.exit_code == 0, result.stdout


@pytest.mark.parametrize("names", COMBINATIONS, ids="+".join)
def test_fix_ends_valid_or_leaves_the_file_untouched(library, invoke, names):
    typed = _typed(names)
    path = library.write("t-01.yaml", typed)
    result = invoke("validate", "--fix")
    after = path.read_text("utf-8")
    if after != typed:
        assert result.exit_code == 0, (result.stderr, result.stdout, after)
        assert invoke("validate", "--strict").exit_code == 0
    else:
        assert result.exit_code == 1


def test_a_file_that_still_does_not_parse_after_the_fixes_is_not_written(library, invoke):
    typed = _typed(("tabs",)).replace("source: {document: a.txt}", "source: {document: a.txt")
    path = library.write("t-01.yaml", typed)
    result = invoke("validate", "--fix")
    assert result.exit_code == 1
    assert path.read_text("utf-8") == typed
    *tried, left, count = result.stderr.splitlines()
    assert tried == [
        "cases/t-01.yaml: tried RK001 at 6:1 (indentation with a tab made 2 spaces)",
        "cases/t-01.yaml: tried RK001 at 11:1 (indentation with a tab made 4 spaces)",
    ]
    assert left.startswith("cases/t-01.yaml: left as it was: after these fixes it still does not parse (RK001 at ")
    assert count == "0 files fixed"
    assert "RK001" in result.stdout
