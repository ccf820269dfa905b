"""Pinyin search: the forms the index keeps, how a query is read as pinyin, and what staff
typing through an IME find in the bundled library."""

from __future__ import annotations

import pytest

from reformkit.search.query import parse
from reformkit.text import pinyin

from .conftest import REPO, minimal_case


def bundled(invoke, *args):
    return invoke("--config", str(REPO / "reformkit.toml"), *args)


def found(invoke, *query):
    result = bundled(invoke, "search", "-f", "ids", *query)
    assert result.exit_code in (0, 1), result.stderr
    return result.stdout.split()


# --- the forms -----------------------------------------------------------------------------


def test_the_reading_table_is_built_without_importing_pypinyin_and_is_the_packages_own():
    """The process that writes the search index needs only the table of single characters;
    importing pypinyin (its phrase dictionary, both copied) would cost it about 55 MB."""
    import json
    import subprocess
    import sys

    code = (
        "import json, sys\n"
        "from reformkit.text import pinyin\n"
        "table = pinyin.reading_table()\n"
        "print(json.dumps([sorted(m for m in sys.modules if m.startswith('pypinyin')), table]))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    imported, table = json.loads(out.stdout)
    assert imported == []
    from pypinyin.constants import PINYIN_DICT

    assert len(table) > 20000
    assert table == {
        chr(point): "/".join(dict.fromkeys(pinyin.toneless(r) for r in readings.split(",")))
        for point, readings in PINYIN_DICT.items()
        if 0x3400 <= point <= 0x9FFF
    }


def test_index_forms_spell_each_han_character_and_break_at_anything_else():
    syllables, initials = pinyin.index_forms("推行“一网通办”，5g")
    assert syllables == b" tui xing | yi wang tong ban | "
    assert initials == b"tx|ywtb|"
    assert pinyin.index_forms("") == (b"", b"")


def test_polyphonic_characters_are_read_in_context():
    syllables, _ = pinyin.index_forms("重庆银行协调长三角，效率")
    assert syllables == b" chong qing yin hang xie tiao chang san jiao | xiao lv "
    assert pinyin.index_forms("重要的行动")[0] == b" zhong yao de xing dong "


@pytest.mark.parametrize(
    ("term", "expected"),
    [
        ("yiwangtongban", [("yi", "wang", "tong", "ban")]),
        ("yi wang tong ban", [("yi", "wang", "tong", "ban")]),
        ("yī wǎng tōng bàn", [("yi", "wang", "tong", "ban")]),
        ("yi1wang3tong1ban4", [("yi", "wang", "tong", "ban")]),
        ("xi'an", [("xi", "an")]),
        ("lüse", [("lv", "se")]),
        ("lvse", [("lv", "se")]),
        ("xian", [("xi", "an")]),  # one syllable alone is no pinyin query; two may be
        ("ban", []),
        ("ywtb", []),
        ("smart", []),
        ("一网通办", []),
    ],
)
def test_query_syllables(term, expected):
    assert pinyin.query_syllables(term) == expected


def test_initials_need_four_letters():
    assert pinyin.query_initials("ywtb") == "ywtb"
    assert pinyin.query_initials("YWTB") == "ywtb"
    assert pinyin.query_initials("txt") is None
    assert pinyin.query_initials("ywt1") is None


def test_homophones_read_each_character_every_way():
    table = {"正": "zheng", "照": "zhao", "分": "fen", "离": "li/chi"}
    assert pinyin.homophone_syllables("正照分离", table) == [
        ("zheng", "zhao", "fen", "li"),
        ("zheng", "zhao", "fen", "chi"),
    ]
    assert pinyin.homophone_syllables("分离", table) == []  # two characters: too many homophones
    assert pinyin.homophone_syllables("5G基站", table) == []


def test_span_in_maps_a_form_back_to_characters():
    folded = "推行“一网通办”改革"
    syllables, initials = pinyin.index_forms(folded)
    assert pinyin.span_in(folded, syllables, b" yi wang tong ban ", initials=False) == (3, 7)
    assert pinyin.span_in(folded, initials, b"ywtb", initials=True) == (3, 7)
    assert pinyin.span_in(folded, initials, b"zzfl", initials=True) is None


def test_titles_sort_by_pinyin():
    titles = ["推进改革", "长三角一体化", "深化改革", "E嘉平台", "备案即入"]
    assert sorted(titles, key=pinyin.sort_key) == ["备案即入", "长三角一体化", "E嘉平台", "深化改革", "推进改革"]


def test_pinyin_words_typed_apart_are_one_term():
    assert [t.text for t in parse("yi wang tong ban").terms] == ["yi wang tong ban"]
    assert [t.text for t in parse("yi wang tong ban 海口").terms] == ["yi wang tong ban", "海口"]
    assert [t.text for t in parse("smart city").terms] == ["smart", "city"]
    assert [t.text for t in parse("yi -wang").terms] == ["yi", "wang"]
    # Numbers are tone marks alone, no syllable: never joined (found by the property test).
    assert [t.text for t in parse("1 1").terms] == ["1", "1"]
    assert [t.text for t in parse("2024 5").terms] == ["2024", "5"]
    assert [t.text for t in parse("yi1 wang4").terms] == ["yi1 wang4"]


# --- through the CLI, on the bundled library -------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [("yiwangtongban",), ("yi", "wang", "tong", "ban"), ("yī wàng tōng bàn",), ("ywtb",), ("YWTB",)],
)
def test_pinyin_finds_what_the_chinese_finds(invoke, query):
    assert sorted(found(invoke, *query)) == sorted(found(invoke, "一网通办"))


