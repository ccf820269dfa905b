"""Strict input: numbers finite and in range, text that is text, no invisible case file, and
read commands that can insist on a complete library (--strict)."""

from __future__ import annotations

import json
import math
import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from reformkit.case import metrics as arith
from reformkit.compare import compare
from reformkit.rules import check_file

from .conftest import minimal_case
from .rule_fixtures import VALID, context, found

REPO = Path(__file__).resolve().parents[1]


def _no_constant(name: str) -> object:
    raise AssertionError(f"not JSON: {name}")


def strict_json(text: str) -> object:
    return json.loads(text, parse_constant=_no_constant)


# -- metric arithmetic is total ---------------------------------------------------------


def test_rounding_is_exact_for_any_finite_float():
    assert arith.round_half_away(1e300) == Decimal("1" + "0" * 300 + ".0")
    assert arith.round_half_away(-2.25) == Decimal("-2.3")
    assert arith.round_half_away(1e-300) == Decimal("0.0")
    assert arith.round_half_away(1.7976931348623157e308).is_finite()
    assert not arith.round_half_away(math.inf).is_finite()  # returned as it is, not raised


def test_computed_figures_are_short_beyond_1e15():
    assert arith.format_computed(1e302) == "1e+302"
    assert arith.format_computed(-2.25) == "-2.3"
    assert arith.format_computed(math.nan) == "nan"
    assert arith.format_number(1e300) == "1e+300"
    assert arith.format_number(1e15) == "1000000000000000"
    assert arith.format_number(10**20) == "100000000000000000000"


def test_unit_conversion_is_none_when_the_result_is_not_a_finite_float():
    assert arith.convert(1e300, "亿元", "元") == pytest.approx(1e308)
    assert arith.convert(1e305, "亿元", "元") is None
    assert arith.convert(1e-300, "元", "亿元") == pytest.approx(1e-308)
    assert arith.convert(10**400, "元", "万元") is None
    assert arith.convert(math.nan, "元", "万元") is None
    assert arith.convert(3, "天", "工作日") is None


@pytest.mark.parametrize(
    ("metric", "expected"),
    [
        ({"before": 1e-300, "after": 1e300}, None),  # overflows: not computable
        ({"before": 1e300, "after": 1e-300}, -100.0),
        ({"before": 10**400, "after": 1}, None),  # an integer past the float range
        ({"before": 2, "after": 10**400}, None),
        ({"before": math.inf, "after": 1}, None),
        ({"before": 0, "after": 1}, None),
        ({"before": 4, "after": 1}, -75.0),
    ],
)
def test_computed_change_is_a_number_or_not_computable(metric, expected):
    assert arith.computed_change_pct(metric) == expected
    assert arith.change_pct(metric) == expected


def test_a_non_finite_stated_change_is_not_a_change():
    assert arith.change_pct({"change_pct": math.nan, "before": 4, "after": 1}) == -75.0
    assert arith.change_pct({"change_pct": math.inf}) is None
    assert arith.direction({"change_pct": math.nan, "change": 10**400}) == 0
    assert not arith.is_exact({"before": math.inf}, "before")


def test_compare_takes_extreme_figures():
    cases = [
        {
            "id": f"t-{n}",
            "title": "x",
            "program": "t",
            "published": "2023",
            "region": {"province": "海南省"},
            "practices": [{"title": "做法"}],
            "metrics": [{"label": "a", "kind": "volume", "before": b, "after": a, "unit": "件"}],
        }
        for n, (b, a) in enumerate([(1e-300, 1.0), (1e15, 1e-300), (10**400, 1)])
    ]
    kinds = compare(cases).kinds
    changes = [c[0].change_pct for c in kinds[0].cells]
    assert changes[0] == pytest.approx(1e302) and changes[1:] == [-100.0, None]


# -- the loader: every number a value or a located problem --------------------------------


