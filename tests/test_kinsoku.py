"""Terminal layout of Chinese text: kinsoku line breaking by display width, hanging indents,
ids never broken, at 40, 80 and 120 columns, on the whole bundled library."""

from __future__ import annotations

import re

import pytest
from rich.cells import cell_len

from reformkit.render.wrap import Wrapped, break_lines, wrap

from .conftest import REPO

CLOSING = "，。、；：？！）”’》」"
OPENING = "（“‘《「"
IDS = sorted(path.stem for path in (REPO / "cases").glob("*.yaml"))
WIDTHS = (40, 80, 120)
# A cell's text starts after a table border or a run of spaces and ends before one.
SEGMENT = re.compile(r"[│┃]|\s{2,}")


def kinsoku_faults(text: str) -> list[str]:
    faults = []
    for line in text.splitlines():
        for segment in SEGMENT.split(line):
            segment = segment.strip()
            if segment and (segment[0] in CLOSING or segment[-1] in OPENING):
                faults.append(line)
    return faults


def too_wide(text: str, width: int) -> list[str]:
    return [line for line in text.splitlines() if cell_len(line) > width]


@pytest.mark.parametrize(
    ("text", "width", "lines"),
    [
        ("推行“证照联办”改革", 8, ["推行“证", "照联办”", "改革"]),
        ("一二三，四五", 6, ["一二", "三，四", "五"]),  # the comma never starts a line
        ("一二（三四）", 6, ["一二", "（三", "四）"]),
        ("见 haikou-p168-03 案例", 16, ["见", "haikou-p168-03", "案例"]),
        ("abc", 10, ["abc"]),
        ("", 10, [""]),
    ],
)
def test_wrap_never_starts_with_closing_nor_ends_with_opening(text, width, lines) -> None:
    assert wrap(text, width) == lines
    assert all(cell_len(line) <= width for line in wrap(text, width))


def test_hanging_indent_and_spans() -> None:
    assert wrap("1. 再造审批流程，推行联办改革", 12, hang=3) == [
        "1. 再造审批",
        "   流程，推",
        "   行联办改",
        "   革",
    ]
    assert break_lines("一二三四", 4) == [(0, 2), (2, 4)]


def test_a_cluster_wider_than_the_line_is_folded_without_breaking_the_rules() -> None:
    lines = wrap("“一二三四五六七八九十”", 6)
    assert all(cell_len(line) <= 6 for line in lines)
    assert not kinsoku_faults("\n".join(lines))


def test_wrapped_keeps_styles_and_measures_its_narrowest_cluster() -> None:
    from rich.console import Console
    from rich.measure import Measurement
    from rich.text import Text

    text = Text("甲乙")
    text.append("haikou-p168-03", style="bold")
    console = Console(width=40)
    measured = Measurement.get(console, console.options, Wrapped(text))
    assert measured.minimum == len("haikou-p168-03")
    lines = Wrapped(text).lines(16)
    assert [line.plain for line in lines] == ["甲乙", "haikou-p168-03"]
    assert lines[1].spans[0].style == "bold"


@pytest.fixture
def in_repo(monkeypatch):
    monkeypatch.chdir(REPO)


def _library() -> list[dict]:
    import tomllib

    import yaml

    config = tomllib.loads((REPO / "reformkit.toml").read_text("utf-8"))
    cases = []
    for case_id in IDS:
        case = yaml.safe_load((REPO / "cases" / f"{case_id}.yaml").read_text("utf-8"))
        case = {k: (str(v) if k in ("published",) else v) for k, v in case.items()}
        case["program_name"] = config["programs"][case["program"]]["name"]
        cases.append(case)
    return cases


LIBRARY = _library()


@pytest.mark.parametrize("width", WIDTHS)
def test_show_every_case(width) -> None:
    from reformkit.render.show import text as show_text

    for case in LIBRARY:
        case_id = case["id"]
        text = show_text(case, path="", program_name=case["program_name"], color=False, width=width)
        assert not kinsoku_faults(text), (case_id, kinsoku_faults(text)[:3])
        assert not too_wide(text, width), (case_id, too_wide(text, width)[:3])
        assert re.search(rf"(^|\s){re.escape(case_id)}(\s|$)", text, re.M), case_id


def test_show_keeps_numbered_items_hanging(in_repo, invoke, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "40")
    lines = invoke("show", "hnbiz-4-02").stdout.splitlines()
    start = lines.index("主要做法") + 1
    assert lines[start].startswith("1. 再造审批流程，推行“证照（证证）联")
    assert lines[start + 1].startswith("   ") and not lines[start + 1].startswith("    ")


