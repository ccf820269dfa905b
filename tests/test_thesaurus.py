"""The library's thesaurus: config, validation (RK601-RK603) and widening at search time."""

from __future__ import annotations

import os
import textwrap

import pytest

from reformkit.config import ThesaurusSettings, parse_config, read_thesaurus
from reformkit.search import thesaurus

from .conftest import REPO, old

CASES = {
    "t-1-01": ("推行营业执照网上办理", "企业开办", "营业执照当天领取。"),
    "t-1-02": ("企业开办一窗通", "企业开办", "企业开办全程网办。"),
    "t-1-03": ("办执照只跑一次", "企业开办", "群众说办执照难。"),
    "t-1-04": ("通关便利化改革", "通关便利", "货物通关时间压缩。"),
    "t-1-05": ("政务服务改革", "政务服务", "一窗受理，改革深化。"),
}
THESAURUS = """\
[thesaurus.phrases]
"办执照" = ["营业执照", "企业开办"]
"报关" = ["通关"]

[thesaurus.tags]
"通关便利" = ["清关", "报关"]
"""


def case(case_id: str, title: str, tag: str, summary: str) -> str:
    number = int(case_id.rsplit("-", 1)[1])
    return textwrap.dedent(
        f"""\
        id: {case_id}
        title: {title}
        program: t
        batch: 1
        number: {number}
        published: 2023-0{number}-01
        region: {{province: 海南省}}
        tags: [{tag}]
        summary: {summary}
        practices: [{{title: 做法}}]
        source: {{document: a.txt}}
        """
    )


@pytest.fixture
def shelf(library):
    """Five cases, a thesaurus file, and a config that names it."""
    for case_id, parts in CASES.items():
        library.write(f"{case_id}.yaml", case(case_id, *parts))
    (library.root / "thesaurus.toml").write_text(THESAURUS, "utf-8")
    config = library.root / "reformkit.toml"
    config.write_text(config.read_text("utf-8") + '\n[thesaurus]\nfile = "thesaurus.toml"\n', "utf-8")
    return library


def ids(result) -> list[str]:
    return result.stdout.split()


# Widening at search time.


def test_exact_hits_come_first_then_thesaurus_hits(shelf, invoke):
    result = invoke("search", "办执照", "--format", "ids")
    assert result.exit_code == 0
    assert ids(result) == ["t-1-03", "t-1-01", "t-1-02"]


def test_exact_turns_the_thesaurus_off(shelf, invoke):
    assert ids(invoke("search", "办执照", "--exact", "--format", "ids")) == ["t-1-03"]
    assert invoke("search", "报关", "--exact").exit_code == 1


def test_explain_says_which_expansion_each_hit_matched(shelf, invoke):
    result = invoke("search", "办执照", "--explain")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert [line.split()[:2] for line in lines] == [["t-1-03", "原文"], ["t-1-01", "近义"], ["t-1-02", "近义"]]
    assert lines[0].rstrip().endswith(lines[0].split()[2])  # an exact hit has no expansion
    assert lines[1].endswith("  办执照 → 营业执照、企业开办")
    assert lines[2].endswith("  办执照 → 企业开办")
    english = invoke("search", "在家办执照", "--explain", "--lang", "en").stdout.splitlines()
    assert english[0].startswith("t-1-01  related  ")
    assert english[0].endswith("  办执照 (in 在家办执照) → 营业执照, 企业开办")


def test_explain_is_its_own_output(shelf, invoke):
    result = invoke("search", "办执照", "--explain", "--format", "json")
    assert result.exit_code == 2
    assert "--explain writes its own lines; drop --lines and --format" in result.stderr


def test_table_marks_a_thesaurus_hit_and_shows_the_word_it_found(shelf, invoke):
    result = invoke("search", "报关")
    assert result.exit_code == 0
    assert "t-1-04" in result.stdout
    assert "近义：货物[通关]时间压缩。" in result.stdout.replace(" ", "").replace("\n", "")


def test_lines_locate_the_word_a_thesaurus_hit_holds(shelf, invoke):
    # 报关 → 通关 (a phrase), 通关便利 (a tag it is an alias of); columns in bytes
    result = invoke("search", "报关", "--lines")
    assert result.stdout == (
        "cases/t-1-04.yaml:2:8:title: 通关便利化改革\n"
        "cases/t-1-04.yaml:8:8:tags: [通关便利]\n"
        "cases/t-1-04.yaml:9:16:summary: 货物通关时间压缩。\n"
    )