def problems(text: str) -> list[tuple[str, int, int, str, str]]:
    return found(check_file(context(text)))


def test_an_integer_past_the_conversion_limit_is_a_problem_not_an_exception():
    text = VALID.replace("number: 1", "number: " + "9" * 5000)
    assert problems(text) == [
        (
            "RK016",
            5,
            9,
            "number",
            "number is a 5,000-digit number, too large to be a number; write the figure the source "
            "states (quote it if it is text)",
        )
    ]


@pytest.mark.parametrize(
    ("written", "what"),
    [
        (".nan", "'.nan', which YAML reads as not-a-number (NaN)"),
        (".NAN", "'.NAN', which YAML reads as not-a-number (NaN)"),
        (".Inf", "'.Inf', which YAML reads as infinity"),
        ("-.INF", "'-.INF', which YAML reads as infinity"),
        ("+.inf", "'+.inf', which YAML reads as infinity"),
        ("1.0e+400", "'1.0e+400', too large to be a number"),
        ("-1.0e+400", "'-1.0e+400', too large to be a number"),
        ("9" * 400 + ".0", "a 401-digit number, too large to be a number"),
        ("9" * 309, "a 309-digit number, too large to be a number"),  # past the float range
        ("0x" + "f" * 300, "a 300-digit number, too large to be a number"),
    ],
)
def test_non_finite_numbers_in_a_metric(written, what):
    text = VALID + f"metrics:\n  - label: 件数\n    kind: volume\n    value: {written}\n    unit: 件\n"
    found_here = [p for p in problems(text) if p[0] != "RK015"]  # 0x… is also ambiguous
    assert found_here == [
        (
            "RK016",
            14,
            12,
            "metrics[0].value",
            f"metrics[0].value is {what}; write the figure the source states (quote it if it is text)",
        )
    ]


def test_a_non_finite_number_where_text_belongs_is_reported_once():
    text = VALID.replace("title: 标题", "title: .nan")
    assert [p[:3] for p in problems(text)] == [("RK016", 2, 8)]


def test_the_largest_finite_numbers_load():
    text = VALID + "metrics:\n  - label: 件数\n    kind: volume\n    value: " + "9" * 308 + "\n    unit: 件\n"
    assert [p[0] for p in problems(text)] == ["RK308"]


# -- numbers in range ---------------------------------------------------------------------


def metric(**fields: object) -> str:
    lines = "".join(f"    {k}: {v}\n" for k, v in fields.items())
    return VALID + "metrics:\n  - label: 指标\n" + lines


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"kind": "amount", "value": "1.0e+15", "unit": "元"}, []),
        ({"kind": "amount", "value": "-1.0e+15", "unit": "元"}, ["RK309"]),
        (
            {"kind": "amount", "value": "1.1e+15", "unit": "元"},
            [
                (
                    "RK308",
                    14,
                    12,
                    "metrics[0].value",
                    "metric '指标': value 1100000000000000 is beyond ±1e+15; check the figure, or state "
                    "it in a larger unit (万, 亿)",
                )
            ],
        ),
        ({"kind": "efficiency", "change": "-2.0e+15", "unit": "个"}, ["RK308"]),
        ({"kind": "volume", "value": 1, "value_max": "1.0e+16", "unit": "件"}, ["RK308"]),
        ({"kind": "volume", "change_pct": "1000000"}, []),
        (
            {"kind": "volume", "change_pct": "1.0e+300"},
            [
                (
                    "RK308",
                    14,
                    17,
                    "metrics[0].change_pct",
                    "metric '指标': change_pct 1e+300 is above 1,000,000 (percent); check the figure",
                )
            ],
        ),
        ({"kind": "volume", "value": "1.0e-300", "unit": "件"}, []),
    ],
)
def test_figures_in_range(fields, expected):
    got = problems(metric(**fields))
    assert (got if expected and isinstance(expected[0], tuple) else [p[0] for p in got]) == expected


