"""The whole library's briefing printed to PDF, page by page (slow; needs the tools).

HTML is printed by Chromium (headless ``--print-to-pdf``), Word converted by LibreOffice
(``--headless --convert-to pdf``); ``pdftotext -layout`` gives each page's lines. No page may
end with a heading (or the first line of one), no figure of a metrics table may be split
over lines, and no figure of the running text (a number and its unit, a date: what
``nobreak`` keeps whole) may end one line and go on at the start of the next. Every grouping
is printed. Skipped when chromium, libreoffice or pdftotext is missing.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from reformkit.render.briefing import columns, nobreak, office
from reformkit.report.briefing import GROUP_BY, Briefing, ReportOptions, build
from reformkit.wording import briefing as words

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
LIBREOFFICE = shutil.which("libreoffice") or shutil.which("soffice")
PDFTOTEXT = shutil.which("pdftotext")
FOOTER = re.compile(r"^—\s*\d+\s*—$")

pytestmark = pytest.mark.slow


@pytest.fixture
def in_repo(monkeypatch):
    monkeypatch.chdir(REPO)


def briefing(invoke, group_by: str | None, lang: str = "zh") -> Briefing:
    """The briefing ``report`` writes, built from the library's JSON export."""
    import json
    import tomllib

    config = tomllib.loads((REPO / "reformkit.toml").read_text("utf-8"))
    names = {key: program["name"] for key, program in config["programs"].items()}
    cases = json.loads(invoke("export", "--format", "json").stdout)
    return build(cases, ReportOptions(group_by=group_by, lang=lang), names)


def headings(found: Briefing) -> list[str]:
    lang = found.lang
    texts = [words.LABELS[lang][key] for key in ("contents", "overview", "charts")]
    # The charts' titles as printed, with their numbers: the bare title (时间变化幅度) would
    # take the last line of a wrapped metric label (…通关流程 / 时间) for a heading.
    texts += [
        words.numbered(n, 2, lang) + words.chart_title(c.kind, lang) for n, c in enumerate(found.charts, 1)
    ]
    for group in office.sections(found):
        texts += [group.heading] if group.heading else []
        for case in group.cases:
            texts += [case.heading] + [part.heading for part in case.parts]
    return [re.sub(r"\s", "", text) for text in texts]


def figures(found: Briefing) -> set[str]:
    """Every chunk of every figure cell of the metrics tables (spaces dropped)."""
    chunks = set()
    for entry in found.cases:
        keys, rows = office.metric_table(list(entry.case.get("metrics") or []), found.lang)
        for row in rows:
            for key, cell in zip(keys, row, strict=True):
                if key != "label":
                    chunks |= {re.sub(r"\s", "", part) for part in columns.chunks(cell)}
    return {chunk for chunk in chunks if len(chunk) > 1}


def running_figures(found: Briefing) -> dict[str, set[str]]:
    """Every figure kept whole in the cases' text, as the splits a printed line could make of
    it: the start of the figure a line could end with -> the rests the next line could begin
    with (``4200`` -> ``万元``). A date may break after its year, as a table cell does
    (``columns.chunks``: ``2020年`` | ``12月``)."""
    texts: list[str] = []

    def walk(value: object) -> None:
        if isinstance(value, str):
            texts.append(value)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    for entry in found.cases:
        walk(entry.case)
    splits: dict[str, set[str]] = {}
    for text in texts:
        for piece, whole in nobreak.pieces(text):
            figure = re.sub(r"\s", "", piece)
            for at in range(1, len(figure) if whole else 0):
                if figure[at - 1] != "年":
                    splits.setdefault(figure[:at], set()).add(figure[at:])
    return splits


def split_running_figures(lines: list[str], splits: dict[str, set[str]]) -> list[str]:
    """The pairs of lines (``…约4200 | 万元。如…``) between which a figure is split. The
    figure starts where a number starts: ``…2020-09-03`` then ``次…`` (a table's date column,
    then the next line of its title column) is not ``3次`` split."""
    longest = max(map(len, splits), default=0)
    found = []
    for line, after in zip(lines, lines[1:], strict=False):
        for size in range(1, min(longest, len(line)) + 1):
            before = line[-size - 1 : -size]
            if before and before.isascii() and (before.isalnum() or before in ".,-"):
                continue
            if any(after.startswith(rest) for rest in splits.get(line[-size:], ())):
                found.append(f"{line[-10:]} | {after[:10]}")
                break
    return found


