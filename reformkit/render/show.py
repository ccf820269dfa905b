"""One case laid out for reading in the terminal (rich renderables; nothing is printed here)."""

from __future__ import annotations

from typing import Any

from reformkit.text.escape import terminal
from reformkit.wording import describe, labels
from reformkit.wording.labels import Lang

#: Below this width the metrics are listed one per paragraph instead of as a table.
METRIC_TABLE_WIDTH = 100


def _meta_rows(case: dict[str, Any], program_name: str, lang: Lang) -> list[tuple[str, str]]:
    h = labels.HEADINGS[lang]
    sep = labels.WORDS[lang]["list_sep"]
    program = describe.program_line(
        case["program"], case.get("batch"), case.get("number"), lang, name=program_name
    )
    if lang != "zh":
        program = f"{program}  {program_name}".strip()
    return [
        (h["id"], case["id"]),
        (h["program"], program),
        (h["published"], describe.date_text(case.get("published", ""), lang)),
        (h["region"], describe.case_region(case)),
        (h["status"], describe.case_status(case, lang)),
        (h["agencies"], "、".join(case.get("agencies") or [])),
        (h["tags"], sep.join(case.get("tags") or [])),
        (h["related"], sep.join(case.get("related") or [])),
    ]


def case_renderables(
    case: dict[str, Any], *, program_name: str = "", lang: Lang = "zh", width: int = 100
) -> list[Any]:
    from rich.table import Table
    from rich.text import Text

    from reformkit.render.wrap import Wrapped, cell_len

    h = labels.HEADINGS[lang]
    out: list[Any] = [Wrapped(Text(terminal(case["title"]), style="bold"))]
    if case.get("subtitle"):
        out.append(Wrapped(Text(terminal(case["subtitle"]), style="italic")))
    rows = [(label, terminal(str(value))) for label, value in _meta_rows(case, program_name, lang) if value]
    label_width = max(cell_len(label) for label, _ in rows)
    meta = Table.grid(padding=(0, 2))
    meta.add_column(style="dim", no_wrap=True, width=label_width)
    meta.add_column()
    for label, value in rows:
        meta.add_row(Text(label), Wrapped(value))
    out += [Text(""), meta]
    if case.get("summary"):
        out += [Text(""), Text(h["summary"], style="bold underline"), Wrapped(_paragraphs(case["summary"]))]
    for key in ("practices", "outcomes"):
        items = case.get(key) or []
        if not items:
            continue
        out += [Text(""), Text(h[key], style="bold underline")]
        for number, item in enumerate(items, 1):
            mark = f"{number}. "
            line = Text(mark)
            line.append(terminal(item["title"]), style="bold")
            out.append(Wrapped(line, hang=len(mark)))
            if item.get("detail"):
                out.append(Wrapped(_paragraphs(item["detail"]), indent=len(mark)))
    metrics = case.get("metrics") or []
    if metrics:
        out += [Text(""), Text(h["metrics"], style="bold underline")]
        if width >= METRIC_TABLE_WIDTH:
            grid = Table(show_edge=False, box=None, header_style="bold", pad_edge=False)
            for name in describe.METRIC_COLUMNS:
                grid.add_column(h[name])
            for metric in metrics:
                grid.add_row(*(Wrapped(terminal(c)) for c in describe.metric_row(metric, lang)))
            out.append(grid)
        else:
            for metric in metrics:
                out.append(Wrapped("- " + terminal(describe.metric_line(metric, lang)), hang=2))
    if case.get("recognition"):
        out += [Text(""), Text(h["recognition"], style="bold underline")]
        out += [Wrapped("- " + terminal(r), hang=2) for r in case["recognition"]]
    cited = describe.case_source(case, lang, program_name=program_name)
    out += [Text(""), Text(h["source"], style="bold underline"), Wrapped(terminal(cited))]
    return out



def _paragraphs(text: str) -> str:
    """A text body for the terminal: its line breaks kept as line breaks, a tab read as the
    space it stands for (a raw tab would break the layout's widths), every other control
    character shown as an escape."""
    return "\n".join(terminal(line.replace("\t", " ")) for line in text.split("\n"))

# Writers of ``show``, keyed in the format registry: each takes the case document and the
# path it was read from, and returns text.


def text(
    case: dict[str, Any], *, path: str, program_name: str, color: bool, width: int, lang: Lang = "zh"
) -> str:
    """The case laid out for reading in the terminal."""
    from reformkit.render.console import render

    return render(
        case_renderables(case, program_name=program_name, lang=lang, width=width), color=color, width=width
    )


def as_json(case: dict[str, Any], *, path: str, **_: Any) -> str:
    """The case as a JSON object, with its ``path``."""
    from reformkit.render.cases import case_object
    from reformkit.text.escape import json_text

    return json_text(case_object(case, path), indent=2) + "\n"


def as_yaml(case: dict[str, Any], **_: Any) -> str:
    """The case as YAML, as it would be written in a case file."""
    from reformkit.text.escape import yaml_text

    return yaml_text(case)


def markdown(case: dict[str, Any], *, program_name: str = "", lang: Lang = "zh", **_: Any) -> str:
    """The case as a Markdown section."""
    from reformkit.render.markdown import case_section

    return case_section(case, lang=lang, program_name=program_name)