@pytest.mark.parametrize(
    "kind", ["time", "materials", "steps", "visits", "cost", "count", "volume", "amount"]
)
@pytest.mark.parametrize(
    ("fields", "where"),
    [
        ({"value": -1}, ("value", 14, 12, "-1")),
        ({"value": -3, "value_max": -0.5}, ("value", 14, 12, "-3")),
        ({"before": -2.5, "after": 1}, ("before", 14, 13, "-2.5")),
        ({"before": 3, "after": -1}, ("after", 15, 12, "-1")),
    ],
)
def test_a_negative_figure_for_a_kind_that_cannot_be_negative(kind, fields, where):
    field, line, column, shown = where
    got = [p for p in problems(metric(kind=kind, **fields, unit="个")) if p[0] == "RK309"]
    assert got[0] == (
        "RK309",
        line,
        column,
        f"metrics[0].{field}",
        f"metric '指标': {field} {shown} is negative, which a {kind} figure cannot be; write it as "
        "stated (a fall goes in change or change_pct)",
    )
    assert len(got) == sum(1 for value in fields.values() if value < 0)


@pytest.mark.parametrize(
    "fields",
    [
        {"kind": "time", "change": -3, "change_pct": -50, "unit": "天"},
        {"kind": "efficiency", "value": -2, "unit": "个"},
        {"kind": "rate", "change_pct": -20},
    ],
)
def test_signed_figures_may_be_negative(fields):
    assert [p for p in problems(metric(**fields)) if p[0] == "RK309"] == []


def test_an_unhashable_kind_is_a_located_problem():
    got = problems(metric(kind="{a: 1}", before=1, after=2, unit="个"))
    assert [p[:3] for p in got] == [("RK105", 13, 11)]


# -- integers -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("batch: 4.0", ("RK107", 4, 8, "batch", "batch is 4.0, a decimal; it is a whole number: write 4")),
        (
            "batch: 4.000",
            ("RK107", 4, 8, "batch", "batch is 4.000, a decimal; it is a whole number: write 4"),
        ),
        ("batch: 4.5", ("RK102", 4, 8, "batch", "batch must be a whole number, not the number 4.5")),
    ],
)
def test_a_decimal_where_a_whole_number_belongs(line, expected):
    got = problems(VALID.replace("batch: 4", line))
    assert got[0] == expected


# -- text is text -----------------------------------------------------------------------------


@pytest.mark.parametrize("blank", ["   ", "\\u3000\\u3000", "\\u00a0", "\\u2003\\t", "\\u200b", "\\n"])
def test_blank_text_is_empty(blank):
    got = problems(VALID.replace("title: 标题", f'title: "{blank}"'))
    assert got == [("RK106", 2, 8, "title", "title is blank (only spaces); fill it in")]


def test_blank_optional_text_and_list_items():
    text = VALID.replace("tags: [政务服务]", 'tags: [政务服务]\nagencies: [甲, "\\u3000"]\nsubtitle: " "')
    got = [p for p in problems(text) if p[0] == "RK106"]
    assert [(p[1], p[2], p[4]) for p in got] == [
        (9, 15, "agencies[1] is blank (only spaces); fill it in or remove the field"),
        (10, 11, "subtitle is blank (only spaces); fill it in or remove the field"),
    ]


@pytest.mark.parametrize(
    ("escape", "code"),
    [
        ("\\0", "U+0000"),
        ("\\a", "U+0007"),
        ("\\e", "U+001B"),
        ("\\r", "U+000D"),
        ("\\x7f", "U+007F"),
        ("\\N", "U+0085"),
        ("\\x9b", "U+009B"),
    ],
)
def test_control_characters_are_named(escape, code):
    got = problems(VALID.replace("title: 标题", f'title: "标题{escape}x"'))
    assert got == [
        (
            "RK108",
            2,
            8,
            "title",
            f"title contains the control character {code} at character 3; remove it (case text "
            "holds no control characters but tab and newline)",
        )
    ]