def test_a_homophone_typo_finds_the_case_marked_and_ranked_below_exact_hits(invoke):
    assert found(invoke, "正照分离") == found(invoke, "证照分离")
    result = bundled(invoke, "search", "正照分离", "--lang", "en")
    assert result.exit_code == 0
    assert "sounds like: " in result.stdout
    zh = bundled(invoke, "search", "正照分离")
    assert "同音：" in zh.stdout


def test_exact_hits_come_before_fuzzy_ones(library, invoke):
    library.write("a.yaml", minimal_case("a", summary="证照分离"))
    library.write("b.yaml", minimal_case("b", summary="正照分离"))
    result = invoke("search", "正照分离", "--lang", "en")
    lines = result.stdout.splitlines()
    assert [line.split()[0] for line in lines[1:]] == ["b", "a"]
    assert "sounds like" not in lines[1] and "sounds like: [证照分离]" in lines[2]
    # Exclusion is by the text typed only: a homophone is not excluded.
    assert invoke("search", "-f", "ids", "-正照分离").stdout == "a\n"


def test_lines_show_where_a_pinyin_query_hit(invoke):
    result = bundled(invoke, "search", "zzfl", "--lines", "-n", "1")
    assert result.exit_code == 0
    first = result.stdout.splitlines()[0]
    assert first.endswith("cases/haikou-p168-03.yaml:2:26:title: 进一步扩大“证照分离”改革")


def test_sort_title_is_pinyin_order_on_the_bundled_library(invoke):
    result = bundled(invoke, "search", "改革", "--sort", "title", "-f", "tsv")
    titles = [line.split("\t")[1] for line in result.stdout.splitlines()]
    assert titles == sorted(titles, key=pinyin.sort_key)
    assert titles[0].startswith("备案即入")


def test_exact_turns_pinyin_and_homophones_off(invoke):
    assert bundled(invoke, "search", "正照分离", "--exact").exit_code == 1
    assert bundled(invoke, "search", "ywtb", "--exact").exit_code == 1
    assert found(invoke, "证照分离", "--exact") == found(invoke, "证照分离")


def test_only_search_which_marks_them_lists_homophone_hits(invoke):
    # A briefing or an export never takes in a case the writer did not type: pinyin is what was
    # meant, a homophone may not be.
    assert bundled(invoke, "export", "-f", "jsonl", "正照分离").exit_code == 1
    exported = bundled(invoke, "export", "-f", "jsonl", "ywtb")
    assert exported.exit_code == 0 and len(exported.stdout.splitlines()) == len(found(invoke, "一网通办"))


def test_lines_locate_sound_matches_only_for_cases_found_by_sound(library, invoke):
    # a holds the term as typed in its summary and a homophone of it in a practice: the case was
    # found exactly, so only the exact line is a hit; b was found by sound, and its line shows.
    library.write("a.yaml", minimal_case("a", summary="证照分离").replace("做法", "正照分离"))
    library.write("b.yaml", minimal_case("b", summary="正照分离"))
    result = invoke("search", "证照分离", "--lines")
    assert result.stdout.splitlines() == [
        "cases/a.yaml:9:10:summary: 证照分离",
        "cases/b.yaml:9:10:summary: 正照分离",
    ]
    exact = invoke("search", "证照分离", "--lines", "--exact")
    assert exact.stdout.splitlines() == ["cases/a.yaml:9:10:summary: 证照分离"]


def test_long_or_many_pinyin_words_end_quickly_and_cleanly(invoke):
    # 3,000 letters once overflowed the recursion; 40 words of two readings each made 2**40.
    assert pinyin.query_syllables("a" * 3000) == []
    many = pinyin.query_syllables(" ".join(["xian"] * 40))
    assert 0 < len(many) <= pinyin.MAX_READINGS
    assert all(len(reading) >= 40 for reading in many)
    result = bundled(invoke, "search", "a" * 3000)
    assert (result.exit_code, result.stderr) == (1, "没有符合条件的案例\n")