@pytest.mark.parametrize("width", WIDTHS)
def test_compare_keeps_ids_whole(width) -> None:
    from reformkit.compare import compare
    from reformkit.render.compare import table

    for start in range(0, len(IDS), 3):
        cases = LIBRARY[start : start + 3] if start + 3 <= len(IDS) else LIBRARY[-3:]
        chunk = [c["id"] for c in cases]
        text = table(compare(cases), color=False, width=width)
        assert not kinsoku_faults(text), (chunk, kinsoku_faults(text)[:3])
        assert not too_wide(text, width), (chunk, too_wide(text, width)[:3])
        for case_id in chunk:
            assert re.search(rf"(^|[\s│┃]){re.escape(case_id)}([\s│┃]|$)", text, re.M), (width, case_id)
    eight = table(compare(LIBRARY[:8]), color=False, width=width)
    assert all(case_id in eight for case_id in IDS[:8]) and not too_wide(eight, width)


@pytest.mark.parametrize("width", WIDTHS)
def test_stats_and_search(in_repo, invoke, monkeypatch, width) -> None:
    monkeypatch.setenv("COLUMNS", str(width))
    stats = invoke("stats", "--by", "program", "--by", "tag", "--by", "agency", "--by", "kind").stdout
    assert not kinsoku_faults(stats) and not too_wide(stats, width)
    assert "zjftz-jiaxing-17" in stats  # a case id in the summary, never cut
    for query in ("一网通办", "改革", "region:海南"):
        text = invoke("search", query).stdout
        assert not kinsoku_faults(text), (query, kinsoku_faults(text)[:3])
        assert not too_wide(text, width), (query, too_wide(text, width)[:3])
    hits = invoke("search", "region:海南", "--format", "ids").stdout.split()
    table = invoke("search", "region:海南").stdout
    assert all(re.search(rf"(^|\s){re.escape(i)}(\s|$)", table, re.M) for i in hits)


def test_compare_keeps_numbered_practices_hanging() -> None:
    from reformkit.compare import compare
    from reformkit.render.compare import table

    cases = [c for c in LIBRARY if c["id"] in ("hnbiz-4-02", "hnbiz-4-03", "hnftp-06")]
    lines = table(compare(cases), color=False, width=80).splitlines()
    cells = [line.split("│")[2] for line in lines if line.count("│") == 5]
    first = next(i for i, c in enumerate(cells) if c.startswith(" 1. 再造审批流程"))
    assert cells[first + 1].startswith("    推行") and cells[first + 2].startswith("    证）联办")


# --- linear in the text's length ------------------------------------------------------------


def _chars_sanitized(monkeypatch, work) -> int:  # type: ignore[no-untyped-def]
    """How many characters rich's control-code pass reads while ``work`` runs (a quadratic
    layout reads the rest of the text once a line)."""
    import rich.text

    real = rich.text.strip_control_codes
    seen = [0]

    def counted(text: str, *args: object) -> str:
        seen[0] += len(text)
        return real(text, *args)

    monkeypatch.setattr(rich.text, "strip_control_codes", counted)
    work()
    monkeypatch.setattr(rich.text, "strip_control_codes", real)
    return seen[0]


@pytest.mark.parametrize("length", [2_000, 40_000])
def test_a_long_text_is_laid_out_in_one_pass(monkeypatch, length):
    from reformkit.render.console import render

    text = ("推行“一网通办”改革，企业开办时间由5个工作日压缩至1个工作日。" * (length // 30 + 1))[:length]
    output: list[str] = []
    read = _chars_sanitized(monkeypatch, lambda: output.append(render([Wrapped(text, hang=2)], color=False, width=60)))
    assert read <= 4 * length  # the text, its pieces and its lines: a few times over, never once a line
    assert "".join(output[0].split()) == "".join(text.split())


def _shown_searched_and_compared_in_linear_time(library, invoke, monkeypatch, most: int) -> None:
    """show, compare and search with case a (and a short case b) sanitize at most ``most``
    characters each, and succeed."""
    from .conftest import minimal_case

    library.write("b.yaml", minimal_case("b", summary="一网通办"))
    for args in (["show", "a"], ["compare", "a", "b"], ["search", "一网通办"]):
        result: list[object] = []
        read = _chars_sanitized(monkeypatch, lambda args=args, result=result: result.append(invoke(*args)))
        assert result[0].exit_code == 0, result[0].stderr  # type: ignore[attr-defined]
        assert read <= most, args


def test_a_long_case_is_shown_in_time_linear_in_its_length(library, invoke, monkeypatch):
    from .conftest import minimal_case

    text = ("推行“一网通办”改革，企业开办时间压缩。" * 3000)[:50_000]
    library.write("a.yaml", minimal_case("a", summary=text, subtitle=text[:20_000]))
    _shown_searched_and_compared_in_linear_time(library, invoke, monkeypatch, 12 * 70_000)


def test_a_long_title_is_shown_searched_and_compared_in_time_linear_in_its_length(library, invoke, monkeypatch):
    from .conftest import minimal_case

    title = ("推行“一网通办”改革，企业开办时间压缩。" * 3000)[:50_000]
    library.write("a.yaml", minimal_case("a").replace("title: 标题", f"title: {title}"))
    _shown_searched_and_compared_in_linear_time(library, invoke, monkeypatch, 12 * 50_000)
