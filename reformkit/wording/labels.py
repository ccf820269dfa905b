"""Every fixed word reformkit prints to a reader, in Chinese and English, in one place.

``describe`` words facts with these; renderers take headings and field names from here.
Nothing else holds a reader's word, so a language is complete when this module is.
"""

from __future__ import annotations

from typing import Literal

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = ("zh", "en")
#: The language of the bundled library's cases, and so the default of ``--lang``.
DEFAULT_LANG: Lang = "zh"

#: Headings and field names (show, compare, report, stats).
HEADINGS: dict[str, dict[str, str]] = {
    "zh": {
        "id": "编号",
        "case": "案例",
        "program": "项目",
        "batch": "批次",
        "number": "序号",
        "title": "标题",
        "summary": "概述",
        "practices": "主要做法",
        "outcomes": "实践效果",
        "metrics": "数据指标",
        "recognition": "推广与表彰",
        "source": "来源",
        "related": "相关案例",
        "tags": "标签",
        "tag": "标签",
        "label": "指标",
        "kind": "类别",
        "figure": "数值",
        "transition": "前 → 后",
        "change": "变化",
        "as_of": "截至",
        "agencies": "牵头单位",
        "agency": "牵头单位",
        "region": "地区",
        "published": "发布",
        "status": "状态",
        "year": "年份",
        "key_figures": "关键数据",
        "contents": "目录",
        "overview": "概览",
        "date": "日期",
        "see_also": "另见",
        "match": "匹配",
        "practices_count": "主要做法（项）",
        "outcomes_count": "实践效果（项）",
    },
    "en": {
        "id": "id",
        "case": "Case",
        "program": "Program",
        "batch": "Batch",
        "number": "Number",
        "title": "Title",
        "summary": "Summary",
        "practices": "Practices",
        "outcomes": "Outcomes",
        "metrics": "Metrics",
        "recognition": "Recognition",
        "source": "Source",
        "related": "Related cases",
        "tags": "Tags",
        "tag": "Tag",
        "label": "Metric",
        "kind": "Kind",
        "figure": "Figure",
        "transition": "Before → after",
        "change": "Change",
        "as_of": "As of",
        "agencies": "Lead agencies",
        "agency": "Lead agency",
        "region": "Region",
        "published": "Published",
        "status": "Status",
        "year": "Year",
        "key_figures": "Key figures",
        "contents": "Contents",
        "overview": "Overview",
        "date": "Date",
        "see_also": "See also",
        "match": "Match",
        "practices_count": "Practices (count)",
        "outcomes_count": "Outcomes (count)",
    },
}

#: Column headings of search's table (``render.cases.LAYOUTS``); English keeps the short
#: lower-case names a script or a reader of the docs knows them by.
SEARCH_COLUMNS: dict[str, dict[str, str]] = {
    "zh": {
        "id": "编号",
        "title": "标题",
        "program": "项目/批次",
        "region": "地区",
        "published": "发布日期",
        "figure": "关键数据",
        "match": "命中内容",
    },
    "en": {name: name for name in ("id", "title", "program", "region", "published", "figure", "match")},
}

#: Before the snippet of a hit that matched by pinyin, by sound, as its words or through the
#: thesaurus (``ranking.KIND_NAMES``).
MATCHED_BY: dict[str, dict[str, str]] = {
    "zh": {"pinyin": "拼音：", "homophone": "同音：", "word": "分词：", "thesaurus": "近义："},
    "en": {"pinyin": "pinyin: ", "homophone": "sounds like: ", "word": "words: ", "thesaurus": "related: "},
}

#: ``search --explain``: how each hit matched (``ranking.KIND_NAMES``), and an expansion of
#: the thesaurus (``办执照 → 营业执照、企业开办``; a phrase found inside a longer term says so).
EXPLAIN: dict[str, dict[str, str]] = {
    "zh": {
        "exact": "原文",
        "pinyin": "拼音",
        "homophone": "同音",
        "word": "分词",
        "thesaurus": "近义",
        "expansion": "{phrase} → {targets}",
        "inside": "{term}中的{phrase} → {targets}",
        "left_out": "{term}：未匹配“{words}”",
        "join": "、",
        "score": "得分",
    },
    "en": {
        "exact": "exact",
        "pinyin": "pinyin",
        "homophone": "sounds like",
        "word": "words",
        "thesaurus": "related",
        "expansion": "{phrase} → {targets}",
        "inside": "{phrase} (in {term}) → {targets}",
        "left_out": "{term}: without {words}",
        "join": ", ",
        "score": "score",
    },
}

