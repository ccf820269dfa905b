"""search --lines: hits an editor can open, in ripgrep's vimgrep form (path:line:column:text),
each physical line once, byte or character columns, highlighted on a terminal, cut around the
hit when long, and escaped for the terminal."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from reformkit.search.snippets import LineHit, window
from tests.test_search import CASE_A, CASE_B, CASE_C

BOLD_RED, MAGENTA, GREEN, RESET = "\x1b[31m\x1b[1m", "\x1b[35m", "\x1b[32m", "\x1b[0m"


def lines(invoke, *args):
    result = invoke("search", *args, "--lines")
    assert result.exit_code == 0, result.stderr
    return result.stdout.splitlines()


# --- columns ----------------------------------------------------------------------------------


def test_columns_count_bytes_by_default_and_characters_on_request(lib, invoke):
    # "summary: " is 9 bytes and 企业开办 is 4 characters of 3 bytes: 时 starts at byte 22,
    # character 14.
    assert len("summary: 企业开办".encode()) + 1 == 22
    assert lines(invoke, "时间", "in:summary") == ["cases/t-4-01.yaml:10:22:summary: 企业开办时间大幅压缩。"]
    assert lines(invoke, "时间", "in:summary", "--column-unit", "byte") == [
        "cases/t-4-01.yaml:10:22:summary: 企业开办时间大幅压缩。"
    ]
    assert lines(invoke, "时间", "in:summary", "--column-unit", "char") == [
        "cases/t-4-01.yaml:10:14:summary: 企业开办时间大幅压缩。"
    ]


def test_ascii_before_the_hit_counts_the_same_in_both_units(lib, invoke):
    # "    detail: 推行证照联办," : the ASCII comma is one byte, the CJK before it three each.
    for unit, column in (("byte", 32), ("char", 20)):
        assert lines(invoke, "app", "--column-unit", unit) == [
            f"cases/t-4-01.yaml:13:{column}:    detail: 推行证照联办,APP 一次办。"
        ]


# --- each line once, every hit on it ----------------------------------------------------------

TWO_HITS = CASE_A.replace(
    "summary: 企业开办时间大幅压缩。", "summary: 一网通办审批，再推一网通办，审批提速。"
)


def test_a_line_with_several_hits_is_printed_once_at_its_first_hit(library, invoke):
    library.write("t-4-01.yaml", TWO_HITS)
    # two occurrences of one term, and a second term, on the summary line: one line, the
    # column of the first hit (一 right after "summary: ")
    assert lines(invoke, "一网通办", "审批", "in:summary") == [
        "cases/t-4-01.yaml:10:10:summary: 一网通办审批，再推一网通办，审批提速。"
    ]


def test_every_hit_on_the_line_is_highlighted_on_a_terminal(library, invoke):
    library.write("t-4-01.yaml", TWO_HITS)
    result = invoke("--color", "search", "一网通办", "审批", "in:summary", "--lines")
    assert result.stdout == (
        f"{MAGENTA}cases/t-4-01.yaml{RESET}:{GREEN}10{RESET}:{GREEN}10{RESET}:summary: "
        f"{BOLD_RED}一网通办审批{RESET}，再推{BOLD_RED}一网通办{RESET}，{BOLD_RED}审批{RESET}提速。\n"
    )


def test_no_colour_when_piped_or_asked_not_to(library, invoke, monkeypatch):
    library.write("t-4-01.yaml", TWO_HITS)
    plain = ["cases/t-4-01.yaml:10:10:summary: 一网通办审批，再推一网通办，审批提速。"]
    assert lines(invoke, "一网通办", "in:summary") == plain  # CliRunner's stdout is no terminal
    assert invoke("--no-color", "search", "一网通办", "in:summary", "--lines").stdout.splitlines() == plain
    monkeypatch.setenv("NO_COLOR", "1")
    assert invoke("search", "一网通办", "in:summary", "--lines").stdout.splitlines() == plain


def test_excluded_terms_are_never_hits(library, invoke):
    library.write("t-4-01.yaml", TWO_HITS)
    result = invoke("--color", "search", "一网通办", "-提速", "OR", "审批", "in:summary", "--lines")
    assert f"{BOLD_RED}提速" not in result.stdout
    assert f"{BOLD_RED}一网通办审批{RESET}" in result.stdout


# --- only searched text counts ----------------------------------------------------------------


def test_keys_ids_numbers_and_comments_are_not_hits(library, invoke):
    library.write(
        "t-01.yaml",
        "id: t-01  # title\n"
        "title: 标题\n"
        "program: t\n"
        "published: 2023-09-19\n"
        "region: {province: 海南省}\n"
        "tags: [政务服务]\n"
        "summary: The title is short  # title again\n"
        "# a title in a comment line\n"
        "practices: [{title: 做法}]\n"
        "source: {document: title.txt}\n",
    )
    # "title" is a key on three lines, in comments twice and in a file name: only the summary's
    # text is a hit, and the comment after it is not highlighted.
    assert lines(invoke, "title") == ["cases/t-01.yaml:7:14:summary: The title is short  # title again"]
    colored = invoke("--color", "search", "title", "--lines").stdout
    assert colored.count(BOLD_RED) == 1


def test_in_limits_and_or_choose_the_lines(lib, invoke):
    assert lines(invoke, "in:practices", "一网通办") == [
        "cases/t-4-02.yaml:10:18:  - title: 推行一网通办",
        "cases/zj-01.yaml:11:21:  - title: 建立“一网通办”专窗",
    ]
    assert lines(invoke, "证照", "OR", "长三角", "--sort", "id") == [
        "cases/t-4-01.yaml:13:19:    detail: 推行证照联办,APP 一次办。",
        "cases/zj-01.yaml:2:8:title: 长三角税收征管一体化",
    ]
    assert lines(invoke, "(证照", "OR", "长三角)", "NOT", "海口") == [
        "cases/zj-01.yaml:2:8:title: 长三角税收征管一体化"
    ]
    assert lines(invoke, "tag:企业开办", "一网通办") == ["cases/t-4-02.yaml:10:18:  - title: 推行一网通办"]


def test_tags_in_a_flow_list_are_hits(lib, invoke):
    assert lines(invoke, "企业开办", "in:tags") == ["cases/t-4-02.yaml:8:8:tags: [企业开办, 政务服务]"]


def test_crlf_lines_lose_only_their_line_break(library, invoke):
    library.write_bytes("t-4-01.yaml", CASE_A.replace("\n", "\r\n").encode())
    assert lines(invoke, "时间", "in:summary") == ["cases/t-4-01.yaml:10:22:summary: 企业开办时间大幅压缩。"]


# --- long lines ---------------------------------------------------------------------------------

LONG = "甲" * 60 + "一网通办" + "乙" * 60


def test_a_long_line_is_cut_around_its_first_hit_and_keeps_the_real_column(library, invoke):
    library.write("t-4-01.yaml", CASE_A.replace("summary: 企业开办时间大幅压缩。", f"summary: {LONG}"))
    # 9 bytes of "summary: " and 60 甲 of 3 bytes: 一 is byte 190, character 70.
    column = len(f"summary: {'甲' * 60}".encode()) + 1
    assert column == 190
    # 100 display columns: the hit (8), 30 before it (a third of the other 92, in whole
    # characters), the other 62 after it.
    expected = "…" + "甲" * 15 + "一网通办" + "乙" * 31 + "…"
    assert lines(invoke, "一网通办", "in:summary") == [f"cases/t-4-01.yaml:10:190:{expected}"]
    assert lines(invoke, "一网通办", "in:summary", "--column-unit", "char") == [
        f"cases/t-4-01.yaml:10:70:{expected}"
    ]
    assert lines(invoke, "一网通办", "in:summary", "--line-width", "20") == [
        "cases/t-4-01.yaml:10:190:…甲甲一网通办乙乙乙乙…"
    ]
    assert lines(invoke, "一网通办", "in:summary", "--line-width", "0") == [
        f"cases/t-4-01.yaml:10:190:summary: {LONG}"
    ]


def test_a_cut_line_still_highlights_its_hits(library, invoke):
    library.write("t-4-01.yaml", CASE_A.replace("summary: 企业开办时间大幅压缩。", f"summary: {LONG}"))
    result = invoke("--color", "search", "一网通办", "in:summary", "--lines", "--line-width", "20")
    assert result.stdout.endswith(f":…甲甲{BOLD_RED}一网通办{RESET}乙乙乙乙…\n")


def test_a_hit_near_the_start_gives_the_room_to_what_follows(library, invoke):
    text = "一网通办" + "乙" * 80
    library.write("t-4-01.yaml", CASE_A.replace("summary: 企业开办时间大幅压缩。", f"summary: {text}"))
    # "summary: " (9) and the hit (8) leave 83 columns: 41 乙, then the cut.
    assert lines(invoke, "一网通办", "in:summary") == [
        f"cases/t-4-01.yaml:10:10:summary: 一网通办{'乙' * 41}…"
    ]


def test_options_of_lines_need_lines(lib, invoke):
    for option, value in (("--column-unit", "char"), ("--line-width", "40")):
        result = invoke("search", "一网通办", option, value)
        assert result.exit_code == 2
        assert result.stderr.endswith(f"Error: {option} only applies with --lines\n")


# --- case text is data --------------------------------------------------------------------------


def test_control_and_bidi_characters_are_escaped_and_columns_stay_true(library, invoke):
    # A right-to-left override before the hit, a lone CR and a NEL inside a quoted value: YAML
    # takes CR and NEL as line breaks, editors and ripgrep do not, so the hit after them is
    # still on line 7 for the editor, and the practices line is line 8.
    library.write_bytes(
        "t-9-01.yaml",
        (
            "id: t-9-01\ntitle: 标题\nprogram: t\npublished: 2023-09-19\n"
            "region: {province: 海南省}\ntags: [政务服务]\n"
            'summary: "推行\u202e一网通办\r  再造流程，\x85  一网通办"\n'
            "practices: [{title: 做法一网通办}]  # 一网通办 in a comment\n"
            "source: {document: a.txt}\n"
        ).encode(),
    )
    # summary: "推行 is 10 + 6 bytes and U+202E three more: byte 20, character 14
    assert lines(invoke, "一网通办") == [
        'cases/t-9-01.yaml:7:20:summary: "推行\\u202e一网通办\\u000d  再造流程，\\u0085  一网通办"',
        "cases/t-9-01.yaml:8:27:practices: [{title: 做法一网通办}]  # 一网通办 in a comment",
    ]
    colored = invoke("--color", "search", "一网通办", "--lines").stdout
    assert "\u202e" not in colored and "\r" not in colored and "\x85" not in colored
    assert colored.count(BOLD_RED) == 3  # two in the summary, one in practices, none in the comment


# --- the window, as a function ----------------------------------------------------------------


def hit(text: str, *spans: tuple[int, int]) -> LineHit:
    return LineHit(1, text, spans, "summary")


def test_window_keeps_short_lines_whole():
    assert window(hit("  - title: 推行一网通办", (13, 17)), 100) == [
        ("  - title: 推行", False),
        ("一网通办", True),
    ]


def test_window_drops_cut_indentation_unmarked():
    text = " " * 6 + "甲" * 20 + "一网通办" + "乙" * 40
    pieces = window(hit(text, (26, 30)), 40)
    assert pieces[0] == ("…", False)  # 甲 were cut: marked
    text = " " * 30 + "一网通办" + "乙" * 40
    pieces = window(hit(text, (30, 34)), 40)
    assert pieces[0] == ("一网通办", True)  # only spaces were cut: no mark, no stray spaces


def test_window_keeps_the_first_hit_whole_even_when_wider():
    assert window(hit("甲" * 10 + "一网通办" + "乙" * 10, (10, 14)), 4) == [
        ("…", False),
        ("一网通办", True),
        ("…", False),
    ]


def test_window_counts_escapes_at_their_printed_width():
    # \x1b prints as \u001b, six columns: the line is 22 columns wide, not 17, so a 20-column
    # window cuts one 甲 (counted as one column, the whole line would fit).
    pieces = window(hit("甲甲\x1b一网乙乙乙乙", (3, 5)), 20)
    assert pieces == [("…", False), ("甲\x1b", False), ("一网", True), ("乙乙乙乙", False)]


def test_columns_of_a_line_hit():
    found = hit("title: 推进“一网通办”改革", (10, 14))
    assert (found.column("byte"), found.column("char")) == (17, 11)


# --- a real editor ------------------------------------------------------------------------------


@pytest.mark.skipif(shutil.which("vim") is None, reason="needs vim")
def test_vim_quickfix_lands_on_each_hit(library, invoke, tmp_path):
    library.write("t-4-01.yaml", CASE_A.replace("summary: 企业开办时间大幅压缩。", f"summary: {LONG}"))
    library.write("t-4-02.yaml", CASE_B)
    library.write("zj-01.yaml", CASE_C)
    (tmp_path / "hits.txt").write_text(invoke("search", "一网通办", "--lines").stdout, encoding="utf-8")
    (tmp_path / "jump.vim").write_text(
        "set encoding=utf-8\n"
        "let g:at = []\n"
        "for i in range(1, len(getqflist()))\n"
        "  execute 'silent cc ' . i\n"
        "  call add(g:at, expand('%') . ':' . line('.') . ':' . strpart(getline('.'), col('.') - 1, 12))\n"
        "endfor\n"
        "call writefile(g:at, 'at.txt')\n"
        "qall!\n",
        encoding="utf-8",
    )
    subprocess.run(
        ["vim", "-u", "NONE", "-i", "NONE", "-N", "-es", "-q", "hits.txt", "-S", "jump.vim"],
        cwd=tmp_path,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        timeout=30,
        check=False,
    )
    # the cursor is on 一 of each hit: the twelve bytes from it are 一网通办
    assert (tmp_path / "at.txt").read_text(encoding="utf-8").splitlines() == [
        "cases/t-4-01.yaml:2:一网通办",
        "cases/t-4-01.yaml:10:一网通办",
        "cases/t-4-02.yaml:10:一网通办",
        "cases/zj-01.yaml:11:一网通办",
    ]


def test_lines_is_a_format_and_the_flag_names_it(lib, invoke):
    assert invoke("search", "企业开办", "--format", "lines").stdout.splitlines() == lines(invoke, "企业开办") != []
    clash = invoke("search", "企业开办", "--lines", "--format", "ids")
    assert (clash.exit_code, clash.stderr.splitlines()[-1]) == (2, "Error: --lines is --format lines; give one of them")
    alone = invoke("search", "企业开办", "--format", "lines", "--column-unit", "char")
    assert alone.exit_code == 0 and alone.stdout.splitlines() == lines(invoke, "企业开办", "--column-unit", "char")