def test_tab_and_newline_are_text():
    assert problems(VALID.replace("title: 标题", 'title: "标\\t题\\n下一行"')) == []


def test_control_characters_in_every_field_and_key():
    text = (
        VALID.replace("region: {province: 海南省}", 'region: {province: 海南省, city: "海口\\e"}')
        .replace("practices: [{title: 做法}]", 'practices: [{title: 做法, detail: "\\0"}]')
        .replace("source: {document: a.txt}", 'source: {document: a.txt}\n"no\\ate": x')
    )
    got = [(p[0], p[1], p[2], p[3]) for p in problems(text) if p[0] == "RK108"]
    assert got == [
        ("RK108", 7, 31, "region.city"),
        ("RK108", 9, 33, "practices[0].detail"),
        ("RK108", 11, 1, "no\x07te"),
    ]


# -- every kind of mutant in one validate run ---------------------------------------------------


def test_validate_reports_every_kind_of_mutant_at_its_line_in_one_run(tmp_path, invoke):
    shutil.copytree(REPO / "cases", tmp_path / "cases")
    shutil.copy(REPO / "reformkit.toml", tmp_path / "reformkit.toml")
    shutil.copy(REPO / "thesaurus.toml", tmp_path / "thesaurus.toml")
    cases = tmp_path / "cases"
    source = (cases / "hnbiz-4-02.yaml").read_text("utf-8")
    lines = source.splitlines()

    def mutant(name: str, old: str, new: str) -> int:
        index = next(i for i, line in enumerate(lines) if line.startswith(old))
        changed = [*lines[:index], new, *lines[index + 1 :]]
        text = "\n".join(changed).replace("id: hnbiz-4-02", f"id: {name}") + "\n"
        (cases / f"{name}.yaml").write_text(text, encoding="utf-8")
        return index + 1

    assert lines[36] == "    value: 18" and lines[35] == "    kind: count"
    value = "    value:"
    expected = {
        ("hnbiz-4-90", mutant("hnbiz-4-90", value, f"{value} {'9' * 5000}"), 12, "RK016"),
        ("hnbiz-4-91", mutant("hnbiz-4-91", value, f"{value} .NaN"), 12, "RK016"),
        ("hnbiz-4-92", mutant("hnbiz-4-92", value, f"{value} 1.0e+400"), 12, "RK016"),
        ("hnbiz-4-93", mutant("hnbiz-4-93", value, f"{value} 1.0e+300"), 12, "RK308"),
        ("hnbiz-4-94", mutant("hnbiz-4-94", value, f"{value} -1"), 12, "RK309"),
        ("hnbiz-4-95", mutant("hnbiz-4-95", "batch:", "batch: 4.0"), 8, "RK107"),
        ("hnbiz-4-96", mutant("hnbiz-4-96", "title:", 'title: "\\u3000 "'), 8, "RK106"),
        ("hnbiz-4-97", mutant("hnbiz-4-97", "title:", 'title: "标题\\0"'), 8, "RK108"),
    }
    (cases / "2024").mkdir()
    (cases / "2024" / "deep").mkdir()
    shutil.copy(cases / "hnbiz-4-02.yaml", cases / "2024" / "deep" / "x.yaml")
    shutil.copy(cases / "hnbiz-4-02.yaml", cases / "y.yml")
    shutil.copy(cases / "hnbiz-4-02.yaml", cases / "z.YAML")
    expected |= {("2024/deep/x", 1, 1, "RK017"), ("y", 1, 1, "RK017"), ("z", 1, 1, "RK017")}

    result = invoke("-C", str(cases), "validate", "--format", "json", "--no-cache")
    assert result.exit_code == 1
    assert "Traceback" not in result.stdout + result.stderr
    report = json.loads(result.stdout)
    base = str(cases).rstrip("/") + "/"

    def short(path: str) -> str:
        shown = path.removeprefix(base).removeprefix("cases/")
        return shown.rsplit(".", 1)[0]

    errors = {
        (short(p["path"]), p["line"], p["column"], p["code"])
        for p in report["problems"]
        if p["severity"] == "error" and p["code"] not in ("RK201", "RK203", "RK305", "RK306")
    }
    assert errors == expected
    assert report["files"] == 51 + 8 + 3


