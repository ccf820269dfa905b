"""Side-by-side comparison of 2-8 cases: fields as rows, cases as columns, metrics by kind.

The result holds facts only (field values as the cases state them, metrics, relative changes,
the best case per kind); ``render.compare`` words them through ``describe``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from reformkit.case import metrics as arith
from reformkit.case.model import Case, Metric
from reformkit.errors import UsageError

MIN_CASES, MAX_CASES = 2, 8
FIELD_ROWS = (
    "program",
    "region",
    "published",
    "status",
    "agencies",
    "tags",
    "practices",
    "outcomes",
    "recognition",
)


@dataclass(frozen=True)
class MetricCell:
    label: str
    change_pct: float | None  # stated, else computed from exact before/after; unrounded
    metric: Metric


@dataclass(frozen=True)
class ProgramFact:
    program: str
    batch: int | None
    name: str = ""  # the program's full name (reformkit.toml), when known


@dataclass(frozen=True)
class StatusFact:
    status: str
    due: str | None


@dataclass(frozen=True)
class RegionFact:
    province: str | None
    city: str | None
    district: str | None


#: A field's value in a comparison: as stated (published), a list (agencies, tags,
#: recognition), a count (practices, outcomes) or one of the facts above.
FieldValue = str | int | list[str] | ProgramFact | StatusFact | RegionFact


@dataclass
class KindRow:
    kind: str
    cells: list[list[MetricCell]]  # one list per case (empty: the case states none)
    best: int | None = None  # index of the case with the best change, when comparable
    best_metric: int | None = None  # index, within that case's cells, of the metric that won


@dataclass
class Comparison:
    ids: list[str]
    titles: list[str]
    fields: list[tuple[str, list[FieldValue]]] = field(default_factory=list)
    kinds: list[KindRow] = field(default_factory=list)
    practices: list[list[str]] = field(default_factory=list)


def check_count(count: int) -> None:
    if not MIN_CASES <= count <= MAX_CASES:
        raise UsageError(f"compare takes {MIN_CASES} to {MAX_CASES} cases, got {count}")


def field_value(case: Case, name: str, program_names: Mapping[str, str] | None = None) -> FieldValue:
    """The fact a FIELD_ROWS row shows for one case (``program_names``: program key → name)."""
    if name == "program":
        return ProgramFact(case["program"], case.get("batch"), (program_names or {}).get(case["program"], ""))
    fields: Mapping[str, Any] = case  # the rows below read a field by its name
    if name == "region":
        region = fields.get("region") or {}
        return RegionFact(region.get("province"), region.get("city"), region.get("district"))
    if name == "status":
        return StatusFact(case.get("status", "implemented"), case.get("due"))
    if name in ("agencies", "tags", "recognition"):
        return [str(item) for item in fields.get(name) or []]
    if name in ("practices", "outcomes"):
        return len(fields.get(name) or [])
    return str(fields.get(name, ""))


def compare(cases: Sequence[Case], program_names: Mapping[str, str] | None = None) -> Comparison:
    check_count(len(cases))
    result = Comparison([c["id"] for c in cases], [c["title"] for c in cases])
    for name in FIELD_ROWS:
        result.fields.append((name, [field_value(c, name, program_names) for c in cases]))
    kinds = [k for k in arith.KINDS if any(m.get("kind") == k for c in cases for m in c.get("metrics") or [])]
    for kind in kinds:
        cells = []
        for case in cases:
            cells.append(
                [
                    MetricCell(m.get("label", ""), arith.change_pct(m), m)
                    for m in case.get("metrics") or []
                    if m.get("kind") == kind
                ]
            )
        best, best_metric = _best(kind, cells)
        result.kinds.append(KindRow(kind, cells, best, best_metric))
    result.practices = [[p["title"] for p in c.get("practices") or []] for c in cases]
    return result


def _best(kind: str, cells: list[list[MetricCell]]) -> tuple[int | None, int | None]:
    """The case with the largest reduction (reduction kinds) or the largest rise (others), and
    which of its metrics won; (None, None) unless at least two cases have a change to compare."""
    reduction = kind in arith.REDUCTION_KINDS
    best: tuple[int, int] | None = None
    best_value: float | None = None
    for index, case_cells in enumerate(cells):
        for metric_index, cell in enumerate(case_cells):
            value = cell.change_pct
            if value is None:
                continue
            if best_value is None or (value < best_value if reduction else value > best_value):
                best, best_value = (index, metric_index), value
    comparable = sum(1 for case_cells in cells if any(c.change_pct is not None for c in case_cells))
    if best is None or comparable < 2:
        return None, None
    return best
