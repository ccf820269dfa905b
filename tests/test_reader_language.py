"""Reader output of the whole bundled library: Chinese all the way down in zh (no English word
except ids, codes and Latin text the cases themselves contain), computed changes shown and
marked, dates beside figures, and no internal file name cited anywhere."""

from __future__ import annotations

import re

import pytest
import yaml

from .conftest import REPO

CASES = sorted((REPO / "cases").glob("*.yaml"))
WORD = re.compile(r"[A-Za-z]{2,}")


def _strings(node) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for value in node.values() for s in _strings(value)]
    if isinstance(node, list):
        return [s for value in node for s in _strings(value)]
    return []


def _allowed_words() -> set[str]:
    """Words from the cases (ids, case text other than the source file name) and program keys."""
    import tomllib

    allowed: set[str] = set()
    for path in CASES:
        data = yaml.safe_load(path.read_text("utf-8"))
        # Text the cases state (not codes such as status, kind or approx, nor the file name).
        texts = [data[k] for k in ("id", "title", "subtitle", "summary", "agencies", "tags") if k in data]
        texts += [data.get("practices"), data.get("outcomes"), data.get("recognition"), data.get("region")]
        texts += [{k: m.get(k) for k in ("label", "unit", "note")} for m in data.get("metrics") or []]
        source = data.get("source") or {}
        texts += [source.get("title"), source.get("publisher")]
        for text in _strings(texts):
            allowed.update(WORD.findall(text))
    config = tomllib.loads((REPO / "reformkit.toml").read_text("utf-8"))
    for key in config["programs"]:
        allowed.update(WORD.findall(key))
    return allowed


ALLOWED = _allowed_words()
IDS = [path.stem for path in CASES]


MARKUP = re.compile(r"<br>|&#?\w+;")


def english_words(text: str) -> set[str]:
    """ASCII words that are neither ids, codes nor the cases' own text (Markdown's <br> and
    character references are markup, not words)."""
    return {w for w in WORD.findall(MARKUP.sub(" ", text)) if w not in ALLOWED}


@pytest.fixture
def in_repo(monkeypatch):
    monkeypatch.chdir(REPO)


def reader_outputs(invoke) -> dict[str, str]:
    """Every reader's output of the whole library in zh (the default)."""
    out = {}
    for case_id in IDS:
        out[f"show {case_id}"] = invoke("show", case_id).stdout
        out[f"show {case_id} markdown"] = invoke("show", case_id, "--format", "markdown").stdout
    for start in range(0, len(IDS), 8):
        chunk = IDS[start : start + 8] if len(IDS[start : start + 8]) > 1 else IDS[start - 1 : start + 1]
        out[f"compare {chunk[0]}"] = invoke("compare", *chunk).stdout
        out[f"compare {chunk[0]} markdown"] = invoke("compare", *chunk, "--format", "markdown").stdout
    out["stats"] = invoke(
        "stats",
        "--by",
        "program",
        "--by",
        "batch",
        "--by",
        "region",
        "--by",
        "year",
        "--by",
        "tag",
        "--by",
        "agency",
        "--by",
        "status",
        "--by",
        "kind",
    ).stdout
    out["stats markdown"] = invoke("stats", "--format", "markdown", "--by", "status", "--by", "kind").stdout
    for template in ("briefing", "digest", "table"):
        out[f"report {template}"] = invoke("report", "--template", template).stdout
    out["report digest tag"] = invoke("report", "--template", "digest", "--group-by", "tag").stdout
    return out


def test_zh_output_has_no_english_word_and_no_file_name(in_repo, invoke):
    outputs = reader_outputs(invoke)
    assert all(outputs.values())
    for name, text in outputs.items():
        assert not english_words(text), (name, sorted(english_words(text)))
        assert ".txt" not in text, name
        assert not re.search(r"\d{3}_[0-9a-f]{16}", text), name


def test_the_english_words_check_can_fail(in_repo, invoke):
    assert english_words(invoke("show", "haikou-p168-12", "--lang", "en").stdout) >= {
        "Status",
        "planned",
        "due",
    }
    assert english_words(invoke("stats", "--lang", "en").stdout) >= {"cases", "by", "median"}


def test_computed_changes_and_dates_beside_figures(in_repo, invoke):
    compare = invoke("compare", "hnbiz-4-02", "hnbiz-4-03", "hnftp-06", "--format", "markdown").stdout
    assert "★ 简易注销公告期：45天 → 7天，压缩84.4%（据前后数值计算）" in compare
    assert "简易注销占年度注销总量的比例：8.2%（截至2018年）" in compare
    # The star is on the metric that won (the stated cut of 77%), not on the first line.
    assert (
        "港澳地区非自然人投资者主体资格证明公证文书页数：50页以上 → 8页<br>★ 外资企业开办办理材料：减少77%以上"
        in compare
    )
    show = invoke("show", "hnbiz-4-03").stdout
    assert "压缩84.4%（据前后数值计算）" in show
    english = invoke("compare", "hnbiz-4-02", "hnbiz-4-03", "--format", "markdown", "--lang", "en").stdout
    assert "45天 → 7天, -84.4% (computed)" in english
    report = invoke("report", "id:hnbiz-4-03").stdout
    assert "| 简易注销公告期 |  | 45天 → 7天 | 压缩84.4%（据前后数值计算） |  |" in report


def test_a_source_without_a_title_is_cited_by_program_and_number(in_repo, invoke):
    for case_id, number in (("hnftp-03", 3), ("hnftp-06", 6)):
        text = invoke("show", case_id).stdout
        assert f"海南自由贸易港制度创新案例第{number}号（来源文件未载标题）" in text
    data = invoke("show", "hnftp-03", "--format", "json").stdout
    assert "002_ac56779b124b8375.txt" in data  # the data keeps the file name


def test_reader_output_uses_full_width_punctuation_in_chinese_text(in_repo, invoke):
    from reformkit.text.punctuation import find_punctuation

    texts = [invoke("report", "--template", t).stdout for t in ("briefing", "digest", "table")]
    texts.append(invoke("report", "--template", "briefing", "--group-by", "tag").stdout)
    texts += [invoke("compare", "hnbiz-4-02", "hnbiz-4-03", "hnftp-06").stdout, invoke("stats").stdout]
    texts += [invoke("show", case_id).stdout for case_id in ("hnbiz-4-02", "haikou-p168-12", "hnftp-03")]
    for text in texts:
        prose = re.sub(r"\]\(#[^)]*\)", "]", text)  # a Markdown link's target is markup
        assert find_punctuation(prose) == [], find_punctuation(prose)[:3]
    assert find_punctuation("本简报收录3个案例,来自海南") != []  # the check can fail
