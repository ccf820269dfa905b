"""reformkit import: drafts from a document, and the benchmark's floors on the seeds."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

from .conftest import DATA, REPO, copy_bundled_config

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
    # every figure of each passage is a metric or under unrecorded: (RK504), each as printed (RK505, RK507)
    assert {p["code"] for p in report["problems"] if p["code"].startswith("RK5")} == {"RK509"}
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
    # measured: figures 279 of 290 curated (0.96), 279 of 286 drafted (0.98); practice titles
    # 134/140 (0.96), outcome titles 82/88 (0.93)
    assert total.matched / total.figures >= 0.96
    assert total.matched / total.drafted >= 0.97
    assert total.practices_found / total.practices >= 0.95
    assert total.outcomes_found / total.outcomes >= 0.93


PDF = DATA / "import" / "one_case.pdf"  # one_case.txt, converted by soffice --headless --convert-to pdf


def test_import_reads_a_pdf(empty_library, invoke):
    result = invoke("import", str(PDF), "-p", "hnbiz", "-b", "9", "--format", "json")
    assert result.exit_code == 0, result.stderr
    (case,) = json.loads(result.stdout)
    assert (case["id"], case["title"], case["subtitle"], case["agencies"]) == (
        "hnbiz-9-01",
        "推行企业开办“一网通办”",
        "实现“一表申报、一窗领取”",
        ["某市营商环境建设局"],
    )
    assert [p["title"] for p in case["practices"]] == ["整合开办环节", "推行电子材料"]
    assert [o["title"] for o in case["outcomes"]] == ["开办时间大幅压缩", "申请材料明显减少"]
    # the extracted text spaces the numbers (由 5 个工作日压缩至 1 个工作日): still a before and an after
    assert case["metrics"] == [
        {"label": "开办时间", "kind": "time", "before": 5, "after": 1, "unit": "工作日"},
        {"label": "企业申请材料", "kind": "materials", "change_pct": -60},
    ]
    assert case["source"] == {"document": "one_case.txt", "lines": [2, 10]}
    # written into the library, the extracted text goes to sources/ and the draft checks against it
    written = invoke("import", str(PDF), "-p", "hnbiz", "-b", "9")
    assert (written.exit_code, written.stdout) == (0, "cases/hnbiz-9-01.yaml\n")
    assert "推行企业开办“一网通办”" in (empty_library / "sources" / "one_case.txt").read_text("utf-8")
    report = json.loads(invoke("validate", "--format", "json").stdout)
    codes = sorted({p["code"] for p in report["problems"] if p["code"].startswith("RK5")})
    assert codes == ["RK509"]


def test_a_pdf_that_is_not_one_is_a_usage_error(empty_library, invoke, tmp_path):
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.4 not really")
    result = invoke("import", str(path), "-p", "hnftp")
    assert (result.exit_code, result.stdout) == (2, "")
    assert "Traceback" not in result.stderr and "broken.pdf" in result.stderr


def draft(text: str) -> dict[str, object]:
    from reformkit.importing.drafts import draft_cases

    return draft_cases(text.split("\n"), "doc.txt", "hnftp", None, 1)[0].case


def test_figures_that_are_not_results_go_under_unrecorded_with_the_reason():
    from reformkit.importing import metrics

    case = draft(
        "案例一\n推行改革\n一、主要做法\n"
        "（一）整合窗口。将三个部门的窗口合为一个，3个主要做法如下：提供24小时服务。\n"
        "（二）明确目标。按照压缩时限50%的目标推进，我局计划将事项扩大至21种。\n"
        "二、取得成效\n（一）办理时间由5天压缩至1天，已办理1200件。"
    )
    assert [(u["figure"], u["reason"]) for u in case["unrecorded"]] == [
        ("将三个", metrics.IN_WORDS),
        ("3个", metrics.LIST_COUNT),
        ("提供24小时", metrics.SERVICE_PERIOD),
        ("压缩时限50%", metrics.PLANNED),
        ("项扩大至21种", metrics.PLANNED),
    ]
    assert case["metrics"] == [
        {"label": "办理时间", "kind": "time", "before": 5, "after": 1, "unit": "天"},
        {"label": "已办理", "kind": "volume", "value": 1200, "unit": "件"},
    ]


def test_a_planned_section_makes_every_figure_a_target():
    from reformkit.importing.drafts import draft_cases

    lines = ["一、已有做法", "1.推进改革甲。已办理1200件。", "二、下步工作重点", "2.推进改革乙。年内实现2000个事项网办。"]
    first, second = (d.case for d in draft_cases(lines, "doc.txt", "hnftp", None, 1))
    assert [m["value"] for m in first["metrics"]] == [1200] and "unrecorded" not in first
    assert second["metrics"] == [] and second["unrecorded"][0]["figure"] == "年内实现2000个"


def test_practices_from_a_lead_in_list_and_outcomes_reported_as_of_a_date():
    case = draft(
        "1 推进外资企业登记改革\n这项案例聚焦企业开办。\n该制度的主要做法包含推行电子证照；优化登记流程等。\n"
        "推行电子证照后，企业无需提交纸质材料。\n在优化登记流程方面，实现“一窗受理”。"
        "\n2 推进企业简易注销改革\n这项案例聚焦企业注销。"
    )
    assert case["summary"] == "这项案例聚焦企业开办。"
    assert case["practices"] == [
        {"title": "推行电子证照", "detail": "推行电子证照后，企业无需提交纸质材料。"},
        {"title": "优化登记流程", "detail": "在优化登记流程方面，实现“一窗受理”。"},
    ]
    item = draft("一、改革\n1.推进改革甲。我市印发了实施方案。截至目前，已办理1200件。\n2.推进改革乙。")
    assert "summary" not in item
    assert item["practices"] == [{"title": "我市印发了实施方案"}]
    assert item["outcomes"] == [{"title": "截至目前，已办理1200件"}]
