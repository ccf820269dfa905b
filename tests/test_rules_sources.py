"""A case against its passage in sources/ (RK501-RK509), on a copy of a bundled case."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from .conftest import REPO, copy_bundled_config

SEED = "000_cf0a2b5f4b5f3d57.txt"
CASE = "hnftp-12-01.yaml"
WHERE = f"sources/{SEED}:9-63"


@pytest.fixture
def bundled(isolated: Path) -> Path:
    """A library holding the real config, one bundled case and its source document."""
    copy_bundled_config(isolated)
    (isolated / "cases").mkdir()
    (isolated / "sources").mkdir()
    shutil.copy(REPO / "sources" / SEED, isolated / "sources" / SEED)
    shutil.copy(REPO / "cases" / CASE, isolated / "cases" / CASE)
    return isolated / "cases" / CASE


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")


def test_the_bundled_case_matches_its_passage(bundled, invoke):
    result = invoke("validate", "--strict")
    assert (result.exit_code, result.stdout) == (0, "1 file, 0 errors, 0 warnings\n")


def test_a_removed_metric_an_invented_figure_and_a_dropped_outcome_are_each_reported(bundled, invoke):
    edit(
        bundled,
        "  - label: 各经办机构线下全省通办业务\n    kind: volume\n    value: 1451\n    unit: 笔\n    as_of: '2021-03-22'\n",
        "",
    )
    edit(bundled, "value: 582\n", "value: 583\n")
    edit(bundled, "  - title: 实现企业和群众办社保只进“一个门”，“一站式”办结\n", "")
    edit(bundled, "差评回访率100%", "差评回访率100%，群众满意")
    result = invoke("validate")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"cases/{CASE}:29:13: error RK506 '群众满意' is not in {WHERE}; copy the text as printed "
        "(a corrupted span's reading goes under source.readings)",
        f"cases/{CASE}:30:1: error RK504 sources/{SEED}:57 states '1451笔' (…下全省通办业务达1451笔,90%…) and no "
        "metric records it; record it as a metric, or list it under unrecorded: with the reason",
        f"cases/{CASE}:30:1: error RK504 sources/{SEED}:57 states '582万笔' (…社保网上办件量达582万笔,实现“…) and no "
        "metric records it; record it as a metric, or list it under unrecorded: with the reason",
        f"cases/{CASE}:59:12: error RK505 metrics[5].value = 583 is not a figure of {WHERE}; record figures as "
        "the passage states them",
        f"cases/{CASE}:75:10: warning RK508 sources/{SEED}:55 '实现企业和群众办社保只进“一个门”,“一站式”办结' appears "
        "in no field of the case; transcribe it, or narrow source.lines",
        "1 file, 4 errors, 1 warning",
    ]


def test_an_unrecorded_entry_covers_its_figure_and_must_be_printed(bundled, invoke):
    edit(
        bundled,
        "  - label: 各经办机构线下全省通办业务\n    kind: volume\n    value: 1451\n    unit: 笔\n    as_of: '2021-03-22'\n",
        "",
    )
    text = bundled.read_text("utf-8").replace(
        "\nsource:",
        "\nunrecorded:\n  - figure: 全省通办业务达1451笔\n    reason: 示例\n  - figure: 办件量达583万笔\n    reason: 示例\nsource:",
        1,
    )
    bundled.write_text(text, "utf-8")
    result = invoke("validate", "--select", "RK504,RK507")
    assert result.stdout.splitlines()[0].startswith(
        f"cases/{CASE}:74:13: error RK507 unrecorded figure '办件量达583万笔' is not"
    )
    assert result.stdout.splitlines()[-1] == "1 file, 1 error, 0 warnings"


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            f"document: {SEED}",
            "document: missing.txt",
            "RK501 source.document 'missing.txt' is not in sources/; add the document there",
        ),
        (
            f"document: {SEED}",
            "document: ../cases/x.txt",
            "RK501 source.document '../cases/x.txt' is not a file name in sources/; name the file only",
        ),
        (
            "lines: [9, 63]",
            "lines: [9, 900]",
            f"RK502 source.lines [9, 900] is not a passage of sources/{SEED} (lines 1-279); give the first and last line of the case's text",
        ),
        (
            "lines: [9, 63]",
            "lines: [67, 103]",
            "RK503 the title is not in sources/000_cf0a2b5f4b5f3d57.txt:67-103",
        ),
    ],
    ids=["missing", "not-a-name", "out-of-range", "wrong-passage"],
)
def test_the_passage_itself(bundled, invoke, old, new, expected):
    edit(bundled, old, new)
    result = invoke("validate", "--select", "RK501,RK502,RK503")
    assert result.exit_code == 1
    assert expected in result.stdout


def test_a_source_that_is_not_utf8_is_named(bundled, invoke, isolated):
    (isolated / "sources" / SEED).write_bytes(b"\xff\xfe broken")
    result = invoke("validate")
    assert f"RK501 sources/{SEED} is not UTF-8 text (byte 0); save it as UTF-8" in result.stdout


def test_a_draft_is_reported_until_its_marker_goes(bundled, invoke):
    edit(bundled, "\nsource:", "\ndraft: 由 reformkit import 起草\nsource:")
    result = invoke("validate")
    assert result.exit_code == 1  # the bundled config is strict: a warning fails the run
    assert (
        "warning RK509 draft: 由 reformkit import 起草; read the case against its source, then remove draft:"
        in result.stdout
    )


@pytest.mark.parametrize("remove", ["sources", "lines"])
def test_without_sources_or_lines_the_rules_are_skipped(bundled, invoke, isolated, remove):
    edit(bundled, "value: 582\n", "value: 583\n")
    if remove == "sources":
        shutil.rmtree(isolated / "sources")
    else:
        edit(bundled, "  lines: [9, 63]\n", "")
    result = invoke("validate", "--strict")
    assert (result.exit_code, result.stdout) == (0, "1 file, 0 errors, 0 warnings\n")


def test_a_changed_source_document_is_not_served_from_the_cache(bundled, invoke, isolated):
    assert invoke("validate").exit_code == 0
    path = isolated / "sources" / SEED
    path.write_text(path.read_text("utf-8").replace("1451筆", "1452筆"), "utf-8")
    result = invoke("validate")
    assert "RK505 metrics[4].value = 1451 is not a figure" in result.stdout


def test_show_source_prints_the_passage_numbered(bundled, invoke):
    result = invoke("show", "hnftp-12-01", "--source")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == f"hnftp-12-01  {WHERE}"
    assert lines[1] == " 9    社保、醫(yī)保服務"  # as received: traditional, glossed
    assert lines[-1].startswith("63  ") and len(lines) == 1 + 63 - 9 + 1


def test_show_source_of_a_case_without_a_passage_says_what_is_missing(bundled, invoke):
    edit(bundled, "  lines: [9, 63]\n", "")
    result = invoke("show", "hnftp-12-01", "--source")
    assert (result.exit_code, result.stdout) == (2, "")
    assert "hnftp-12-01 records no passage (source.document and source.lines); add them to show its source" in result.stderr