def test_phrases_of_a_term_must_all_match(shelf, invoke):
    # 办执照 and 报关 inside one term: a case must hold a target of each
    assert invoke("search", "办执照报关").exit_code == 1
    assert ids(invoke("search", "报关", "通关", "--format", "ids")) == ["t-1-04"]


def test_a_tag_alias_stands_for_its_tag(shelf, invoke):
    assert ids(invoke("search", "tag:清关", "--format", "ids")) == ["t-1-04"]
    assert ids(invoke("search", "tag:清关,企业开办", "--format", "ids", "--sort", "id")) == [
        "t-1-01",
        "t-1-02",
        "t-1-03",
        "t-1-04",
    ]
    wrong = invoke("search", "tag:清单")
    assert wrong.exit_code == 2
    assert "tag:清单 is not a tag of this library" in wrong.stderr


def test_report_stats_and_export_match_exactly(shelf, invoke):
    exported = invoke("export", "办执照", "--format", "jsonl")
    assert exported.exit_code == 0
    assert exported.stdout.count("\n") == 1 and '"t-1-03"' in exported.stdout
    assert invoke("export", "报关", "--format", "jsonl").exit_code == 1
    assert invoke("stats", "报关").exit_code == 1


def test_a_term_with_few_hits_is_widened_and_one_with_enough_is_not(shelf, invoke):
    config = shelf.root / "reformkit.toml"
    config.write_text(config.read_text("utf-8") + '[thesaurus.phrases]\n"改革" = ["营业执照"]\n', "utf-8")
    # 改革 is written by two cases (fewer than FEW = 3): widened to 营业执照
    assert thesaurus.FEW == 3
    assert ids(invoke("search", "改革", "--format", "ids")) == ["t-1-05", "t-1-04", "t-1-01"]
    # 企业开办 by three: left as it is
    config.write_text(config.read_text("utf-8") + '"企业开办" = ["通关"]\n', "utf-8")
    assert ids(invoke("search", "企业开办", "--format", "ids", "--sort", "id")) == ["t-1-01", "t-1-02", "t-1-03"]


# The bundled library: literal queries are unchanged.

LITERAL = [
    "一网通办",
    "证照分离",
    "审批",
    "海口",
    "企业开办 海口",
    "改革 -海口",
    "通关 OR 跨境",
    "营业执照",
    "社会保险",
    "数据共享",
    "离岛免税",
    "信用",
    "医保",
    "不动产",
    "税",
]


@pytest.mark.parametrize("text", LITERAL)
def test_literal_queries_keep_their_results(text):
    from reformkit.library.scan import scan
    from reformkit.search.query import parse
    from reformkit.search.ranking import EXACT, search
    from reformkit.search.values import Vocabulary

    config = parse_config(REPO / "reformkit.toml")
    library = scan(config, REPO / "cases", use_cache=False)
    assert library.index is not None

    def ranked(widen: bool) -> list[tuple[str, int]]:
        query = parse(text, vocab=Vocabulary(tuple(config.programs), config.tags))
        query.sounds_like = True
        query.thesaurus = thesaurus.Source(config, use_cache=False) if widen else None
        assert library.index is not None
        return [(h.case_id, h.kind) for h in search(query, library.index, library.rows)]

    plain, widened = ranked(False), ranked(True)
    assert widened[: len(plain)] == plain  # every match found without it, in the same order, first
    assert all(kind == thesaurus.KIND for _, kind in widened[len(plain) :])
    query = parse(text)
    counts = [
        sum(1 for h in search(parse(t.text), library.index, library.rows) if h.kind == EXACT)
        for t in query.terms
        if not t.negated
    ]
    if all(count >= thesaurus.FEW for count in counts):
        assert widened == plain


def test_bundled_examples(invoke):
    result = invoke("--config", str(REPO / "reformkit.toml"), "search", "办执照", "--explain")
    assert result.exit_code == 0
    first = result.stdout.splitlines()[0]
    assert first.split()[:2] == ["hnbiz-4-02", "近义"] and first.endswith("  办执照 → 企业开办、营业执照")
    exact = invoke("--config", str(REPO / "reformkit.toml"), "search", "办执照", "--exact")
    assert exact.exit_code == 1


