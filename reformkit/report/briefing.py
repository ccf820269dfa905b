"""A briefing's facts, typed: the cases in document order, their groups, their numbers and the
charts of their reductions, decided once here and read by every writer (Markdown, HTML, Word).

A case's ``position`` is its number in the briefing: 1 to N in the order the cases are
printed, running through the groups when the briefing is grouped, so the contents, the
overview, the charts and the headings of every format agree. No words here: the writers word
these facts through ``reformkit.wording``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from reformkit.case.model import Case, Metric
from reformkit.report.chart import KindChart, reduction_charts
from reformkit.wording import describe
from reformkit.wording.labels import Lang, lang_of

GROUP_BY = ("program", "region", "year", "tag")


@dataclass(frozen=True)
class ReportOptions:
    title: str | None = None
    lang: str = "zh"
    group_by: str | None = None
    front_matter: bool = False
    date: str | None = None


@dataclass(frozen=True)
class BriefCase:
    """One case as the briefing prints it."""

    position: int  # its number in the briefing: 1..N in document order
    case: Case
    program_name: str
    key_metrics: tuple[Metric, ...]  # its largest reductions, largest first (at most two)

    @property
    def id(self) -> str:
        return self.case["id"]

    @property
    def title(self) -> str:
        return self.case["title"]


@dataclass(frozen=True)
class Group:
    """A heading of a grouped briefing (``name`` None: the one group of an ungrouped one)."""

    name: str | None
    cases: tuple[BriefCase, ...]  # printed here, in document order
    see_also: tuple[BriefCase, ...] = ()  # belonging here too, printed under an earlier group


@dataclass(frozen=True)
class Briefing:
    title: str
    lang: Lang
    date: str | None
    front_matter: bool
    group_by: str | None
    groups: tuple[Group, ...]
    cases: tuple[BriefCase, ...]  # every case once, in document order (positions 1..N)
    programs: tuple[str, ...]  # the programs' names, sorted
    years: tuple[str, ...]  # the years of publication, sorted
    charts: tuple[KindChart, ...] = field(default=())

    @property
    def count(self) -> int:
        return len(self.cases)

    @property
    def grouped(self) -> bool:
        return self.group_by is not None


def key_metrics(case: Case, limit: int = 1) -> list[Metric]:
    """The metrics a briefing leads with, 关键数据 as every output defines it
    (``metrics.key_metrics``)."""
    from reformkit.case.metrics import key_metrics as key_positions

    metrics = case.get("metrics") or []
    return [metrics[index] for index in key_positions([dict(m) for m in metrics], limit)]


def group_keys(case: Case, group_by: str, program_names: Mapping[str, str]) -> list[str]:
    """The groups a case belongs to, the one it is printed under first."""
    if group_by == "program":
        return [program_names.get(case["program"], case["program"])]
    if group_by == "region":
        return [describe.case_region(case, shape="city")]
    if group_by == "year":
        return [case["published"][:4]]
    return list(case.get("tags") or []) or ["—"]


def _layout(
    cases: Sequence[Case], group_by: str | None, program_names: Mapping[str, str]
) -> list[tuple[str | None, list[Case], list[str]]]:
    """(group name, cases printed under it, ids of cases printed elsewhere that belong to it)
    in document order; one unnamed group when not grouped. A case is printed once, under its
    first group; the groups are sorted by name (years newest first)."""
    if group_by is None:
        return [(None, list(cases), [])]
    printed: dict[str, list[Case]] = {}
    also: dict[str, list[str]] = {}
    for case in cases:
        keys = group_keys(case, group_by, program_names)
        printed.setdefault(keys[0], []).append(case)
        for other in keys[1:]:
            also.setdefault(other, []).append(case["id"])
    names = sorted(set(printed) | set(also), reverse=group_by == "year")
    return [(name, printed.get(name, []), also.get(name, [])) for name in names]


def build(cases: Sequence[Case], options: ReportOptions, program_names: Mapping[str, str]) -> Briefing:
    """The briefing of ``cases`` (in the order selected): numbered once, in document order."""
    lang = lang_of(options.lang)
    layout = _layout(cases, options.group_by, program_names)
    numbered: dict[str, BriefCase] = {}
    for _, members, _ in layout:
        for case in members:
            name = program_names.get(case["program"], case["program"])
            numbered[case["id"]] = BriefCase(len(numbered) + 1, case, name, tuple(key_metrics(case, 2)))
    groups = tuple(
        Group(name, tuple(numbered[c["id"]] for c in members), tuple(numbered[i] for i in also))
        for name, members, also in layout
    )
    ordered = tuple(numbered.values())
    return Briefing(
        title=options.title or describe.DEFAULT_TITLE[lang],
        lang=lang,
        date=options.date,
        front_matter=options.front_matter,
        group_by=options.group_by,
        groups=groups,
        cases=ordered,
        programs=tuple(sorted({c.program_name for c in ordered})),
        years=tuple(sorted({c.case["published"][:4] for c in ordered})),
        charts=tuple(reduction_charts((c.position, c.case) for c in ordered)),
    )
