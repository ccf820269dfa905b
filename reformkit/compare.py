"""Side-by-side comparison of 2-8 cases: fields as rows, cases as columns, metrics by kind."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from reformkit import metrics as arith
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
    text: str  # figure, before → after and change, ready to show
    change_pct: float | None
    metric: dict[str, Any]


@dataclass
class KindRow:
    kind: str
    cells: list[list[MetricCell]]  # one list per case (empty: the case states none)
    best: int | None = None  # index of the case with the best change, when comparable


@dataclass
class Comparison:
    ids: list[str]
    titles: list[str]
    fields: list[tuple[str, list[str]]] = field(default_factory=list)
    kinds: list[KindRow] = field(default_factory=list)
    practices: list[list[str]] = field(default_factory=list)


def check_count(count: int) -> None:
    if not MIN_CASES <= count <= MAX_CASES:
        raise UsageError(f"compare takes {MIN_CASES} to {MAX_CASES} cases, got {count}")


def metric_text(metric: dict[str, Any]) -> str:
    from reformkit.render.markdown import metric_cells

    value, transition, change = metric_cells(metric)
    parts = [p for p in (value, transition) if p]
    text = " ".join(parts)
    if change:
        text = f"{text} ({change})" if text else change
    return text


def _field_values(case: dict[str, Any], name: str) -> str:
    if name == "program":
        return case["program"] + (f"/{case['batch']}" if case.get("batch") is not None else "")
    if name == "region":
        region = case.get("region") or {}
        return "".join(region.get(k, "") for k in ("province", "city", "district"))
    if name == "status":
        status = case.get("status", "implemented")
        return status + (f" (due {case['due']})" if case.get("due") else "")
    if name in ("agencies", "tags", "recognition"):
        return "、".join(case.get(name) or [])
    if name in ("practices", "outcomes"):
        return str(len(case.get(name) or []))
    return str(case.get(name, ""))


def compare(cases: list[dict[str, Any]]) -> Comparison:
    check_count(len(cases))
    result = Comparison([c["id"] for c in cases], [c["title"] for c in cases])
    for name in FIELD_ROWS:
        result.fields.append((name, [_field_values(c, name) for c in cases]))
    kinds = [k for k in arith.KINDS if any(m.get("kind") == k for c in cases for m in c.get("metrics") or [])]
    for kind in kinds:
        cells = []
        for case in cases:
            cells.append(
                [
                    MetricCell(m.get("label", ""), metric_text(m), arith.change_pct(m), m)
                    for m in case.get("metrics") or []
                    if m.get("kind") == kind
                ]
            )
        result.kinds.append(KindRow(kind, cells, _best(kind, cells)))
    result.practices = [[p["title"] for p in c.get("practices") or []] for c in cases]
    return result


def _best(kind: str, cells: list[list[MetricCell]]) -> int | None:
    """The case with the largest reduction (reduction kinds) or the largest rise (others)."""
    reduction = kind in arith.REDUCTION_KINDS
    best_index, best_value = None, None
    for index, case_cells in enumerate(cells):
        values = [c.change_pct for c in case_cells if c.change_pct is not None]
        if not values:
            continue
        value = min(values) if reduction else max(values)
        if best_value is None or (value < best_value if reduction else value > best_value):
            best_index, best_value = index, value
    comparable = sum(1 for case_cells in cells if any(c.change_pct is not None for c in case_cells))
    return best_index if comparable >= 2 else None
