"""One case laid out for reading in the terminal (rich renderables; nothing is printed here)."""

from __future__ import annotations

from typing import Any

from reformkit import describe
from reformkit.textsafe import terminal


def case_renderables(case: dict[str, Any], *, program_name: str = "") -> list[Any]:
    from rich.padding import Padding
    from rich.table import Table
    from rich.text import Text

    h = describe.HEADINGS["zh"]
    out: list[Any] = []
    title = Text(terminal(case["title"]), style="bold")
    out.append(title)
    if case.get("subtitle"):
        out.append(Text(terminal(case["subtitle"]), style="italic"))
    meta = Table.grid(padding=(0, 2))
    meta.add_column(style="dim", no_wrap=True)
    meta.add_column()
    program = describe.program_line(case["program"], case.get("batch"), case.get("number"))
    rows = [
        ("id", case["id"]),
        ("program", f"{program}  {program_name}".strip()),
        (h["published"], case.get("published", "")),
        (h["region"], describe.case_region(case)),
        (h["status"], describe.case_status(case)),
        (h["agencies"], "、".join(case.get("agencies") or [])),
        ("tags", ", ".join(case.get("tags") or [])),
        (h["related"], ", ".join(case.get("related") or [])),
    ]
    for label, value in rows:
        if value:
            meta.add_row(Text(label), Text(terminal(str(value))))
    out += [Text(""), meta]
    if case.get("summary"):
        out += [Text(""), Text(h["summary"], style="bold underline"), Text(terminal(case["summary"]))]
    for key in ("practices", "outcomes"):
        items = case.get(key) or []
        if not items:
            continue
        out += [Text(""), Text(h[key], style="bold underline")]
        for number, item in enumerate(items, 1):
            line = Text(f"{number}. ")
            line.append(terminal(item["title"]), style="bold")
            out.append(line)
            if item.get("detail"):
                out.append(Padding(Text(terminal(item["detail"])), (0, 0, 0, 3)))
    metrics = case.get("metrics") or []
    if metrics:
        out += [Text(""), Text(h["metrics"], style="bold underline")]
        grid = Table(show_edge=False, box=None, header_style="bold", pad_edge=False)
        for name in describe.METRIC_COLUMNS:
            grid.add_column(h[name], overflow="fold")
        for metric in metrics:
            grid.add_row(*(Text(terminal(c)) for c in describe.metric_row(metric)))
        out.append(grid)
    if case.get("recognition"):
        out += [Text(""), Text(h["recognition"], style="bold underline")]
        out += [Text("- " + terminal(r)) for r in case["recognition"]]
    out += [Text(""), Text(h["source"], style="bold underline"), Text(terminal(describe.case_source(case)))]
    return out


# Writers of ``show``, keyed in the format registry: each takes the case document and the
# path it was read from, and returns text.


def text(case: dict[str, Any], *, path: str, program_name: str, color: bool, width: int) -> str:
    """The case laid out for reading in the terminal."""
    from reformkit.render.console import render

    return render(case_renderables(case, program_name=program_name), color=color, width=width)


def as_json(case: dict[str, Any], *, path: str, **_: Any) -> str:
    """The case as a JSON object, with its ``path``."""
    from reformkit.render.cases import case_object
    from reformkit.textsafe import json_text

    return json_text(case_object(case, path), indent=2) + "\n"


def as_yaml(case: dict[str, Any], **_: Any) -> str:
    """The case as YAML, as it would be written in a case file."""
    from reformkit.textsafe import yaml_text

    return yaml_text(case)


def markdown(case: dict[str, Any], **_: Any) -> str:
    """The case as a Markdown section."""
    from reformkit.render.markdown import case_section

    return case_section(case)