#: An empty selection, in the language of the output (every read command).
NOTHING_FOUND: dict[str, str] = {"zh": "没有符合条件的案例", "en": "no cases match"}

#: The count search writes to stderr under its table: all the cases that match, or the first
#: ``shown`` of ``total`` (``--limit``).
FOUND: dict[str, dict[str, str]] = {
    "zh": {"one": "共{total}个案例", "all": "共{total}个案例", "some": "共{total}个案例，显示前{shown}个"},
    "en": {"one": "{total} case", "all": "{total} cases", "some": "{shown} of {total} cases"},
}

#: Metric kinds (``metrics.KINDS``).
KINDS: dict[str, dict[str, str]] = {
    "zh": {
        "time": "时间",
        "materials": "材料",
        "steps": "环节",
        "visits": "跑动",
        "cost": "成本",
        "volume": "业务量",
        "amount": "金额",
        "rate": "比率",
        "count": "数量",
        "efficiency": "效率",
    },
    "en": {
        "time": "time",
        "materials": "materials",
        "steps": "steps",
        "visits": "visits",
        "cost": "cost",
        "volume": "volume",
        "amount": "amount",
        "rate": "rate",
        "count": "count",
        "efficiency": "efficiency",
    },
}

#: Case status (``status``), and how a due date is worded after it.
STATUS: dict[str, dict[str, str]] = {
    "zh": {"implemented": "已实施", "pilot": "试点", "planned": "计划"},
    "en": {"implemented": "implemented", "pilot": "pilot", "planned": "planned"},
}
DUE: dict[str, str] = {"zh": "（期限：{due}）", "en": " (due {due})"}

#: Chinese verbs of change by kind: (fall, rise) for a relative change and for an absolute one.
#: English keeps the sign instead.
VERBS_PCT: dict[str, tuple[str, str]] = {
    "time": ("压缩", "延长"),
    "materials": ("减少", "增加"),
    "steps": ("减少", "增加"),
    "visits": ("减少", "增加"),
    "cost": ("降低", "增加"),
    "volume": ("下降", "增长"),
    "amount": ("下降", "增长"),
    "rate": ("下降", "提升"),
    "count": ("减少", "增长"),
    "efficiency": ("下降", "提升"),
}
VERBS_ABSOLUTE: dict[str, tuple[str, str]] = {
    "time": ("缩短", "延长"),
    "materials": ("减少", "增加"),
    "steps": ("减少", "增加"),
    "visits": ("减少", "增加"),
    "cost": ("降低", "增加"),
    "volume": ("减少", "增加"),
    "amount": ("减少", "增加"),
    "rate": ("下降", "提升"),
    "count": ("减少", "增加"),
    "efficiency": ("下降", "提升"),
}
#: Units as a reader writes them after a number (1个工作日, as the documents print it).
UNIT_WORDS: dict[str, str] = {"工作日": "个工作日"}

#: Neither verb fits an unknown kind: a neutral pair.
VERBS_DEFAULT: tuple[str, str] = ("减少", "增加")

