"""reformkit import: drafts from a document, and the benchmark's floors on the seeds."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

from .conftest import REPO, copy_bundled_config

SEED = "002_ac56779b124b8375.txt"


@pytest.fixture
def empty_library(isolated: Path) -> Path:
    copy_bundled_config(isolated)
    (isolated / "cases").mkdir()
    return isolated


def test_import_writes_drafts_and_copies_the_document(empty_library, invoke):
    result = invoke("import", str(REPO / "sources" / SEED), "--program", "hnftp")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [f"cases/hnftp-0{n}.yaml" for n in range(1, 5)]
    assert result.stderr.splitlines()[0].endswith("4 cases drafted; check each against its source, then remove draft:")
    assert (empty_library / "sources" / SEED).read_bytes() == (REPO / "sources" / SEED).read_bytes()
    report = json.loads(invoke("validate", "--format", "json").stdout)
    drafts = [p for p in report["problems"] if p["code"] == "RK509"]
    assert [(p["path"], p["line"]) for p in drafts][0][0] == "cases/hnftp-01.yaml"
    assert len(drafts) == 4
    # the next import continues the numbering, and the same document is not copied twice
    again = invoke("import", str(REPO / "sources" / SEED), "--program", "hnftp")
    assert again.stdout.splitlines()[0] == "cases/hnftp-05.yaml"


def test_import_json_prints_case_objects_and_writes_nothing(empty_library, invoke):
    result = invoke("import", str(REPO / "sources" / SEED), "--program", "hnftp", "--format", "json")
    assert result.exit_code == 0
    cases = json.loads(result.stdout)
    assert [c["title"] for c in cases] == [
        "离岛免税监管服务创新",
        "海港口岸“信用+智慧”综合型服务",
        "企业“一码通全岛”服务全覆盖",
        "外资企业登记“五位一体”改革",
    ]
    assert cases[1]["source"] == {"document": SEED, "lines": [19, 27]}
    assert {"label": "入出境联检和船员换班手续时间", "kind": "time", "change_pct": -30} in cases[1]["metrics"]
    assert not list((empty_library / "cases").iterdir()) and not (empty_library / "sources").exists()


def test_import_reads_html_and_docx(empty_library, invoke, tmp_path):
    import docx

    html = tmp_path / "doc.html"
    html.write_text(
        "<html><body><p>优化营商环境示范案例1</p><p>推进改革甲</p><p>一、主要做法</p><p>(一)做法一。办理时间由5天压缩至1天。</p>"
        "<p>优化营商环境示范案例2</p><p>推进改革乙</p><p>一、主要做法</p><p>(一)做法二。</p></body></html>",
        "utf-8",
    )
    cases = json.loads(invoke("import", str(html), "-p", "hnbiz", "-b", "9", "--format", "json").stdout)
    assert [(c["id"], c["title"]) for c in cases] == [("hnbiz-9-01", "推进改革甲"), ("hnbiz-9-02", "推进改革乙")]
    assert cases[0]["metrics"][0] == {"label": "办理时间", "kind": "time", "before": 5, "after": 1, "unit": "天"}
    document = docx.Document()
    for text in ("案例一：改革甲", "案例二：改革乙", "一、主要做法", "做法甲。", "一、主要做法", "做法乙。"):
        document.add_paragraph(text)
    document.save(str(tmp_path / "doc.docx"))
    cases = json.loads(invoke("import", str(tmp_path / "doc.docx"), "-p", "hnbiz", "--format", "json").stdout)
    assert [(c["title"], c["source"]["lines"], c["source"]["title_line"]) for c in cases] == [
        ("改革甲", [3, 4], 1),
        ("改革乙", [5, 6], 2),
    ]


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("notes.rtf", b"x", "cannot import a .rtf file; give a .txt, .docx, .html or .pdf document"),
        ("bad.txt", b"\xff\xfe", "not UTF-8 text (byte 0); save it as UTF-8"),
        ("bad.docx", b"not a zip", "not a Word document python-docx can read"),
    ],
)
def test_a_bad_document_is_a_usage_error_naming_it(empty_library, invoke, tmp_path, name, data, message):
    path = tmp_path / name
    path.write_bytes(data)
    result = invoke("import", str(path), "-p", "hnftp")
    assert (result.exit_code, result.stdout) == (2, "")
    assert message in result.stderr and "Traceback" not in result.stderr


def test_a_document_without_cases_exits_1(empty_library, invoke, tmp_path):
    path = tmp_path / "plain.txt"
    path.write_text("只有一段话。\n", "utf-8")
    result = invoke("import", str(path), "-p", "hnftp")
    assert result.exit_code == 1
    assert "no cases found" in result.stderr


def test_the_benchmark_floors_on_the_seeds(monkeypatch):
    spec = importlib.util.spec_from_file_location("importing_benchmark", REPO / "benchmarks" / "importing.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, spec.name, module)  # dataclasses look their module up
    spec.loader.exec_module(module)
    _, total = module.run(REPO)
    assert total.cases == 51 and total.passages == 51
    assert total.titles == 51
    assert total.matched / total.figures >= 0.80
    assert total.matched / total.drafted >= 0.70
    assert total.practices_found / total.practices >= 0.80