# The config: types are errors naming the key.


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ('[thesaurus]\nfile = 3\n', 'reformkit.toml:{line}: [thesaurus].file must be the path of a thesaurus file'),
        (
            '[thesaurus]\nfile = "nowhere.toml"\n',
            "reformkit.toml:{line}: [thesaurus].file names nowhere.toml, which is not a file beside the config",
        ),
        ('[thesaurus]\nfiles = "t.toml"\n', "reformkit.toml:{line}: [thesaurus].files is not a known thesaurus setting"),
        (
            '[thesaurus.phrases]\n"办执照" = "营业执照"\n',
            'reformkit.toml:{line}: [thesaurus.phrases]."办执照" must be a list of the words cases use',
        ),
        (
            '[thesaurus.tags]\n"企业开办" = [1]\n',
            'reformkit.toml:{line}: [thesaurus.tags]."企业开办" must be a list of other names for the tag',
        ),
        ('[thesaurus]\nphrases = 1\n', "reformkit.toml:{line}: [thesaurus].phrases must be a table"),
    ],
)
def test_a_thesaurus_of_the_wrong_shape_is_a_config_error(library, invoke, table, message):
    config = library.root / "reformkit.toml"
    before = config.read_text("utf-8") + "\n"
    config.write_text(before + table, "utf-8")
    header = before.count("\n") + 1
    result = invoke("validate")
    assert result.exit_code == 2
    assert message.format(line=header + 1, header=header) in result.stderr


def test_a_bad_entry_in_the_file_names_the_file_line_and_key(shelf, invoke):
    (shelf.root / "thesaurus.toml").write_text(THESAURUS + '"通关" = "报关"\n', "utf-8")
    result = invoke("search", "报关")
    assert result.exit_code == 2
    assert result.stderr == 'Error: thesaurus.toml:7: [thesaurus.tags]."通关" must be a list of other names for the tag, e.g. ["营业执照"]\n'
    (shelf.root / "thesaurus.toml").write_text("[phrases]\n", "utf-8")
    assert "thesaurus.toml:1: [phrases] is not a thesaurus table" in invoke("search", "报关").stderr


# Validation: entries that cannot help are warnings naming them.


def test_dead_unused_and_idle_entries_are_warnings_naming_them(shelf, invoke):
    (shelf.root / "thesaurus.toml").write_text(
        THESAURUS + '"教育" = ["上学"]\n', "utf-8"
    )
    config = shelf.root / "reformkit.toml"
    config.write_text(
        config.read_text("utf-8") + '\n[thesaurus.phrases]\n"打官司" = ["诉讼", "通关"]\n"改革" = ["深化"]\n', "utf-8"
    )
    lines = config.read_text("utf-8").splitlines()
    at = lines.index('"打官司" = ["诉讼", "通关"]') + 1
    result = invoke("validate", "--no-strict")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[:-1] == [
        f"reformkit.toml:{at}:1: warning RK601 '打官司' → '诉讼': no case writes '诉讼' and no vocabulary "
        "holds it, so it finds nothing; write a word the cases use or remove it",
        f"reformkit.toml:{at + 1}:1: warning RK603 '改革': every case its targets find already says '改革', "
        "so the entry bridges nothing; remove it",
        "thesaurus.toml:7:1: warning RK602 tag '教育' is carried by no case, so its aliases find nothing; "
        "use a tag of [vocab].tags that cases carry",
    ]
    assert invoke("validate", "--no-strict", "--ignore", "RK6").stdout.endswith("0 warnings\n")
    assert invoke("validate", "--strict").exit_code == 1


def test_a_warm_validate_takes_the_verdict_from_the_cache_until_something_it_read_changes(shelf, invoke, monkeypatch):
    from reformkit.rules import thesaurus as rules

    for path in shelf.cases.iterdir():
        old(path)
    first = invoke("validate", "--no-strict").stdout
    assert "RK60" not in first
    with monkeypatch.context() as patched:
        patched.setattr(rules, "check", _no_check)
        assert invoke("validate", "--no-strict").stdout == first  # served: the check never ran
    (shelf.root / "thesaurus.toml").write_text(THESAURUS + '"教育" = ["上学"]\n', "utf-8")
    assert "thesaurus.toml:7:1: warning RK602 tag '教育'" in invoke("validate", "--no-strict").stdout
    changed = shelf.cases / "t-1-01.yaml"
    changed.write_text(case("t-1-01", "推行证照网上办理", "企业开办", "证照当天领取。"), "utf-8")
    old(changed, 60)  # another mtime than the last run saw, outside the trust window
    assert "warning RK601 '办执照' → '营业执照': no case writes" in invoke("validate", "--no-strict").stdout
    assert "RK60" not in invoke("validate", "--no-strict", "--ignore", "RK601,RK602").stdout