#: Words around figures.
WORDS: dict[str, dict[str, str]] = {
    "zh": {
        "computed": "（据前后数值计算）",
        "down_to": "降至{figure}",
        "from": "原{figure}",
        "as_of": "（截至{date}）",
        "as_of_cell": "{date}",
        "list_sep": "、",
        "period": "。",
        "item_sep": "；",
        "clause_sep": "，",
        "colon": "：",
        "open": "（",
        "close": "）",
        "batch": "第{number}批",
        "case_number": "第{number}号",
        "none": "—",
        "cases": "共{count}个案例",
        "case_count": "{count}个案例",
        "by": "按{dimension}",
        "stats_title": "各类指标的相对变化",
        "best_note": "★ 同类指标中变化最优：时间、材料、环节、跑动、成本取降幅最大者，其他取增幅最大者。",
        "untitled_source": "{program}{number}（来源文件未载标题）",
        "untitled_source_no_number": "{program}（来源文件未载标题）",
        "scope": "本简报收录{count}个案例，来自{programs}，发布于{years}。",
        "years": "{first}年至{last}年",
        "year": "{year}年",
        "digest_scope": "本摘要收录{count}个案例。",
        "dated": "日期：{date}",
        "no_key_figure": "—",
        "stats_line": "{kind}：{cases}个案例，{figures}项有相对变化",
        "stats_range": "；中位数{median}，{largest_name}{largest}（{largest_case}），{smallest_name}{smallest}（{smallest_case}）",
        "largest_cut": "降幅最大",
        "smallest_cut": "降幅最小",
        "largest_rise": "增幅最大",
        "smallest_rise": "增幅最小",
    },
    "en": {
        "computed": " (computed)",
        "down_to": "down to {figure}",
        "from": "from {figure}",
        "as_of": " (as of {date})",
        "as_of_cell": "{date}",
        "list_sep": ", ",
        "period": ".",
        "item_sep": "; ",
        "clause_sep": ", ",
        "colon": ": ",
        "open": " (",
        "close": ")",
        "batch": "batch {number}",
        "case_number": "no. {number}",
        "none": "—",
        "cases": "{count} cases",
        "case_count": "{count} cases",
        "by": "by {dimension}",
        "stats_title": "metric changes by kind (relative change)",
        "best_note": (
            "★ best change of its kind (largest cut for time, materials, steps, visits, cost; "
            "largest rise otherwise)."
        ),
        "untitled_source": "{program}, {number} (the source document has no title)",
        "untitled_source_no_number": "{program} (the source document has no title)",
        "scope": "{count} cases from {programs}, published {years}.",
        "years": "{first}–{last}",
        "year": "{year}",
        "digest_scope": "{count} cases.",
        "dated": "Date: {date}",
        "no_key_figure": "—",
        "stats_line": "{kind}: {cases} cases, {figures} with a relative change",
        "stats_range": (
            "; median {median}, {largest_name} {largest} ({largest_case}), "
            "{smallest_name} {smallest} ({smallest_case})"
        ),
        "largest_cut": "largest cut",
        "smallest_cut": "smallest cut",
        "largest_rise": "largest rise",
        "smallest_rise": "smallest rise",
    },
}

#: The dimensions stats counts by (``stats.DIMENSIONS``), as its section titles name them.
DIMENSIONS: dict[str, dict[str, str]] = {
    "zh": {
        "program": "项目",
        "batch": "批次",
        "region": "地区",
        "year": "年份",
        "tag": "标签",
        "agency": "牵头单位",
        "status": "状态",
        "kind": "指标类别",
    },
    "en": {name: name for name in ("program", "batch", "region", "year", "tag", "agency", "status", "kind")},
}

#: Column headings of stats' summary of changes by kind: the largest and smallest change
#: in the direction the reforms aim for (a cut for time, materials, steps, visits, cost).
STATS_COLUMNS: dict[str, dict[str, str]] = {
    "zh": {
        "kind": "类别",
        "cases": "案例数",
        "figures": "有变化",
        "median": "中位数",
        "largest": "幅度最大",
        "largest_case": "案例",
        "smallest": "幅度最小",
        "smallest_case": "案例",
    },
    "en": {
        "kind": "kind",
        "cases": "cases",
        "figures": "figures",
        "median": "median",
        "largest": "largest",
        "largest_case": "case",
        "smallest": "smallest",
        "smallest_case": "case",
    },
}


def lang_of(value: str | None) -> Lang:
    """A known language, or the library's default."""
    return "en" if value == "en" else "zh"


def value_names(table: dict[str, dict[str, str]]) -> dict[str, str]:
    """Every label ``table`` prints for a value (in any language), mapped to the value: what
    a query may name it by (``kind:时间``, ``status:计划``)."""
    return {label: value for lang in LANGS for value, label in table[lang].items() if label != value}


def query_names() -> tuple[dict[str, str], dict[str, str]]:
    """(kind names, status names) for ``search.filters.Vocabulary``."""
    return value_names(KINDS), value_names(STATUS)