def test_the_bundled_library_is_strictly_clean(invoke, tmp_path):
    shutil.copytree(REPO / "cases", tmp_path / "cases")
    shutil.copy(REPO / "reformkit.toml", tmp_path / "reformkit.toml")
    shutil.copy(REPO / "thesaurus.toml", tmp_path / "thesaurus.toml")
    result = invoke("validate", "--strict", "--no-cache")
    assert (result.exit_code, result.stdout.splitlines()[-1]) == (0, "51 files, 0 errors, 0 warnings")


# -- files the library does not read ---------------------------------------------------------


def test_stray_case_files_are_reported_and_ignored_by_read_commands(library, invoke):
    library.write("t-4-01.yaml", minimal_case("t-4-01"))
    library.write("t-4-02.yml", minimal_case("t-4-02"))
    library.write("t-4-03.Yaml", minimal_case("t-4-03"))
    (library.cases / "old" / "2024").mkdir(parents=True)
    library.write("old/2024/t-4-04.yaml", minimal_case("t-4-04"))
    library.write("old/t-4-05.yml", minimal_case("t-4-05"))
    (library.cases / ".hidden").mkdir()
    library.write(".hidden/t-4-06.yaml", minimal_case("t-4-06"))
    library.write(".t-4-07.yml", minimal_case("t-4-07"))
    library.write("notes.txt", "not a case")
    result = invoke("validate")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "cases/old/2024/t-4-04.yaml:1:1: error RK017 is not read: the library is the .yaml files "
        "directly in the cases folder; move it there as t-4-04.yaml",
        "cases/old/t-4-05.yml:1:1: error RK017 is not read: the library is the .yaml files directly "
        "in the cases folder; move it there as t-4-05.yaml",
        "cases/t-4-02.yml:1:1: error RK017 is not read: case files end in .yaml; rename it to t-4-02.yaml",
        "cases/t-4-03.Yaml:1:1: error RK017 is not read: case files end in .yaml; rename it to t-4-03.yaml",
        "5 files, 4 errors, 0 warnings",
    ]
    assert invoke("validate", "--ignore", "RK017").exit_code == 0
    assert invoke("validate", "cases/t-4-02.yml").exit_code == 0  # named: read as a case
    search = invoke("search", "--format", "ids", "--strict")
    assert (search.exit_code, search.stdout, search.stderr) == (0, "t-4-01\n", "")


def test_a_folder_of_no_case_files_and_many_below_is_one_usage_error(library, invoke):
    """``-C`` pointed one folder too high (or at /): one line saying so, not an RK017 a file."""
    (library.cases / "2024").mkdir()
    for number in range(1, 23):
        library.write(f"2024/t-4-{number:02}.yaml", minimal_case(f"t-4-{number:02}"))
    result = invoke("validate")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "Error: cases folder cases holds no case file, and the 22 .yaml or .yml files found below it "
        "are not read (the library is the .yaml files directly in the cases folder); point "
        "-C/--cases-dir or REFORMKIT_CASES_DIR at the library's cases folder\n"
    )
    library.write("t-4-23.yaml", minimal_case("t-4-23"))  # a library after all: each file listed
    listed = invoke("validate")
    assert (listed.exit_code, len(listed.stdout.splitlines())) == (1, 23)


# -- --strict on read commands ---------------------------------------------------------------