def _no_check(*args):
    raise AssertionError("the thesaurus was checked again though nothing changed")


def test_the_bundled_thesaurus_is_clean_and_large():
    config = parse_config(REPO / "reformkit.toml")
    assert config.thesaurus.file == REPO / "thesaurus.toml"
    entries = read_thesaurus(config.thesaurus)
    assert len(entries.phrases) >= 500 and set(entries.tags) == set(config.tags)


def test_config_entries_extend_the_file_and_replace_its_same_phrase(shelf):
    config = shelf.root / "reformkit.toml"
    config.write_text(config.read_text("utf-8") + '[thesaurus.phrases]\n"报关" = ["货物"]\n"刻章" = ["做法"]\n', "utf-8")
    entries = read_thesaurus(parse_config(config).thesaurus)
    assert entries.phrases == {"办执照": ("营业执照", "企业开办"), "报关": ("货物",), "刻章": ("做法",)}
    assert entries.tags == {"通关便利": ("清关", "报关")}
    assert read_thesaurus(ThesaurusSettings()).phrases == {}


# Loading: folded once, then read from the cache while nothing changed.


def test_the_lookup_is_cached_until_the_file_changes(shelf, monkeypatch):
    path = old(shelf.root / "thesaurus.toml")
    config = parse_config(shelf.root / "reformkit.toml")
    first = thesaurus.Source(config).lookup()
    assert first.phrases["办执照"] == ("营业执照", "企业开办")
    assert first.phrases["清关"] == ("通关便利",) and first.aliases["报关"] == ("通关便利",)
    calls: list[int] = []
    monkeypatch.setattr(thesaurus, "read_thesaurus", lambda s: calls.append(1) or read_thesaurus(s))
    assert thesaurus.Source(config).lookup() == first and calls == []
    path.write_text(THESAURUS.replace('"报关" = ["通关"]', '"报关" = ["货物"]'), "utf-8")
    stamp = os.stat(path).st_mtime - 3600
    os.utime(path, (stamp, stamp))
    assert thesaurus.Source(config).lookup().phrases["报关"] == ("货物", "通关便利") and calls == [1]


def test_build_folds_and_merges():
    from reformkit.config import Thesaurus

    lookup = thesaurus.build(Thesaurus({"辦執照": ["營業執照", "辦執照"]}, {"企业开办": ["办执照"]}))
    assert lookup.phrases == {"办执照": ("营业执照", "企业开办")}
    assert lookup.aliases == {"办执照": ("企业开办",)}
    assert lookup.longest == 3


def test_no_thesaurus_means_no_widening(library, invoke):
    library.write("t-1-01.yaml", case("t-1-01", *CASES["t-1-01"]))
    assert parse_config(library.root / "reformkit.toml").thesaurus.empty
    assert invoke("search", "办执照").exit_code == 1


def test_a_cold_run_reads_the_same_verdict_from_its_records_as_from_the_search_index(shelf):
    from reformkit.config import cases_dir
    from reformkit.library.index.record import build_record
    from reformkit.library.index.texts import LibraryTexts
    from reformkit.library.scan import scan
    from reformkit.rules import thesaurus as rules

    config = parse_config(shelf.root / "reformkit.toml")
    entries = read_thesaurus(config.thesaurus)
    phrases = {**entries.phrases, "改革": ("深化",), "打官司": ("诉讼", "通关"), "营业执照": ("执照",)}
    library = scan(config, cases_dir(config), use_cache=False)
    texts = LibraryTexts([build_record(library.case(record)) for record in library.rows])
    index = library.index
    assert index is not None
    found = list(rules.check(phrases, entries.tags, config.tags, texts, None))
    assert found == list(rules.check(phrases, entries.tags, config.tags, index, None)) != []
    assert {rule.code for rule, *_ in found} == {"RK601", "RK603"}


# How a typed term is read through the thesaurus (search/thesaurus.py: readings).


class _Fixed:
    """A thesaurus source holding a lookup built here."""

    def __init__(self, lookup: thesaurus.Lookup) -> None:
        self._lookup = lookup

    def lookup(self) -> thesaurus.Lookup:
        return self._lookup