def pages(pdf: Path) -> list[list[str]]:
    """Each page's lines of text, spaces dropped, blank lines and page numbers left out."""
    text = subprocess.run(
        [PDFTOTEXT, "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    found = []
    for page in text.split("\f"):
        lines = [re.sub(r"\s", "", line) for line in page.splitlines()]
        found.append([line for line in lines if line and not FOOTER.match(line)])
    return [page for page in found if page]


def in_see_also(lines: list[str]) -> bool:
    """Whether the last of ``lines`` goes on a 另见 line (另见：（二十九）…、 / （二十二）…): its
    names are headings of cases printed earlier, not a heading here."""
    start = tuple(words.labelled("see_also", ["-"], lang).removesuffix("-") for lang in ("zh", "en"))
    at = len(lines) - 1
    while at > 0 and lines[at - 1].endswith("、"):
        at -= 1
    return at < len(lines) - 1 and lines[at].startswith(start)


def check(pdf: Path, found: Briefing) -> None:
    titles = headings(found)
    printed = pages(pdf)
    # The contents list the headings: before the overview's page only the contents' own
    # heading may not end a page.
    label = words.LABELS[found.lang]
    overview = next(n for n, lines in enumerate(printed) if re.sub(r"\s", "", label["overview"]) in lines)
    for lines in printed[:overview]:
        assert lines[-1] != re.sub(r"\s", "", label["contents"])
    for number, lines in enumerate(printed[overview:], overview + 1):
        last = lines[-1]
        if "…" in last or "...." in last or len(last) < 2:
            continue  # a line of the contents, or the last character of a wrapped cell
        if in_see_also(lines):
            continue  # a 另见 line naming a case printed earlier, wrapped before its heading
        assert not any(title.startswith(last) for title in titles), (
            f"page {number} ends with a heading: {last}"
        )
    text_lines = [line for page in printed for line in page]
    split = sorted(chunk for chunk in figures(found) if not any(chunk in line for line in text_lines))
    assert split == [], f"figures split over lines: {split[:10]}"
    running = split_running_figures(text_lines, running_figures(found))
    assert running == [], f"figures of the running text split over lines: {running[:10]}"


def render(invoke, tmp_path: Path, form: str, group_by: str | None, lang: str) -> Path:
    target = tmp_path / f"briefing.{form}"
    args = ["report", "--to", form, "--lang", lang, "-o", str(target), "--force"] + (
        ["--group-by", group_by] if group_by else []
    )
    result = invoke(*args)
    assert result.exit_code == 0, result.stderr
    return target


#: Every grouping in Chinese; English ungrouped and by tag (the widest headings and cells).
PRINTED = [*((group_by, "zh") for group_by in (None, *GROUP_BY)), (None, "en"), ("tag", "en")]


def run(command: list[str], cwd: Path) -> None:
    env = {**os.environ, "HOME": str(cwd)}  # LibreOffice and Chromium keep a profile in HOME
    subprocess.run(command, cwd=cwd, env=env, capture_output=True, timeout=600, check=True)


@pytest.mark.skipif(not (CHROMIUM and PDFTOTEXT), reason="needs chromium and pdftotext")
@pytest.mark.parametrize(("group_by", "lang"), PRINTED)
def test_printed_html_keeps_headings_with_their_text_and_figures_whole(in_repo, invoke, tmp_path, group_by, lang):
    page = render(invoke, tmp_path, "html", group_by, lang)
    pdf = tmp_path / "briefing.pdf"
    run(
        [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
         f"--print-to-pdf={pdf}", page.as_uri()],
        tmp_path,
    )  # fmt: skip
    check(pdf, briefing(invoke, group_by, lang))


@pytest.mark.skipif(not (LIBREOFFICE and PDFTOTEXT), reason="needs libreoffice and pdftotext")
@pytest.mark.parametrize(("group_by", "lang"), PRINTED)
def test_word_converted_by_libreoffice_keeps_headings_with_their_text_and_figures_whole(
    in_repo, invoke, tmp_path, group_by, lang
):
    document = render(invoke, tmp_path, "docx", group_by, lang)
    run(
        [str(LIBREOFFICE), "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(document)],
        tmp_path,
    )
    pdf = tmp_path / "briefing.pdf"
    check(pdf, briefing(invoke, group_by, lang))
    text = subprocess.run(
        [PDFTOTEXT, "-f", "1", "-l", "3", str(pdf), "-"], capture_output=True, text=True
    ).stdout
    assert re.search(r"…|\.{4}\s*\d+", text)  # the contents carry page numbers
