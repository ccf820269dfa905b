"""Rewriting YAML values in place: only the changed characters of values move."""

from __future__ import annotations

import pytest
import yaml

from reformkit.text.punctuation import fix_punctuation
from reformkit.yamltext.rewrite import YamlEditError, rewrite_values

SOURCE = """\
# a comment, with: marks (kept)
id: a-1
title: 改革,提升(区)   # trailing, comment
tags: [中文, 英文]
flow: {a: "丙,丁", b: 9610}
single: '戊,己''s'
when: 2023-09-19
summary: >-
  第一行,第二
  继续(甲)
items:
  - title: 甲:乙
    detail: |
      一,二
      三;四
"""

EXPECTED = """\
# a comment, with: marks (kept)
id: a-1
title: 改革，提升（区）   # trailing, comment
tags: [中文, 英文]
flow: {a: "丙，丁", b: 9610}
single: '戊，己''s'
when: 2023-09-19
summary: >-
  第一行，第二
  继续（甲）
items:
  - title: 甲：乙
    detail: |
      一，二
      三；四
"""


def test_only_value_characters_change() -> None:
    assert rewrite_values(SOURCE, fix_punctuation) == EXPECTED
    assert rewrite_values(EXPECTED, fix_punctuation) == EXPECTED


def test_keys_are_not_values() -> None:
    assert rewrite_values("甲,乙: 丙,丁\n", fix_punctuation) == "甲,乙: 丙，丁\n"


def test_a_value_that_would_change_meaning_is_quoted() -> None:
    text = "a: x：y\nb: [p，q]\n"
    result = rewrite_values(text, fix_punctuation)
    assert yaml.safe_load(result) == {"a": "x:y", "b": ["p,q"]}
    assert result == 'a: "x:y"\nb: ["p,q"]\n'


def test_unchanged_text_is_returned_as_is() -> None:
    assert rewrite_values("a: 1\n", fix_punctuation) == "a: 1\n"


def test_not_yaml() -> None:
    with pytest.raises(YamlEditError):
        rewrite_values("a: [\n", fix_punctuation)
