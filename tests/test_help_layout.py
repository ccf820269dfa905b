"""``--help`` at 80 columns: wrapped by display width (a Chinese character takes two
columns), in the paragraphs click makes."""

from __future__ import annotations

import click
import pytest
from click.testing import CliRunner
from rich.cells import cell_len

from reformkit.cli import COMMANDS, cli
from reformkit.render.help import fill


@pytest.mark.parametrize("command", [None, *sorted(COMMANDS), "templates copy"])
def test_every_help_fits_80_columns(command):
    args = [*(command.split() if command else []), "--help"]
    result = CliRunner().invoke(cli, args, terminal_width=80)
    assert result.exit_code == 0, result.output
    wide = [line for line in result.output.splitlines() if cell_len(line) > 80]
    assert wide == []


def test_a_chinese_paragraph_is_broken_by_columns_with_kinsoku():
    text = "A term found as typed also finds its words (注销时间 finds 注销时间), and 营业执照。"
    assert fill(text, 24, "  ").splitlines() == [
        "  A term found as typed",
        "  also finds its words",
        "  (注销时间 finds 注销时",
        "  间), and 营业执照。",  # no line starts with ），。
    ]
    assert fill("营业执照" * 10 + "。", 20).splitlines() == [
        "营业执照营业执照营业",
        "执照营业执照营业执照",
        "营业执照营业执照营业",
        "执照营业执照营业执",
        "照。",  # the full stop takes the character before it along
    ]


def test_options_and_quoted_words_break_only_at_spaces():
    text = 'use --format ids or "a phrase" with tag:通关便利 and 近义/related'
    assert fill(text, 16).splitlines() == [
        "use --format ids",
        'or "a phrase"',
        "with tag:通关便",
        "利 and 近",
        "义/related",
    ]


ENGLISH = """Check case files: YAML, schema and rules, every problem in one run.

With no PATH, checks the whole library. Named files are still compared with the whole
library for duplicate ids and related links.

\b
Examples:
  reformkit validate
  reformkit validate --format github     # in GitHub Actions

  An indented paragraph keeps its indent when it is wrapped again, as click keeps it."""


@pytest.mark.parametrize("width", [30, 50, 79])
@pytest.mark.parametrize("indent", ["", "  "])
def test_english_help_is_laid_out_as_click_lays_it_out(width, indent):
    expected = click.formatting.wrap_text(
        ENGLISH, width, initial_indent=indent, subsequent_indent=indent, preserve_paragraphs=True
    )
    assert fill(ENGLISH, width, indent) == expected
