"""Exports for spreadsheets: CSV with a BOM when written to a file, XLSX read back with
openpyxl (fast) and opened by LibreOffice (slow)."""

from __future__ import annotations

import csv
import datetime
import io
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from reformkit.render.sheets import CSV_COLUMNS, METRIC_COLUMNS, display_width
from tests.conftest import minimal_case

FORMULA = "=HYPERLINK(\"http://x\",\"y\")"


@pytest.fixture
def sheet_library(library):
    library.write("t-4-01.yaml", minimal_case("t-4-01", batch="4", number="1").replace("标题", "'" + FORMULA + "'"))
    library.write(
        "t-4-02.yaml",
        minimal_case("t-4-02").replace("published: 2023-09-19", "published: '2021'")
        + "metrics:\n  - {label: 审批时间, kind: time, before: 20, after: 5, unit: 工作日}\n"
        + "  - {label: 材料, kind: materials, change_pct: -30, approx: {change_pct: over}}\n",
    )
    return library


def test_csv_to_a_file_starts_with_a_bom_and_stdout_does_not(sheet_library, invoke):
    assert invoke("export", "--format", "csv", "-o", "a.csv").exit_code == 0
    data = Path("a.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbfid,title,")
    assert invoke("export", "--format", "csv", "--no-bom", "-o", "b.csv").exit_code == 0
    assert Path("b.csv").read_bytes() == data[3:]
    assert invoke("export", "--format", "csv").stdout.startswith("id,title,")
    assert invoke("export", "--format", "csv", "--bom").stdout.startswith("\ufeffid,title,")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert rows[2][CSV_COLUMNS.index("metrics")].splitlines() == [
        "审批时间（时间）：20个工作日 → 5个工作日，压缩75%（据前后数值计算）",
        "材料（材料）：减少30%以上",
    ]
    assert rows[1][1] == "'" + FORMULA  # a spreadsheet would run it: neutralised


def test_bom_is_for_csv_and_xlsx_needs_a_file(sheet_library, invoke):
    result = invoke("export", "--format", "json", "--bom")
    assert (result.exit_code, result.stderr) == (2, "Error: --bom/--no-bom applies to --format csv, not json\n")
    result = invoke("export", "--format", "xlsx")
    assert (result.exit_code, result.stderr) == (2, "Error: --format xlsx needs -o FILE\n")


def test_xlsx_read_back(sheet_library, invoke):
    from openpyxl import load_workbook

    assert invoke("export", "--format", "xlsx", "-o", "cases.xlsx").exit_code == 0
    book = load_workbook("cases.xlsx")
    assert book.sheetnames == ["cases", "metrics"]
    cases, metrics = book["cases"], book["metrics"]
    assert cases.freeze_panes == "A2" and metrics.freeze_panes == "A2"
    assert tuple(c.value for c in cases[1]) == CSV_COLUMNS
    assert tuple(c.value for c in metrics[1]) == METRIC_COLUMNS
    first, second = (dict(zip(CSV_COLUMNS, (c.value for c in row), strict=True)) for row in cases.iter_rows(min_row=2))
    assert first["title"] == FORMULA and cases["B2"].data_type == "s"  # text, never a formula
    assert first["published"] == datetime.datetime(2023, 9, 19)  # a date cell
    assert cases["G2"].number_format == "yyyy-mm-dd"
    assert second["published"] == "2021"  # a year stays as stated
    assert first["batch"] == 4 and first["number"] == 1  # numbers as numbers
    rows = [dict(zip(METRIC_COLUMNS, (c.value for c in row), strict=True)) for row in metrics.iter_rows(min_row=2)]
    assert [(r["id"], r["position"], r["before"], r["after"], r["change_pct"]) for r in rows] == [
        ("t-4-02", 1, 20, 5, None),
        ("t-4-02", 2, None, None, -30),
    ]
    assert rows[1]["approx"] == "change_pct: over" and rows[1]["text"] == "减少30%以上"
    # Widths fit the content, wide characters counted twice.
    assert cases.column_dimensions["B"].width == display_width(FORMULA) + 2
    assert metrics.column_dimensions["T"].width == display_width(rows[0]["text"]) + 2


def test_display_width_counts_wide_characters_twice() -> None:
    assert display_width("abc") == 3 and display_width("审批") == 4 and display_width("a\n审批时间") == 8


LIBREOFFICE = shutil.which("libreoffice") or shutil.which("soffice")
REPO = Path(__file__).resolve().parent.parent


def libreoffice_csv(workbook: Path, tmp_path: Path) -> Path:
    """Every sheet of ``workbook`` converted by LibreOffice to UTF-8 CSV (76), each to its own
    file (-1): NAME-cases.csv, NAME-metrics.csv in the folder returned."""
    assert LIBREOFFICE
    out = tmp_path / "converted"
    subprocess.run(
        [
            LIBREOFFICE,
            "--headless",
            f"-env:UserInstallation=file://{tmp_path / 'profile'}",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
            "--outdir",
            str(out),
            str(workbook),
        ],
        check=True,
        capture_output=True,
        timeout=180,
        env={**os.environ, "HOME": str(tmp_path)},
    )
    return out


def as_text(value: object) -> str:
    """A stored cell as LibreOffice writes it to CSV (dates yyyy-mm-dd, whole numbers bare)."""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value)


@pytest.mark.slow
@pytest.mark.skipif(LIBREOFFICE is None, reason="needs libreoffice")
def test_libreoffice_reads_the_bundled_librarys_xlsx_as_stored(invoke, tmp_path, monkeypatch):
    from openpyxl import load_workbook

    monkeypatch.chdir(REPO)
    workbook, exported = tmp_path / "cases.xlsx", tmp_path / "cases.csv"
    assert invoke("export", "--format", "xlsx", "-o", str(workbook)).exit_code == 0
    assert invoke("export", "--format", "csv", "-o", str(exported)).exit_code == 0
    out = libreoffice_csv(workbook, tmp_path)
    book = load_workbook(workbook)
    for name in ("cases", "metrics"):
        read = list(csv.reader((out / f"cases-{name}.csv").open(encoding="utf-8")))
        stored = [[as_text(cell.value) for cell in row] for row in book[name].iter_rows()]
        assert read == stored and len(read) > 50
    # The cases sheet holds what the CSV export holds, cell for cell (no formula-looking text
    # in the bundled library, which only the CSV neutralises).
    assert list(csv.reader(exported.open(encoding="utf-8-sig"))) == list(
        csv.reader((out / "cases-cases.csv").open(encoding="utf-8"))
    )


@pytest.mark.slow
@pytest.mark.skipif(LIBREOFFICE is None, reason="needs libreoffice")
def test_libreoffice_opens_the_xlsx(sheet_library, invoke, tmp_path):
    assert invoke("export", "--format", "xlsx", "-o", "cases.xlsx").exit_code == 0
    out = libreoffice_csv(Path("cases.xlsx"), tmp_path)
    cases = list(csv.reader((out / "cases-cases.csv").open(encoding="utf-8")))
    metrics = list(csv.reader((out / "cases-metrics.csv").open(encoding="utf-8")))
    assert tuple(cases[0]) == CSV_COLUMNS and tuple(metrics[0]) == METRIC_COLUMNS
    row = dict(zip(CSV_COLUMNS, cases[1], strict=True))
    assert row["title"] == FORMULA  # shown as the text it is, not run
    assert row["published"] == "2023-09-19" and row["batch"] == "4"
    assert metrics[1][:4] == ["t-4-02", "1", "审批时间", "time"]
    assert metrics[1][-1] == "20个工作日 → 5个工作日，压缩75%（据前后数值计算）"