READ_COMMANDS = [
    ("search", "--format", "json"),
    ("show", "t-4-01"),
    ("compare", "t-4-01", "t-4-02"),
    ("stats",),
    ("report", "-o", "brief.md"),
    ("export", "-o", "all.json"),
]


@pytest.mark.parametrize("args", READ_COMMANDS, ids=[a[0] for a in READ_COMMANDS])
def test_strict_read_commands_write_nothing_when_a_file_is_skipped(library, invoke, isolated, args):
    library.write("t-4-01.yaml", minimal_case("t-4-01"))
    library.write("t-4-02.yaml", minimal_case("t-4-02"))
    library.write("t-4-03.yaml", minimal_case("t-4-03").replace("title: 标题", "title: .nan"))
    loose = invoke(*args)
    assert loose.exit_code == 0 and "cases/t-4-03.yaml:2:8: RK016" in loose.stderr
    for leftover in ("brief.md", "all.json"):
        (isolated / leftover).unlink(missing_ok=True)
    strict = invoke(*args, "--strict")
    assert strict.exit_code == 1
    assert strict.stdout == ""
    assert strict.stderr.splitlines() == [
        "cases/t-4-03.yaml:2:8: RK016 title is '.nan', which YAML reads as not-a-number (NaN); write "
        "the figure the source states (quote it if it is text)（此文件有错误，已跳过）",
        "--strict：1个文件有错误被跳过，未写出任何内容",
    ]
    assert not (isolated / "brief.md").exists() and not (isolated / "all.json").exists()


@pytest.mark.parametrize("args", READ_COMMANDS, ids=[a[0] for a in READ_COMMANDS])
def test_strict_read_commands_on_a_clean_library(library, invoke, args):
    library.write("t-4-01.yaml", minimal_case("t-4-01"))
    library.write("t-4-02.yaml", minimal_case("t-4-02"))
    result = invoke(*args, "--strict")
    assert (result.exit_code, result.stderr) == (0, "")
    help_text = invoke(args[0], "--help").stdout
    assert "--strict" in help_text and "skipped" in help_text


def test_extreme_but_valid_figures_survive_every_json_output(library, invoke):
    extreme = (
        "metrics:\n"
        "  - {label: 甲, kind: volume, before: 1.0e-300, after: 1, unit: 件}\n"
        "  - {label: 乙, kind: amount, value: 1.0e+15, unit: 元}\n"
        "  - {label: 丙, kind: count, change_pct: 1000000}\n"
    )
    library.write("t-4-01.yaml", minimal_case("t-4-01") + extreme)
    library.write("t-4-02.yaml", minimal_case("t-4-02") + extreme)
    assert invoke("validate").exit_code == 0
    for args in (
        ("search", "--format", "json"),
        ("show", "t-4-01", "--format", "json"),
        ("compare", "t-4-01", "t-4-02", "--format", "json"),
        ("stats", "--format", "json"),
        ("export", "--format", "json"),
    ):
        result = invoke(*args)
        assert result.exit_code == 0, args
        strict_json(result.stdout)
    assert invoke("compare", "t-4-01", "t-4-02").exit_code == 0
    assert invoke("report", "-o", "brief.md").exit_code == 0


def test_blank_and_control_character_match_their_definitions_on_every_character():
    """Checked one character at a time against the rule's words: a control character is any
    C0 or C1 code but tab and newline; blank text is only str.isspace() characters and the
    zero-width marks."""
    from reformkit.rules.structure import control_character, is_blank

    invisible = "\u200b\u200c\u200d\u2060\ufeff"
    for point in [*range(0x3100), *map(ord, invisible), 0xFEFF, 0x10FFFF]:
        char = chr(point)
        control = (point < 0x20 and char not in "\t\n") or 0x7F <= point <= 0x9F
        assert control_character("ab" + char) == (2 if control else -1), hex(point)
        assert is_blank(" " + char + "\u3000") == (char.isspace() or char in invisible), hex(point)
    assert is_blank("") and not is_blank("　x")