def _widener() -> thesaurus.Widener:
    from reformkit.config import Thesaurus

    phrases = {
        "办执照": ["营业执照", "企业开办"],
        "报关": ["通关"],
        "开店": ["企业开办"],
        "不用跑腿": ["不见面"],
        "在家办": ["家里办"],
        "不用跑腿在家办": ["零跑动"],
    }
    return thesaurus.Widener(_Fixed(thesaurus.build(Thesaurus(phrases, {}))))  # type: ignore[arg-type]


def _read(term: str, *words: str) -> list[list[tuple[str, tuple[str, ...], bool]]]:
    return [[tuple(group) for group in reading] for reading in _widener().readings(term, dict.fromkeys(words, 1))]


def test_a_phrase_is_read_as_itself():
    assert _read("办执照") == [[("办执照", ("营业执照", "企业开办"), False)]]


def test_an_entry_is_also_read_as_the_phrases_inside_it():
    assert _read("不用跑腿在家办") == [
        [("不用跑腿在家办", ("零跑动",), False)],
        [("不用跑腿", ("不见面",), False), ("在家办", ("家里办",), False)],
    ]


def test_words_between_the_phrases_of_a_long_term_stand_for_themselves():
    # 去 is one character: no word; 手续 is a word of the library's vocabulary
    assert _read("去办执照手续", "手续") == [[("办执照", ("营业执照", "企业开办"), False), ("手续", ("手续",), True)]]
    assert _read("报关要几天", "几天") == [[("报关", ("通关",), False), ("几天", ("几天",), True)]]


def test_a_phrase_spread_over_a_term_counts_only_with_no_phrase_written_in_it():
    assert thesaurus.SPREAD == 2
    assert _read("开个小店", "小店") == [[("开店", ("企业开办",), False)]]  # two characters between
    assert _read("开了三家小店") == []  # four between: too far apart
    assert _read("开个店报关") == [[("报关", ("通关",), False)]]  # 报关 is written: nothing spread
    assert _read("手续", "手续") == []  # no phrase: no reading


@pytest.mark.parametrize(("phrases", "needed"), [(1, 1), (2, 2), (3, 2), (4, 3), (6, 4)])
def test_how_many_phrases_a_row_must_hold(phrases, needed):
    assert thesaurus.needed(phrases) == needed


def test_a_sentence_finds_the_cases_its_phrases_point_to(shelf, invoke):
    # no case writes 我想办执照: its phrase 办执照 finds the cases writing 营业执照 or 企业开办
    result = invoke("search", "我想办执照", "--format", "ids")
    assert result.exit_code == 0
    assert ids(result) == ["t-1-01", "t-1-02", "t-1-03"]
    assert invoke("search", "我想办执照", "--exact").exit_code == 1
    # two phrases in one term: a case must hold a target of both (通关 and 时间: t-1-04)
    config = shelf.root / "reformkit.toml"
    config.write_text(config.read_text("utf-8") + '[thesaurus.phrases]\n"压时间" = ["时间"]\n', "utf-8")
    assert ids(invoke("search", "报关压时间", "--format", "ids")) == ["t-1-04"]


def test_a_search_whose_terms_all_have_enough_hits_never_reads_the_thesaurus(shelf, invoke, monkeypatch):
    reads: list[str] = []
    real = thesaurus.Source.lookup

    def counted(self):
        reads.append("read")
        return real(self)

    monkeypatch.setattr(thesaurus.Source, "lookup", counted)
    result = invoke("search", "企业开办", "--format", "ids", "--sort", "id")  # three exact hits
    assert (result.exit_code, ids(result), reads) == (0, ["t-1-01", "t-1-02", "t-1-03"], [])
    assert ids(invoke("search", "改革", "--format", "ids")) == ["t-1-05", "t-1-04"]  # two: widened
    assert reads


def test_a_long_term_is_read_as_its_first_ten_pieces():
    words = ["申请", "材料", "窗口", "审核", "流程"]
    pasted = "办执照" + "".join(words) * 3  # a phrase, then 15 plain words
    (reading,) = _read(pasted, *words)
    assert len(reading) == 10
    assert reading[0] == ("办执照", ("营业执照", "企业开办"), False)
    assert _read("".join(words) * 3 + "办执照", *words) == []  # its one phrase lies past the tenth piece
